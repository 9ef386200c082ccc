using ClaimDesk.Core.Claims;

namespace ClaimDesk.Core.Assignment;

/// <summary>
/// A group of staff who share a queue; auto-assignment hands its claims to the members in turn (round-robin), skipping
/// members who are no longer active.
/// </summary>
public sealed class Team
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>User ids, in the order the turn goes round.</summary>
    public List<string> Members { get; set; } = [];

    /// <summary>How many claims the team was handed so far: the next turn is this count modulo the members.</summary>
    public long Handed { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// The member whose turn <paramref name="turn"/> is, among those still active (in the team's order); null when
    /// none is active.
    /// </summary>
    public string? MemberFor(long turn, IReadOnlySet<string> active)
    {
        var available = Members.Where(active.Contains).ToList();
        return available.Count == 0 ? null : available[(int)(turn % available.Count)];
    }
}

/// <summary>What auto-assignment looks at in a new claim.</summary>
public sealed record AssignmentFacts(int RegisterId, ClaimCategory Category, string? CustomerTier, IReadOnlyCollection<string> ProductGroups)
{
    /// <summary>The claim's value (the sum of its lines), in the organisation's currency.</summary>
    public decimal Value { get; init; }

    /// <summary>The claim's cost total, in the organisation's currency.</summary>
    public decimal CostTotal { get; init; }
}

/// <summary>
/// An auto-assignment rule (DESIGN §3.4): when a claim enters the queue, the first enabled rule (by
/// <see cref="Order"/>) whose conditions all hold hands it to a user or to a team (round-robin). A condition left
/// empty holds for every claim; the product group holds when any of the claim's products is in it; the amounts hold
/// when the claim's value (cost total) is above them.
/// </summary>
public sealed class AssignmentRule
{
    public int Id { get; set; }

    public int Order { get; set; }

    public string Name { get; set; } = "";

    public bool Enabled { get; set; } = true;

    public int? RegisterId { get; set; }

    public ClaimCategory? Category { get; set; }

    public string? CustomerTier { get; set; }

    public string? ProductGroup { get; set; }

    /// <summary>Holds when the claim's value is above this amount (the organisation's currency).</summary>
    public decimal? ValueAbove { get; set; }

    /// <summary>Holds when the claim's cost total is above this amount.</summary>
    public decimal? CostTotalAbove { get; set; }

    public string? UserId { get; set; }

    public int? TeamId { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool Matches(AssignmentFacts facts) =>
        Enabled
        && (RegisterId is null || RegisterId == facts.RegisterId)
        && (Category is null || Category == facts.Category)
        && (string.IsNullOrEmpty(CustomerTier) || string.Equals(CustomerTier, facts.CustomerTier, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(ProductGroup) || facts.ProductGroups.Contains(ProductGroup, StringComparer.OrdinalIgnoreCase))
        && Common.Amounts.Above(facts.Value, ValueAbove)
        && Common.Amounts.Above(facts.CostTotal, CostTotalAbove);

    /// <summary>The first matching rule by order (then id), or null.</summary>
    public static AssignmentRule? Choose(IEnumerable<AssignmentRule> rules, AssignmentFacts facts) =>
        rules.OrderBy(r => r.Order).ThenBy(r => r.Id).FirstOrDefault(r => r.Matches(facts));
}
