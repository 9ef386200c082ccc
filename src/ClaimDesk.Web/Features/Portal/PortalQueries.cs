using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Portal;

public sealed record PortalClaimSummary(
    long Id, string Number, DateTime ReceivedAt, string Status, ClaimDecision Decision, int LineCount, decimal Value, string? FirstProduct);

public sealed record PortalPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>How the partner narrows their RMA history: text (number, reference, serial number, product), status and dates.</summary>
public sealed record PortalClaimFilter(string? Search, string? Status, DateOnly? From, DateOnly? To, int Page, int PageSize = 20);

public sealed record PortalDocumentSummary(long Id, string Number, DateOnly IssueDate, DateOnly? SaleDate, int LineCount, decimal Total, string Currency);

public sealed record PortalDocumentLine(
    int LineNo, string ProductCode, string ProductName, decimal Quantity, decimal UnitPrice, IReadOnlyList<string> SerialNumbers,
    decimal Claimed)
{
    public decimal Claimable => Math.Max(0, Quantity - Claimed);
}

public sealed record PortalDocument(
    long Id, string Number, DateOnly IssueDate, DateOnly? SaleDate, string Currency, string? Carrier, string? TrackingNumber,
    IReadOnlyList<PortalDocumentLine> Lines);

/// <summary>
/// What the portal reads, always within one company: its claims (customer-facing status labels only) and its sales
/// documents with what of each line is already claimed. Paging and filtering happen in SQL.
/// </summary>
public sealed class PortalQueries(AppDbContext db, OrganisationClock clock, ClaimLineEnrichment enrichment)
{
    /// <summary>
    /// The customer-facing labels the status filter offers, each once (statuses of a register, and of several registers,
    /// may share a label): those of the registers of customer complaints, where the portal files RMAs, and of every register the
    /// company has claims in; in workflow order, the complaints register's first.
    /// </summary>
    public async Task<IReadOnlyList<string>> StatusLabelsAsync(long companyId, string language, CancellationToken cancellationToken = default)
    {
        var statuses = await db.WorkflowStatuses.AsNoTracking()
            .Where(s => !s.HiddenFromQueues && db.Registers.Any(r => r.Id == s.RegisterId
                && (r.Kind == Core.Registers.RegisterKind.Complaints || db.Claims.Any(c => c.RegisterId == r.Id && c.CustomerId == companyId && !c.IsDeleted))))
            .Select(s => new { s.RegisterId, s.SortOrder, s.CustomerLabel, Complaints = db.Registers.Any(r => r.Id == s.RegisterId && r.Kind == Core.Registers.RegisterKind.Complaints) })
            .ToListAsync(cancellationToken);
        return [.. statuses.OrderByDescending(s => s.Complaints).ThenBy(s => s.RegisterId).ThenBy(s => s.SortOrder)
            .Select(s => s.CustomerLabel.In(language)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Every status's id, register, code and customer-facing label (a short table, read whole).</summary>
    private async Task<List<(int Id, int RegisterId, string Code, string Label)>> CustomerLabelsAsync(string language, CancellationToken cancellationToken) =>
        [.. (await db.WorkflowStatuses.AsNoTracking().Select(s => new { s.Id, s.RegisterId, s.Code, s.CustomerLabel }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, s.RegisterId, s.Code, s.CustomerLabel.In(language)))];

    /// <summary>
    /// The company's claims, filtered and paged in SQL. <see cref="PortalClaimFilter.Status"/> is a customer-facing label
    /// in <paramref name="language"/>: it finds claims in every status, of any register, that carries it.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "Translated to SQL UPPER(), not run in .NET.")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1311:Specify a culture", Justification = "Translated to SQL UPPER(), not run in .NET.")]
    public async Task<PortalPage<PortalClaimSummary>> ClaimsAsync(
        long companyId, PortalClaimFilter filter, string language, CancellationToken cancellationToken = default)
    {
        var claims = db.Claims.AsNoTracking().Where(c => c.CustomerId == companyId && !c.IsDeleted
            && !db.WorkflowStatuses.Any(s => s.RegisterId == c.RegisterId && s.Code == c.Status && s.HiddenFromQueues));
        var statuses = await CustomerLabelsAsync(language, cancellationToken);
        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            var label = filter.Status.Trim();
            var carrying = statuses.Where(s => s.Label == label).Select(s => s.Id).ToList();
            claims = claims.Where(c => db.WorkflowStatuses.Any(s => carrying.Contains(s.Id) && s.RegisterId == c.RegisterId && s.Code == c.Status));
        }

        if (filter.From is { } from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), clock.Zone);
            claims = claims.Where(c => c.ReceivedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.Zone);
            claims = claims.Where(c => c.ReceivedAt < end);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            var pattern = $"%{term.ToUpperInvariant()}%";
            claims = claims.Where(c => EF.Functions.Like(c.Number, pattern)
                || db.ClaimLines.Any(l => l.ClaimId == c.Id && (EF.Functions.Like(l.ReferenceNumber, pattern) || l.SerialNumber == term
                    || EF.Functions.Like(l.ProductName.ToUpper(), pattern) || l.SalesDocumentNumber == term)));
        }

        var total = await claims.CountAsync(cancellationToken);
        var page = Math.Max(1, filter.Page);
        var items = await claims.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Skip((page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(c => new
            {
                c.Id, c.Number, c.ReceivedAt, c.RegisterId, c.Status, c.Decision, c.Value,
                LineCount = db.ClaimLines.Count(l => l.ClaimId == c.Id),
                FirstProduct = db.ClaimLines.Where(l => l.ClaimId == c.Id).OrderBy(l => l.LineNo).Select(l => l.ProductName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var labels = statuses.ToDictionary(s => (s.RegisterId, s.Code), s => s.Label);
        return new PortalPage<PortalClaimSummary>([.. items.Select(c => new PortalClaimSummary(c.Id, c.Number, clock.ToLocal(c.ReceivedAt),
            labels.GetValueOrDefault((c.RegisterId, c.Status), c.Status), c.Decision, c.LineCount, c.Value, c.FirstProduct))], page, filter.PageSize, total);
    }

    public async Task<PortalPage<PortalDocumentSummary>> DocumentsAsync(
        long companyId, string? search, int page, CancellationToken cancellationToken = default)
    {
        const int pageSize = 20;
        var documents = db.SalesDocuments.AsNoTracking().Where(d => d.CustomerId == companyId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{search.Trim()}%";
            documents = documents.Where(d => EF.Functions.Like(d.Number, pattern));
        }

        var total = await documents.CountAsync(cancellationToken);
        page = Math.Max(1, page);
        var items = await documents.OrderByDescending(d => d.IssueDate).ThenByDescending(d => d.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(d => new PortalDocumentSummary(d.Id, d.Number, d.IssueDate, d.SaleDate, d.Lines.Count,
                d.Lines.Sum(l => l.Quantity * l.UnitPrice), d.Currency))
            .ToListAsync(cancellationToken);
        return new PortalPage<PortalDocumentSummary>(items, page, pageSize, total);
    }

    /// <summary>The company's sales document by its number, with what of each line is claimed already; null for any other.</summary>
    public async Task<PortalDocument?> DocumentAsync(long companyId, string number, CancellationToken cancellationToken = default)
    {
        var document = await db.SalesDocuments.AsNoTracking()
            .Include(d => d.Lines).ThenInclude(l => l.Product)
            .Where(d => d.Number == number && d.CustomerId == companyId)
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return null;
        }

        var claimed = await enrichment.ClaimedAsync([document.Number], cancellationToken);
        return new PortalDocument(document.Id, document.Number, document.IssueDate, document.SaleDate, document.Currency,
            document.Carrier, document.TrackingNumber,
            [.. document.Lines.OrderBy(l => l.LineNo).Select(l => new PortalDocumentLine(l.LineNo, l.Product!.Code, l.Product.Name,
                l.Quantity, l.UnitPrice, l.SerialNumbers, claimed.GetValueOrDefault((document.Number, l.LineNo))))]);
    }

    /// <summary>The company's most recent sales document numbers, for the picker of the new RMA form.</summary>
    public async Task<IReadOnlyList<string>> RecentDocumentNumbersAsync(long companyId, CancellationToken cancellationToken = default) =>
        await db.SalesDocuments.AsNoTracking().Where(d => d.CustomerId == companyId)
            .OrderByDescending(d => d.IssueDate).ThenByDescending(d => d.Id).Take(50).Select(d => d.Number)
            .ToListAsync(cancellationToken);
}
