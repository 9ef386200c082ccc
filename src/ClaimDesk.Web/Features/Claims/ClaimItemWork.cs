using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The work on a claim's items and its costs (issue 13), for the card and the API: one transaction each, the claim's
/// method deciding, every change audited in that transaction and handed to the features that act on it
/// (<see cref="ClaimEventDispatcher"/>), as <see cref="ClaimCommands"/> does. Costs are totalled in the organisation's
/// currency (<c>ClaimDesk:Organisation:Currency</c>).
/// </summary>
public sealed class ClaimItemWork(AppDbContext db, OrganisationClock clock, ClaimChanges changes,
    IOptions<ClaimDeskOptions> options)
{
    /// <summary>The currency a claim's cost total is kept in.</summary>
    public string Currency => CostRules.Currency(options.Value.Organisation.Currency, "PLN") ?? "PLN";

    /// <summary>Records an item's work: diagnosis, supplier statement, remedy and its facts, dates and the way back.</summary>
    public Task<ClaimOutcome> RecordAsync(long claimId, int lineNo, ItemWorkInput input, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(claimId, actor, (claim, log) => claim.RecordItemWork(claim.Register!.Workflow, lineNo, input, Currency, actor, clock.UtcNow, log),
            _ => new Change(Claim.LineEntityType, Id(claimId), "item_work_refused", Claim.ItemWorkField(lineNo, "work")), cancellationToken);

    /// <summary>Adds a cost line; returns it (with its id) when it was added.</summary>
    public async Task<(ClaimOutcome Outcome, ClaimCost? Cost)> AddCostAsync(long claimId, CostInput input, Actor actor,
        CancellationToken cancellationToken = default)
    {
        ClaimCost? added = null;
        var outcome = await ChangeAsync(claimId, actor, (claim, log) =>
            {
                var (result, cost) = claim.AddCost(claim.Register!.Workflow, input, Currency, actor, clock.UtcNow, log);
                added = cost;
                return result;
            },
            _ => new Change(Claim.EntityType, Id(claimId), "cost_refused", "cost"), cancellationToken);
        return (outcome, outcome.Succeeded ? added : null);
    }

    public Task<ClaimOutcome> ChangeCostAsync(long claimId, long costId, CostInput input, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(claimId, actor, (claim, log) => claim.ChangeCost(claim.Register!.Workflow, costId, input, Currency, actor, clock.UtcNow, log),
            _ => new Change(Claim.EntityType, Id(claimId), "cost_refused", Claim.CostField(costId, "cost")), cancellationToken);

    public Task<ClaimOutcome> RemoveCostAsync(long claimId, long costId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(claimId, actor, (claim, log) => claim.RemoveCost(claim.Register!.Workflow, costId, Currency, actor, clock.UtcNow, log),
            _ => new Change(Claim.EntityType, Id(claimId), "cost_refused", Claim.CostField(costId, "cost")), cancellationToken);

    /// <summary>A claim's costs and their totals, per currency and in the organisation's.</summary>
    public async Task<ClaimCostsDetail> CostsAsync(long claimId, CancellationToken cancellationToken = default)
    {
        var total = await db.Claims.Where(c => c.Id == claimId).Select(c => c.CostTotal).SingleOrDefaultAsync(cancellationToken);
        var costs = await db.ClaimCosts.AsNoTracking().Where(c => c.ClaimId == claimId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return ClaimCostsDetail.Of(total, Currency, costs);
    }

    private Task<ClaimOutcome> ChangeAsync(long claimId, Actor actor, Func<Claim, ChangeLog, ClaimOutcome> change,
        Func<Claim, Change> refusal, CancellationToken cancellationToken) =>
        changes.ApplyAsync(claimId, actor, claims => claims.Include(c => c.Costs), change, refusal, cancellationToken);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An item's work as the API and the card show it (the diagnosis is the line's own field).</summary>
public sealed record ClaimLineWork(
    string? SupplierStatement, string Remedy, DateTime? RemedyGrantedAt, string? ReplacementSerial, decimal? RefundAmount, string? RefundCurrency,
    string? RepairDone, string? RepairParts, int? RepairMinutes, DateTime? GoodsReceivedAt, DateTime? ReturnedAt, string? ReturnMethod,
    string? ReturnTrackingNumber)
{
    public static ClaimLineWork Of(ClaimLine l) =>
        new(l.SupplierStatement, Core.Common.Codes.Of(l.Remedy), l.RemedyGrantedAt, l.ReplacementSerial, l.RefundAmount, l.RefundCurrency,
            l.RepairDone, l.RepairParts, l.RepairMinutes, l.GoodsReceivedAt, l.ReturnedAt,
            l.ReturnMethod is { } method ? Core.Common.Codes.Of(method) : null, l.ReturnTrackingNumber);
}

/// <summary>One cost line as the API and the card show it.</summary>
public sealed record ClaimCostDetail(
    long Id, int? LineNo, string Kind, string Description, decimal Amount, string Currency, string BorneBy, string? GlAccount,
    DateTime CreatedAt, string CreatedBy);

/// <summary>What a claim's costs in one currency add up to, and how much of it each party bears.</summary>
public sealed record CostCurrencyTotal(string Currency, decimal Amount, decimal BorneByUs, decimal BorneBySupplier, decimal BorneByCustomer);

/// <summary>
/// A claim's costs: <paramref name="Total"/> is the claim's cost total in <paramref name="Currency"/>, the organisation's;
/// <paramref name="Totals"/> adds the costs up per currency (the organisation's first), none converted.
/// </summary>
public sealed record ClaimCostsDetail(decimal Total, string Currency, IReadOnlyList<CostCurrencyTotal> Totals, IReadOnlyList<ClaimCostDetail> Lines)
{
    public static ClaimCostsDetail Of(decimal total, string currency, IReadOnlyList<ClaimCost> costs) =>
        new(total, currency,
            [.. costs.GroupBy(c => c.Currency).OrderBy(g => g.Key == currency ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CostCurrencyTotal(g.Key, g.Sum(c => c.Amount), Sum(g, CostBearer.Us), Sum(g, CostBearer.Supplier), Sum(g, CostBearer.Customer)))],
            [.. costs.Select(c => new ClaimCostDetail(c.Id, c.LineNo, Core.Common.Codes.Of(c.Kind), c.Description, c.Amount, c.Currency,
                Core.Common.Codes.Of(c.BorneBy), c.GlAccount, c.CreatedAt, c.CreatedByName))]);

    private static decimal Sum(IEnumerable<ClaimCost> costs, CostBearer bearer) => costs.Where(c => c.BorneBy == bearer).Sum(c => c.Amount);
}
