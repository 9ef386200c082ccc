using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

public sealed record ClaimSummary(
    long Id, string Number, string Register, string Status, string Decision, string Channel, string ContactName,
    string? CustomerName, int LineCount, DateTime ReceivedAt, DateTime UpdatedAt, DateTime? NextDueAt = null);

public sealed record ClaimLineDetail(
    int LineNo, string ReferenceNumber, string? ProductCode, string ProductName, string? Ean, string? SerialNumber,
    decimal Quantity, decimal? UnitPrice, DateOnly? PurchaseDate, string? SalesDocumentNumber, string FaultDescription,
    string? Diagnosis, string Decision, string? DecisionReason, DateTime? DecidedAt)
{
    /// <summary>The ERP's facts: the sales document line, goods issue, shipment and warranty state (issue 5).</summary>
    public ClaimLineErp? Erp { get; init; }
}

public sealed record ClaimLineErp(
    int? SalesDocumentLineNo, string? GoodsIssueNumber, string? PickedBy, string? PackedBy, string? Carrier, string? TrackingNumber,
    DateOnly? WarrantyEnd, bool? UnderWarranty);

public sealed record ClaimCustomer(long Id, string? Code, string Name, string Type, string? TaxId)
{
    public static ClaimCustomer Of(Core.Customers.Customer c) => new(c.Id, c.Code, c.Name, Codes.Of(c.Type), c.TaxId);
}

public sealed record ClaimContact(string Name, string? Email, string? Phone, string Language, string PreferredChannel);

public sealed record ClaimDetail(
    long Id, string Number, string Register, string Status, string Decision, string Channel, ClaimCustomer? Customer,
    ClaimContact Contact, string CustomerType, string LegalBasis, string Category, string RequestedRemedy,
    string DeliveryMethod, string Priority, string? Description, string? AssigneeId, decimal Value,
    DateTime ReceivedAt, DateTime? DecidedAt, DateTime? ResolvedAt, DateTime? ClosedAt, DateTime CreatedAt,
    DateTime UpdatedAt, int Version, IReadOnlyList<ClaimLineDetail> Lines)
{
    /// <summary>The values of the register's active custom fields by field code: numbers, true/false or text.</summary>
    public IReadOnlyDictionary<string, object?> CustomFields { get; init; } = new Dictionary<string, object?>();

    /// <summary>A loaded claim as the API shows it (and as a webhook's body carries it).</summary>
    public static ClaimDetail Of(Claim c, string register, ClaimCustomer? customer, IEnumerable<ClaimLine> lines) =>
        new(c.Id, c.Number, register, c.Status, Codes.Of(c.Decision), Codes.Of(c.Channel), customer,
            new ClaimContact(c.ContactName, c.ContactEmail, c.ContactPhone, c.ContactLanguage, Codes.Of(c.PreferredChannel)),
            Codes.Of(c.CustomerType), Codes.Of(c.LegalBasis), Codes.Of(c.Category), Codes.Of(c.RequestedRemedy),
            Codes.Of(c.DeliveryMethod), Codes.Of(c.Priority), c.Description, c.AssigneeId, c.Value,
            c.ReceivedAt, c.DecidedAt, c.ResolvedAt, c.ClosedAt, c.CreatedAt, c.UpdatedAt, c.Version,
            [.. lines.OrderBy(l => l.LineNo).Select(l => new ClaimLineDetail(l.LineNo, l.ReferenceNumber, l.ProductCode, l.ProductName, l.Ean,
                l.SerialNumber, l.Quantity, l.UnitPrice, l.PurchaseDate, l.SalesDocumentNumber, l.FaultDescription, l.Diagnosis,
                Codes.Of(l.Decision), l.DecisionReason, l.DecidedAt)
            {
                Erp = new ClaimLineErp(l.SalesDocumentLineNo, l.GoodsIssueNumber, l.PickedBy, l.PackedBy, l.Carrier, l.TrackingNumber,
                    l.WarrantyEnd, l.UnderWarranty),
            })]);
}

public sealed record HistoryEntry(
    DateTime At, string ActorType, string? ActorName, string EntityType, string Action, string? Field, string? OldValue,
    string? NewValue, string? RemoteAddress);

public sealed record ClaimPage(IReadOnlyList<ClaimSummary> Items, int Page, int PageSize, int Total);

/// <summary>How a claim list is narrowed, sorted and paged; all of it happens in SQL.</summary>
public sealed record ClaimFilter
{
    public const int MaxPageSize = 100;

    public string? Register { get; init; }
    public string? Status { get; init; }
    public DateTime? UpdatedSince { get; init; }
    public string? Search { get; init; }
    public string Sort { get; init; } = "received";
    public bool Descending { get; init; } = true;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>Reads claims for the pages and the API: projections, no tracking, paging and sorting in SQL.</summary>
public sealed class ClaimQueries(AppDbContext db, Infrastructure.DatabaseInfo database, CustomFields.CustomFieldQueries customFields)
{
    /// <summary>A claim's id from its id, its number, or one of its lines' reference numbers.</summary>
    public async Task<long?> FindIdAsync(string idOrNumber, CancellationToken cancellationToken = default)
    {
        var key = idOrNumber.Trim();
        if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await db.Claims.Where(c => c.Id == id && !c.IsDeleted).Select(c => (long?)c.Id).SingleOrDefaultAsync(cancellationToken);
        }

