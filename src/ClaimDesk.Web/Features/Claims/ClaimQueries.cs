using System.Globalization;
using System.Linq.Expressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Workflows;
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

    /// <summary>The work on the item: supplier statement, remedy granted and its facts, dates it came and went (issue 13).</summary>
    public ClaimLineWork? Work { get; init; }
}

public sealed record ClaimLineErp(
    int? SalesDocumentLineNo, string? GoodsIssueNumber, string? PickedBy, string? PackedBy, string? Carrier, string? TrackingNumber,
    DateOnly? WarrantyEnd, bool? UnderWarranty);

/// <summary>The supplier a claim is made to, from master data.</summary>
public sealed record ClaimSupplier(long Id, string Code, string Name);

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

    /// <summary>Where the courier collects the goods (courier pickup), lines separated by <c>\n</c>.</summary>
    public string? PickupAddress { get; init; }

    /// <summary>The parcel locker the goods are posted from (parcel locker).</summary>
    public string? ParcelLockerId { get; init; }

    /// <summary>The supplier the claim is made to (supplier registers); none for other claims.</summary>
    public ClaimSupplier? Supplier { get; init; }

    /// <summary>The sum of the claim's costs in the organisation's currency (<see cref="Core.Claims.Claim.CostTotal"/>).</summary>
    public decimal CostTotal { get; init; }

    /// <summary>The claim's cost lines and their totals per currency (<c>GET /api/v1/claims/{id}</c> and the card).</summary>
    public ClaimCostsDetail? Costs { get; init; }

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
                Work = ClaimLineWork.Of(l),
            })])
        {
            PickupAddress = c.PickupAddress,
            ParcelLockerId = c.ParcelLockerId,
            CostTotal = c.CostTotal,
        };
}

public sealed record HistoryEntry(
    DateTime At, string ActorType, string? ActorName, string EntityType, string Action, string? Field, string? OldValue,
    string? NewValue, string? RemoteAddress);

public sealed record ClaimPage(IReadOnlyList<ClaimSummary> Items, int Page, int PageSize, int Total);

/// <summary>
/// How a claim list is narrowed, sorted and paged; all of it happens in SQL. Deleted claims are never listed. Every
/// condition given must hold; a null or empty one narrows nothing.
/// </summary>
public sealed record ClaimFilter
{
    public const int MaxPageSize = 100;

    /// <summary>The assignee value meaning the current user.</summary>
    public const string Me = "me";

    /// <summary>The assignee value meaning no one.</summary>
    public const string Nobody = "none";

    public string? Register { get; init; }

    /// <summary>One status (the API's filter); <see cref="Statuses"/> adds more.</summary>
    public string? Status { get; init; }

    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary><c>open</c>: statuses of the categories open and waiting; <c>closed</c>: statuses of the category closed.</summary>
    public string? State { get; init; }

    /// <summary><see cref="Me"/>, <see cref="Nobody"/> or a user's id.</summary>
    public string? Assignee { get; init; }

    /// <summary>Who <see cref="Me"/> is.</summary>
    public string? CurrentUserId { get; init; }

    public string? Channel { get; init; }
    public string? CustomerType { get; init; }
    public string? LegalBasis { get; init; }
    public string? Category { get; init; }
    public string? Priority { get; init; }
    public string? Decision { get; init; }

    /// <summary>Received at or after this instant (UTC).</summary>
    public DateTime? ReceivedFrom { get; init; }

    /// <summary>Received before this instant (UTC).</summary>
    public DateTime? ReceivedBefore { get; init; }

    /// <summary>The next running deadline falls before this instant (UTC).</summary>
    public DateTime? DueBefore { get; init; }

    /// <summary>Only claims with a deadline run out and its milestone still missing (<see cref="Deadlines.DeadlineQueries.Overdue"/>).</summary>
    public bool Overdue { get; init; }

    public DateTime? UpdatedSince { get; init; }
    public string? Search { get; init; }

    /// <summary>Set by the grid when it has counted that <see cref="Search"/> matches few claims (see <see cref="Search.ClaimSearch.Matching"/>).</summary>
    public bool FewSearchMatches { get; init; }

    /// <summary>Custom-field conditions, each field with what it must hold (the grid's <c>cf.&lt;id&gt;</c> filters).</summary>
    public IReadOnlyList<(Core.CustomFields.CustomFieldDefinition Field, CustomFields.CustomFieldFilter Filter)> CustomFilters { get; init; } = [];

