using ClaimDesk.Core.Approvals;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Approvals;

/// <summary>
/// The approval rules decisions are checked against (issue 13): a claim worth more than an amount may be accepted (or
/// rejected) only by the roles a rule names. <see cref="PrepareAsync"/> reads the enabled rules (cached for
/// <see cref="CacheFor"/>; this node re-reads them at once after an edit), so that the check inside a claim change
/// reads nothing.
/// </summary>
public sealed class ApprovalRules(AppDbContext db, IMemoryCache cache, IOptions<ClaimDeskOptions> options)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private const string CacheKey = "claimdesk:approval-rules";

    /// <summary>Drops the cached rules, after an administrator changed one.</summary>
    public static void Forget(IMemoryCache cache) => cache.Remove(CacheKey);

    public async Task<ApprovalCheck> PrepareAsync(CancellationToken cancellationToken = default)
    {
        var rules = await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await db.ApprovalRules.AsNoTracking().Where(r => r.Enabled).ToListAsync(cancellationToken);
        }) ?? [];
        return new ApprovalCheck(rules, options.Value.Organisation.Currency);
    }
}

/// <summary>The enabled approval rules, checking one act on a claim; reads nothing.</summary>
public sealed class ApprovalCheck(IReadOnlyList<ApprovalRule> rules, string currency)
{
    /// <summary>Refuses a move that accepts (or rejects) a claim a rule reserves for roles the actor lacks; done otherwise.</summary>
    public ClaimOutcome Move(Claim claim, string to, TransitionInput input, Actor actor) =>
        rules.Count == 0 ? ClaimOutcome.Done
            : ApprovalRule.Check(rules, FactsOf(claim), ApprovalRule.DecisionsOfMove(claim, claim.Register!.Workflow, to, input, actor), actor, "to", currency);

    /// <summary>Refuses a line decision a rule reserves for roles the actor lacks; done otherwise.</summary>
    public ClaimOutcome Line(Claim claim, int lineNo, LineDecision decision, Actor actor) =>
        rules.Count == 0 ? ClaimOutcome.Done
            : ApprovalRule.Check(rules, FactsOf(claim), ApprovalRule.DecisionsOfLine(claim, claim.Register!.Workflow, lineNo, decision), actor, "decision", currency);

    private static ApprovalFacts FactsOf(Claim claim) => new(claim.RegisterId, claim.Value, claim.CostTotal);
}
