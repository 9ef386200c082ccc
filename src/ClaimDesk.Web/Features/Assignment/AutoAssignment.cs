using System.Globalization;
using ClaimDesk.Core.Assignment;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Customers;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ClaimDesk.Web.Features.Assignment;

/// <summary>
/// Auto-assignment (DESIGN §3.4): when a claim enters the queue (recorded by staff or the API, or confirmed by a web
/// consumer), the first matching <see cref="AssignmentRule"/> hands it to a user, or to a team's next member in turn.
/// Runs in the caller's unit of work; the claim's history says which rule assigned whom. The rules are cached for a
/// few seconds (every node re-reads them within <see cref="CacheFor"/>; this node at once after an edit), so a claim
/// costs no query when there are none.
/// </summary>
public sealed class AutoAssignment(AppDbContext db, IMemoryCache cache)
{
    public const string RuleAction = "auto_assigned";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const string CacheKey = "claimdesk:assignment-rules";

    public static void Forget(IMemoryCache cache) => cache.Remove(CacheKey);

    /// <summary>Assigns an unassigned claim by the rules; returns the user id, or null when no rule (or no one) applies.</summary>
    public async Task<string?> AssignAsync(Claim claim, Customer? customer, ChangeLog log, DateTime now, CancellationToken cancellationToken = default)
    {
        if (claim.AssigneeId is not null)
        {
            return null;
        }

        var rules = await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await db.AssignmentRules.AsNoTracking().Where(r => r.Enabled).ToListAsync(cancellationToken);
        }) ?? [];
        if (rules.Count == 0)
        {
            return null;
        }

        var codes = claim.Lines.Select(l => l.ProductCode).OfType<string>().Distinct().ToList();
        var groups = codes.Count == 0 ? [] : await db.Products.AsNoTracking()
            .Where(p => codes.Contains(p.Code) && p.ProductGroup != null).Select(p => p.ProductGroup!).Distinct().ToListAsync(cancellationToken);
        var rule = AssignmentRule.Choose(rules, new AssignmentFacts(claim.RegisterId, claim.Category, customer?.Tier, groups)
        {
            Value = claim.Value,
            CostTotal = claim.CostTotal,
        });
        if (rule is null)
        {
            return null;
        }

        var staff = await Infrastructure.StaffDirectory.NamesAsync(db, cancellationToken);
        var userId = rule.UserId;
        if (rule.TeamId is { } teamId)
        {
            // Taking the turn is one UPDATE: on PostgreSQL it locks the team's row until the caller commits, so two
            // claims at once never get the same turn; SQLite has one writer anyway.
            await db.Teams.Where(t => t.Id == teamId).ExecuteUpdateAsync(t => t.SetProperty(x => x.Handed, x => x.Handed + 1), cancellationToken);
            var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken);
            userId = team?.MemberFor(team.Handed - 1, staff.Keys.ToHashSet());
        }

        if (userId is null || !staff.TryGetValue(userId, out var name))
        {
            return null;
        }

        log.Add(new Change(Claim.EntityType, claim.Id.ToString(CultureInfo.InvariantCulture), RuleAction, "rule", null, rule.Name));
        claim.Assign(userId, name, null, Actor.System, now, log);
        return userId;
    }
}

/// <summary>A claim that became staff's gets its owner by the assignment rules, before anyone is told of it.</summary>
public sealed class AssignmentOnClaimEvents(AutoAssignment autoAssignment) : IHandleClaimEvents
{
    public int Order => ClaimEventOrder.Claim;

    public async Task HandleAsync(IReadOnlyList<RaisedEvent> events, ClaimChangeContext context, CancellationToken cancellationToken)
    {
        foreach (var (claim, _) in events.Where(e => e.Event is ClaimBecameVisible))
        {
            await autoAssignment.AssignAsync(claim, claim.Customer, context.Log, context.Now, cancellationToken);
        }
    }
}
