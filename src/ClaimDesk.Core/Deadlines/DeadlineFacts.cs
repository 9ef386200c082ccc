using ClaimDesk.Core.Claims;

namespace ClaimDesk.Core.Deadlines;

/// <summary>The claim entered <see cref="Status"/> at <see cref="At"/> (UTC) and stayed there until the next entry.</summary>
public sealed record StatusEntered(string Status, DateTime At);

/// <summary>
/// What the deadlines of one claim depend on. Times are UTC (an unspecified kind is read as UTC); dates are the
/// organisation's local dates.
/// </summary>
public sealed record DeadlineFacts
{
    public required Jurisdiction Jurisdiction { get; init; }

    public required CustomerType CustomerType { get; init; }

    public required LegalBasis LegalBasis { get; init; }

    /// <summary>What the claim's register holds: statutory complaint rules govern customer complaints only.</summary>
    public required Registers.RegisterKind RegisterKind { get; init; }

    /// <summary>When the contract was made: chooses the version of a statutory rule.</summary>
    public DateOnly? ContractDate { get; init; }

    /// <summary>Stands in for the contract date when that is not known.</summary>
    public DateOnly? PurchaseDate { get; init; }

    public required DateTime ReceivedAt { get; init; }

    /// <summary>When the goods reached the company; starts PL-GUAR.</summary>
    public DateTime? GoodsReceivedAt { get; init; }

    public string? CustomerTier { get; init; }

    public long? CustomerId { get; init; }

    public int? RegisterId { get; init; }

    public ClaimCategory? Category { get; init; }

    /// <summary>The claim's value (the sum of its lines), in the organisation's currency.</summary>
    public decimal Value { get; init; }

    /// <summary>The claim's cost total, in the organisation's currency.</summary>
    public decimal CostTotal { get; init; }

    /// <summary>The statuses the claim has been in, each from when it entered it.</summary>
    public IReadOnlyList<StatusEntered> Timeline { get; init; } = [];

    /// <summary>The first public message to the claimant.</summary>
    public DateTime? FirstResponseAt { get; init; }

    /// <summary>When the claim was decided (accepted, partly accepted or rejected).</summary>
    public DateTime? DecidedAt { get; init; }

    public DateTime? ResolvedAt { get; init; }

    /// <summary>When the claim was closed or cancelled; closing stops every clock whose event had not happened.</summary>
    public DateTime? ClosedAt { get; init; }

    /// <summary>The date that chooses a statutory rule's version: the contract date, else the purchase date, else the day received.</summary>
    public DateOnly ReferenceDate(TimeZoneInfo zone) =>
        ContractDate ?? PurchaseDate ?? new OrganisationTime(zone).LocalDate(ReceivedAt);
}
