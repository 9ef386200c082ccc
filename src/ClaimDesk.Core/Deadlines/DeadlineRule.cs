using ClaimDesk.Core.Claims;

namespace ClaimDesk.Core.Deadlines;

/// <summary>What a deadline asks to have happened by its due time.</summary>
public enum DeadlineMeasure
{
    /// <summary>The seller's position on the claim (accepted, partly accepted or rejected), not a holding reply.</summary>
    Response,

    /// <summary>The claim resolved and the claimant informed.</summary>
    Resolution,

    /// <summary>The guarantor performed (repair or replacement done) under a guarantee.</summary>
    GuarantorPerformance,
}

/// <summary>When a deadline's clock starts.</summary>
public enum ClockStart
{
    /// <summary>When the claim was received (made).</summary>
    ClaimReceived,

    /// <summary>When the goods were delivered to the company (<c>goods_received</c>).</summary>
    GoodsReceived,
}

/// <summary>
/// A statutory deadline as versioned data (DOMAIN-RULES: "Rules are data with an id, a jurisdiction, the dates they
/// apply from/to, and a source"). Which version applies is chosen by the contract date (falling back to the purchase
/// date, then the date received), compared with <see cref="AppliesFrom"/> and <see cref="AppliesTo"/>, both inclusive.
/// </summary>
public sealed record DeadlineRule
{
    /// <summary>The rule id of DOMAIN-RULES, e.g. <c>PL-CONS-RESP-2023</c>.</summary>
    public required string Id { get; init; }

    public required Jurisdiction Jurisdiction { get; init; }

    public required IReadOnlyList<CustomerType> CustomerTypes { get; init; }

    public required IReadOnlyList<LegalBasis> LegalBases { get; init; }

    /// <summary>The first contract date the rule applies to; none means no lower bound.</summary>
    public DateOnly? AppliesFrom { get; init; }

    /// <summary>The last contract date the rule applies to; none means it still applies.</summary>
    public DateOnly? AppliesTo { get; init; }

    public required DeadlinePeriod Period { get; init; }

    /// <summary>Whether a last day falling on a Saturday, Sunday or public holiday moves to the next working day.</summary>
    public bool ShiftsOffNonWorkingDay { get; init; }

    /// <summary>Whether the clock stops while the claim waits; false for every statutory rule (DESIGN §5).</summary>
    public bool CanPause { get; init; }

    public required DeadlineMeasure Measures { get; init; }

    public ClockStart Starts { get; init; } = ClockStart.ClaimReceived;

    /// <summary>Whether missing the deadline means the claim is deemed accepted (PL-CONS-RESP).</summary>
    public bool DeemedAcceptedIfMissed { get; init; }

    /// <summary>The law the rule comes from, in words a user can check.</summary>
    public required string Source { get; init; }

    /// <summary>What is not certain about the rule (it comes from secondary sources); none when it is settled.</summary>
    public string? Uncertainty { get; init; }

    /// <summary>Marked (uncertain) in DOMAIN-RULES: keep it configurable and say so in the UI help.</summary>
    public bool Uncertain => Uncertainty is not null;

    /// <summary>Whether the rule governs a claim of this kind whose contract (or purchase, or receipt) was on <paramref name="referenceDate"/>.</summary>
    public bool Governs(Jurisdiction jurisdiction, CustomerType customerType, LegalBasis legalBasis, DateOnly referenceDate) =>
        Jurisdiction == jurisdiction
        && CustomerTypes.Contains(customerType)
        && LegalBases.Contains(legalBasis)
        && (AppliesFrom is null || referenceDate >= AppliesFrom)
        && (AppliesTo is null || referenceDate <= AppliesTo);
}
