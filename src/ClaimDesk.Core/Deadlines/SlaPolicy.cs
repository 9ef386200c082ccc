using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;

namespace ClaimDesk.Core.Deadlines;

/// <summary>What an SLA policy sets a target for (DESIGN §5).</summary>
public enum SlaTarget { FirstResponse, Decision, Resolution }

/// <summary>
/// Which claims an SLA policy is for. Every condition is optional; a policy matches when all the conditions it gives
/// match, so a policy without conditions matches every claim.
/// </summary>
public sealed record SlaConditions
{
    /// <summary>The customer tier code, e.g. <c>vip</c>; compared without regard to case.</summary>
    public string? CustomerTier { get; init; }

    public long? CustomerId { get; init; }

    public int? RegisterId { get; init; }

    public ClaimCategory? Category { get; init; }

    public LegalBasis? LegalBasis { get; init; }

    /// <summary>Matches a claim whose value is above this amount (the organisation's currency).</summary>
    public decimal? ValueAbove { get; init; }

    /// <summary>Matches a claim whose cost total is above this amount.</summary>
    public decimal? CostTotalAbove { get; init; }

    public bool Match(DeadlineFacts facts) =>
        (CustomerTier is null || string.Equals(CustomerTier, facts.CustomerTier, StringComparison.OrdinalIgnoreCase))
        && (CustomerId is null || CustomerId == facts.CustomerId)
        && (RegisterId is null || RegisterId == facts.RegisterId)
        && (Category is null || Category == facts.Category)
        && (LegalBasis is null || LegalBasis == facts.LegalBasis)
        && Amounts.Above(facts.Value, ValueAbove)
        && Amounts.Above(facts.CostTotal, CostTotalAbove);
}

/// <summary>
/// An internal or contractual SLA an administrator defines (DESIGN §5): for the claims its conditions pick, targets
/// for the first response, the decision and the resolution, each optional. Working days are those of
/// <see cref="Calendar"/>. While a claim is in one of <see cref="PauseStatuses"/> its SLA clocks stop.
/// </summary>
public sealed record SlaPolicy
{
    public required string Name { get; init; }

    /// <summary>Policies are tried in ascending order; the first that matches applies.</summary>
    public int Order { get; init; }

    public SlaConditions Conditions { get; init; } = new();

    public DeadlinePeriod? FirstResponse { get; init; }

    public DeadlinePeriod? Decision { get; init; }

    public DeadlinePeriod? Resolution { get; init; }

    /// <summary>The holidays that working-day targets skip.</summary>
    public Jurisdiction Calendar { get; init; } = Jurisdiction.Pl;

    /// <summary>The status codes in which the SLA clock stops, e.g. <c>waiting_for_customer</c>.</summary>
    public IReadOnlyList<string> PauseStatuses { get; init; } = [];

    /// <summary>The policy that applies to a claim: the first by <see cref="Order"/> whose conditions match, if any.</summary>
    public static SlaPolicy? Choose(IEnumerable<SlaPolicy> policies, DeadlineFacts facts) =>
        policies.OrderBy(p => p.Order).FirstOrDefault(p => p.Conditions.Match(facts));

    public DeadlinePeriod? Target(SlaTarget target) => target switch
    {
        SlaTarget.FirstResponse => FirstResponse,
        SlaTarget.Decision => Decision,
        _ => Resolution,
    };

    /// <summary>The rule id a deadline from this policy carries, e.g. <c>sla:VIP:resolution</c>.</summary>
    public string RuleId(SlaTarget target) => $"sla:{Name}:{Codes.Of(target)}";
}

/// <summary>The SLA policies a new installation starts with; administrators change them.</summary>
public static class DefaultSlaPolicies
{
    /// <summary>Statuses in which the company waits on the claimant: unconfirmed submissions, missing information, goods not yet sent.</summary>
    public static IReadOnlyList<string> WaitingOnClaimant { get; } = ["unconfirmed", "waiting_for_customer", "waiting_for_goods"];

    /// <summary>VIP customers: resolved within 3 working days.</summary>
    public static SlaPolicy Vip { get; } = new()
    {
        Name = "VIP",
        Order = 10,
        Conditions = new SlaConditions { CustomerTier = "vip" },
        Resolution = DeadlinePeriod.WorkingDays(3),
        PauseStatuses = WaitingOnClaimant,
    };

    /// <summary>Every other claim: resolved within 14 calendar days.</summary>
    public static SlaPolicy Standard { get; } = new()
    {
        Name = "standard",
        Order = 1000,
        Resolution = DeadlinePeriod.CalendarDays(14),
        PauseStatuses = WaitingOnClaimant,
    };

    public static IReadOnlyList<SlaPolicy> All { get; } = [Vip, Standard];
}