        var upper = key.ToUpperInvariant();
        return await db.Claims.Where(c => c.Number == upper && !c.IsDeleted).Select(c => (long?)c.Id).SingleOrDefaultAsync(cancellationToken)
            ?? await db.ClaimLines.Where(l => l.ReferenceNumber == upper)
                .Join(db.Claims.Where(c => !c.IsDeleted), l => l.ClaimId, c => c.Id, (l, c) => (long?)c.Id)
                .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<ClaimDetail?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var claim = await db.Claims.AsNoTracking()
            .Where(c => c.Id == id && !c.IsDeleted)
            .Select(c => new
            {
                Claim = c,
                Register = c.Register!.Code,
                Customer = c.Customer == null ? null : new ClaimCustomer(c.Customer.Id, c.Customer.Code, c.Customer.Name, Codes.Of(c.Customer.Type), c.Customer.TaxId),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var lines = await db.ClaimLines.AsNoTracking().Where(l => l.ClaimId == id).OrderBy(l => l.LineNo).ToListAsync(cancellationToken);
        return ClaimDetail.Of(claim.Claim, claim.Register, claim.Customer, lines) with
        {
            CustomFields = await customFields.ForApiAsync(id, cancellationToken),
        };
    }

    public async Task<ClaimPage> ListAsync(ClaimFilter filter, CancellationToken cancellationToken = default)
    {
        var claims = db.Claims.AsNoTracking().Where(c => !c.IsDeleted);
        if (!string.IsNullOrWhiteSpace(filter.Register))
        {
            claims = claims.Where(c => c.Register!.Code == filter.Register);
        }

        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            claims = claims.Where(c => c.Status == filter.Status);
        }
        else
        {
            // Queues never show what the workflow hides (unconfirmed web submissions).
            claims = claims.Where(c => !db.WorkflowStatuses.Any(s => s.RegisterId == c.RegisterId && s.Code == c.Status && s.HiddenFromQueues));
        }

        if (filter.UpdatedSince is { } since)
        {
            var utc = since.ToUniversalTime();
            claims = claims.Where(c => c.UpdatedAt >= utc);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var matching = Search.ClaimSearch.Matching(db, database.Provider, filter.Search);
            claims = claims.Where(c => matching.Contains(c.Id));
        }

        claims = (filter.Sort, filter.Descending) switch
        {
            ("number", false) => claims.OrderBy(c => c.Number),
            ("number", true) => claims.OrderByDescending(c => c.Number),
            ("status", false) => claims.OrderBy(c => c.Status).ThenByDescending(c => c.Id),
            ("status", true) => claims.OrderByDescending(c => c.Status).ThenByDescending(c => c.Id),
            ("updated", false) => claims.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id),
            ("updated", true) => claims.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
            ("contact", false) => claims.OrderBy(c => c.ContactName).ThenByDescending(c => c.Id),
            ("contact", true) => claims.OrderByDescending(c => c.ContactName).ThenByDescending(c => c.Id),
            // Earliest due first; claims with no running deadline come last either way.
            ("due", false) => claims.OrderBy(c => c.NextDueAt == null).ThenBy(c => c.NextDueAt).ThenBy(c => c.Id),
            ("due", true) => claims.OrderBy(c => c.NextDueAt == null).ThenByDescending(c => c.NextDueAt).ThenByDescending(c => c.Id),
            (_, false) => claims.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id),
            _ => claims.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id),
        };

        var pageSize = Math.Clamp(filter.PageSize, 1, ClaimFilter.MaxPageSize);
        var total = await claims.CountAsync(cancellationToken);
        var page = Math.Max(1, filter.Page);
        var items = await claims.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id, c.Number, Register = c.Register!.Code, c.Status, c.Decision, c.Channel, c.ContactName,
                CustomerName = c.Customer == null ? null : c.Customer.Name,
                LineCount = db.ClaimLines.Count(l => l.ClaimId == c.Id), c.ReceivedAt, c.UpdatedAt, c.NextDueAt,
            })
            .ToListAsync(cancellationToken);
        return new ClaimPage([.. items.Select(c => new ClaimSummary(c.Id, c.Number, c.Register, c.Status, Codes.Of(c.Decision),
            Codes.Of(c.Channel), c.ContactName, c.CustomerName, c.LineCount, c.ReceivedAt, c.UpdatedAt, c.NextDueAt))], page, pageSize, total);
    }

    /// <summary>Everything that happened to the claim and its lines, oldest first; refused attempts included.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(long id, CancellationToken cancellationToken = default)
    {
        var key = id.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEvents.AsNoTracking()
            .Where(a => (a.EntityType == Claim.EntityType || a.EntityType == Claim.LineEntityType) && a.EntityId == key)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new HistoryEntry(a.At, a.ActorType, a.ActorName, a.EntityType, a.Action, a.Field, a.OldValue, a.NewValue, a.RemoteAddress))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>A line's ERP facts as the card (<paramref name="Internal"/>: with picker and packer) or the portal shows them.</summary>
public sealed record LineFactsView(ClaimLineDetail Line, bool Internal);