    /// <summary>A custom field to sort by instead of <see cref="Sort"/> (the grid's <c>cf:&lt;id&gt;</c> columns).</summary>
    public Core.CustomFields.CustomFieldDefinition? CustomSort { get; init; }

    public string Sort { get; init; } = "received";
    public bool Descending { get; init; } = true;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>
/// A page of the grid. <see cref="Total"/> is exact up to <see cref="ClaimQueries.CountCap"/>; beyond it
/// <see cref="TotalIsCapped"/> is set and the grid says "more than".
/// </summary>
public sealed record ClaimGridPage(IReadOnlyList<ClaimGridRow> Items, int Page, int PageSize, int Total, bool TotalIsCapped);

/// <summary>Reads claims for the pages and the API: projections, no tracking, paging and sorting in SQL.</summary>
public sealed class ClaimQueries(
    AppDbContext db, Infrastructure.DatabaseInfo database, CustomFields.CustomFieldQueries customFields, TimeProvider clock,
    ClaimItemWork itemWork)
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
                Supplier = db.Suppliers.Where(s => s.Id == c.SupplierId).Select(s => new ClaimSupplier(s.Id, s.Code, s.Name)).FirstOrDefault(),
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
            Supplier = claim.Supplier,
            Costs = await itemWork.CostsAsync(id, cancellationToken),
        };
    }

    /// <summary>The grid counts matching claims up to this many; counting a million rows for a page of 25 is not worth its time.</summary>
    public const int CountCap = 10_000;

    public async Task<ClaimPage> ListAsync(ClaimFilter filter, CancellationToken cancellationToken = default)
    {
        var claims = Sorted(filter);
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

    /// <summary>A page of the grid, with its count capped at <see cref="CountCap"/>.</summary>
    public async Task<ClaimGridPage> GridAsync(ClaimFilter filter, CancellationToken cancellationToken = default)
    {
        var total = await CountQuery(filter).CountAsync(cancellationToken);
        var items = await PageQuery(filter with { FewSearchMatches = total <= CountCap }).ToListAsync(cancellationToken);
        return new ClaimGridPage(items, Math.Max(1, filter.Page), Math.Clamp(filter.PageSize, 1, ClaimFilter.MaxPageSize),
            Math.Min(total, CountCap), total > CountCap);
    }

    /// <summary>
    /// The ids whose count is the grid's total: at most <see cref="CountCap"/> + 1 of them, so that the count stops
    /// early on a large view and, with a selective filter, reads only the index. Which ids does not matter for a count,
    /// but a row limit is always ordered (by the key, which every index holds), so that no query limits rows in an
    /// order the database picks.
    /// </summary>
    public IQueryable<long> CountQuery(ClaimFilter filter) =>
        Filtered(filter).Select(c => c.Id).OrderBy(id => id).Take(CountCap + 1);

    /// <summary>The rows of the grid's page.</summary>
    public IQueryable<ClaimGridRow> PageQuery(ClaimFilter filter)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, ClaimFilter.MaxPageSize);
        return Rows(Sorted(filter).Skip((Math.Max(1, filter.Page) - 1) * pageSize).Take(pageSize));
    }

    /// <summary>Every claim of the view, sorted, read as the caller consumes them (the export streams them out).</summary>
    public IAsyncEnumerable<ClaimGridRow> StreamAsync(ClaimFilter filter) =>
        Rows(Sorted(filter)).AsAsyncEnumerable();

    /// <summary>The view sorted by its column, or by its custom field.</summary>
    private IOrderedQueryable<Claim> Sorted(ClaimFilter filter) => filter.CustomSort is { } field
        ? customFields.OrderBy(Filtered(filter), field, filter.Descending)
        : ClaimGrid.Sort(Filtered(filter), filter.Sort, filter.Descending, db, database.Provider);

    private IQueryable<ClaimGridRow> Rows(IQueryable<Claim> claims) =>
        claims.Select(c => new
            {
                c.Id, c.Number, Register = c.Register!.Code, c.Status, c.Decision, c.Channel, c.ContactName,
                CustomerName = c.Customer == null ? null : c.Customer.Name,
                LineCount = db.ClaimLines.Count(l => l.ClaimId == c.Id), c.ReceivedAt, c.UpdatedAt, c.AssigneeId,
                AssigneeName = db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                c.Priority, c.Value, c.NextDueAt, c.Category, c.LegalBasis,
            })
            .Select(c => new ClaimGridRow(c.Id, c.Number, c.Register, c.Status, Codes.Of(c.Decision), Codes.Of(c.Channel), c.ContactName,
                c.CustomerName, c.LineCount, c.ReceivedAt, c.UpdatedAt, c.AssigneeId, c.AssigneeName, Codes.Of(c.Priority), c.Value,
                c.NextDueAt, Codes.Of(c.Category), Codes.Of(c.LegalBasis)));

    /// <summary>The claims <paramref name="filter"/> describes, not yet sorted; unknown codes match nothing.</summary>
    public IQueryable<Claim> Filtered(ClaimFilter filter)
    {
        var claims = db.Claims.AsNoTracking().Where(c => !c.IsDeleted);
        if (!string.IsNullOrWhiteSpace(filter.Register))
        {
            claims = claims.Where(c => c.Register!.Code == filter.Register);
        }

        var statuses = filter.Statuses.Append(filter.Status).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).Distinct().ToList();
        if (statuses.Count == 1)
        {
            var status = statuses[0];
            claims = claims.Where(c => c.Status == status);
        }
        else if (statuses.Count > 1)
        {
            claims = claims.Where(c => statuses.Contains(c.Status));
        }
        else
        {
            // Queues never show what the workflow hides (unconfirmed web submissions).
            claims = claims.Where(c => !db.WorkflowStatuses.Any(s => s.RegisterId == c.RegisterId && s.Code == c.Status && s.HiddenFromQueues));
        }

        // The state filter is a status category: closed, or open (any other: open or waiting).
        if (Core.Common.Codes.TryParse<StatusCategory>(filter.State, out var state))
        {
            var closed = state == StatusCategory.Closed;
            claims = claims.Where(c => db.WorkflowStatuses.Any(s => s.RegisterId == c.RegisterId && s.Code == c.Status
                && (s.Category == StatusCategory.Closed) == closed));
        }

        switch (filter.Assignee?.Trim())
        {
            case null or "":
                break;
            case ClaimFilter.Nobody:
                claims = claims.Where(c => c.AssigneeId == null);
                break;
            case ClaimFilter.Me:
                var me = filter.CurrentUserId ?? "";
                claims = claims.Where(c => c.AssigneeId == me);
                break;
            case var user:
                claims = claims.Where(c => c.AssigneeId == user);
                break;
        }

        claims = Code<Channel>(claims, filter.Channel, value => c => c.Channel == value);
        claims = Code<CustomerType>(claims, filter.CustomerType, value => c => c.CustomerType == value);
        claims = Code<LegalBasis>(claims, filter.LegalBasis, value => c => c.LegalBasis == value);
        claims = Code<ClaimCategory>(claims, filter.Category, value => c => c.Category == value);
        claims = Code<Priority>(claims, filter.Priority, value => c => c.Priority == value);
        claims = Code<ClaimDecision>(claims, filter.Decision, value => c => c.Decision == value);

        if (filter.ReceivedFrom is { } from)
        {
            var utc = from.ToUniversalTime();
            claims = claims.Where(c => c.ReceivedAt >= utc);
        }

        if (filter.ReceivedBefore is { } before)
        {
            var utc = before.ToUniversalTime();
            claims = claims.Where(c => c.ReceivedAt < utc);
        }

        if (filter.DueBefore is { } dueBefore)
        {
            var utc = dueBefore.ToUniversalTime();
            claims = claims.Where(c => c.NextDueAt < utc);
        }

        if (filter.Overdue)
        {
            claims = Deadlines.DeadlineQueries.Overdue(db, claims, clock.GetUtcNow().UtcDateTime);
        }

        if (filter.UpdatedSince is { } since)
        {
            var utc = since.ToUniversalTime();
            claims = claims.Where(c => c.UpdatedAt >= utc);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var matching = Search.ClaimSearch.Matching(db, database.Provider, filter.Search, filter.FewSearchMatches);
            claims = claims.Where(c => matching.Contains(c.Id));
        }

        foreach (var (field, condition) in filter.CustomFilters)
        {
            claims = customFields.Where(claims, field, condition);
        }

        return claims;
    }

    private static IQueryable<Claim> Code<TEnum>(IQueryable<Claim> claims, string? code, Func<TEnum, Expression<Func<Claim, bool>>> predicate)
        where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(code) ? claims
            : Codes.TryParse<TEnum>(code, out var value) ? claims.Where(predicate(value))
            : claims.Where(_ => false);

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
