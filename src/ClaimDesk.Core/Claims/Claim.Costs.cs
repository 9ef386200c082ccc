namespace ClaimDesk.Core.Claims;

/// <summary>A claim's costs (issue 13): lines of the claim or of one item, each added, changed and removed audited.</summary>
public sealed partial class Claim
{
    private readonly List<ClaimCost> _costs = [];

    /// <summary>The claim's cost lines, loaded with the claim when asked for.</summary>
    public IReadOnlyList<ClaimCost> Costs => _costs;

    /// <summary>
    /// The sum of the costs in the organisation's currency (<c>ClaimDesk:Organisation:Currency</c>, default PLN), kept
    /// in the claim's row so that lists and rules can use it; costs in other currencies are totalled apart.
    /// </summary>
    public decimal CostTotal { get; private set; }
}
