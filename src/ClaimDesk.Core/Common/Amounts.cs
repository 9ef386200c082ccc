namespace ClaimDesk.Core.Common;

/// <summary>
/// The amount conditions rules share (assignment, SLA, notification and approval rules): "the claim's value above N",
/// "its cost total above N", in the organisation's currency. A condition left empty holds for every claim.
/// </summary>
public static class Amounts
{
    /// <summary>The largest threshold a rule takes (the columns hold 18 digits with 2 decimals).</summary>
    public const decimal MaxThreshold = 1_000_000_000_000m;

    /// <summary>True when there is no threshold, or <paramref name="amount"/> is above it (strictly).</summary>
    public static bool Above(decimal amount, decimal? threshold) => threshold is not { } limit || amount > limit;
}
