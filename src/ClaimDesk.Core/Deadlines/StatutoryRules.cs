using ClaimDesk.Core.Claims;

namespace ClaimDesk.Core.Deadlines;

/// <summary>
/// The statutory deadlines of DOMAIN-RULES as data. Business customers get none under PL-B2B and CZ-B2B (the contract
/// or an SLA policy decides); a PNPK customer counts as a consumer in Poland only (PL-PNPK).
/// </summary>
public static class StatutoryRules
{
    private static readonly CustomerType[] PolishConsumers = [CustomerType.Consumer, CustomerType.Pnpk];

    /// <summary>PL-CONS-RESP-2023: respond within 14 calendar days of receipt, or the complaint is deemed accepted.</summary>
    public static DeadlineRule PlConsumerResponse2023 { get; } = new()
    {
        Id = "PL-CONS-RESP-2023",
        Jurisdiction = Jurisdiction.Pl,
        CustomerTypes = PolishConsumers,
        LegalBases = [LegalBasis.Conformity],
        AppliesFrom = new DateOnly(2023, 1, 1),
        Period = DeadlinePeriod.CalendarDays(14),
        Measures = DeadlineMeasure.Response,
        DeemedAcceptedIfMissed = true,
        Source = "Ustawa o prawach konsumenta, for contracts from 2023-01-01: the seller responds to a consumer's complaint "
            + "within 14 days of receiving it, otherwise the complaint is deemed accepted.",
        Uncertainty = "Whether a last day on a Saturday, Sunday or holiday moves to the next working day; "
            + "computed without the move, so the company is never late.",
    };

    /// <summary>PL-CONS-RESP-2017: the same for contracts of 2017-01-10 to 2022-12-31, with 30 days.</summary>
    public static DeadlineRule PlConsumerResponse2017 { get; } = PlConsumerResponse2023 with
    {
        Id = "PL-CONS-RESP-2017",
        AppliesFrom = new DateOnly(2017, 1, 10),
        AppliesTo = new DateOnly(2022, 12, 31),
        Period = DeadlinePeriod.CalendarDays(30),
        Source = "Ustawa o prawach konsumenta, for contracts of 2017-01-10 to 2022-12-31: the seller responds to a consumer's "
            + "complaint within 30 days of receiving it, otherwise the complaint is deemed accepted.",
    };

    /// <summary>PL-GUAR: without a term in the guarantee, the guarantor performs within 14 days of receiving the goods.</summary>
    public static DeadlineRule PlGuarantee { get; } = new()
    {
        Id = "PL-GUAR",
        Jurisdiction = Jurisdiction.Pl,
        CustomerTypes = [CustomerType.Consumer, CustomerType.Pnpk, CustomerType.Business],
        LegalBases = [LegalBasis.Guarantee],
        Period = DeadlinePeriod.CalendarDays(14),
        Measures = DeadlineMeasure.GuarantorPerformance,
        Starts = ClockStart.GoodsReceived,
        Source = "Kodeks cywilny art. 577–581 (gwarancja): the guarantor performs within the term the guarantee states, "
            + "otherwise within 14 days of the goods being delivered to it.",
    };

    /// <summary>
    /// CZ-CONS-RESOLVE: resolve and inform within 30 days, day 1 being the day after the claim was made; a last day on a
    /// Saturday, Sunday or public holiday moves to the next working day.
    /// </summary>
    public static DeadlineRule CzConsumerResolution { get; } = new()
    {
        Id = "CZ-CONS-RESOLVE",
        Jurisdiction = Jurisdiction.Cz,
        CustomerTypes = [CustomerType.Consumer],
        LegalBases = [LegalBasis.Conformity],
        Period = DeadlinePeriod.CalendarDays(30),
        ShiftsOffNonWorkingDay = true,
        Measures = DeadlineMeasure.Resolution,
        Source = "Zákon 634/1992 Sb. §19 (as amended from 2023-01-06): the claim, including removal of the defect, is "
            + "resolved and the consumer informed within 30 days of the day it was made; missing it lets the consumer "
            + "withdraw or claim a reasonable discount.",
    };

    public static IReadOnlyList<DeadlineRule> All { get; } =
        [PlConsumerResponse2023, PlConsumerResponse2017, PlGuarantee, CzConsumerResolution];

    /// <summary>
    /// Whether statutory complaint rules can govern a claim of a register of <paramref name="kind"/>: only customer
    /// complaints have a claimant the law protects. A claim to a supplier is our own demand on a business, a pre-sale
    /// defect has no claimant at all, and a paid repair is a service contract, not a complaint about goods sold.
    /// </summary>
    public static bool ApplyIn(Registers.RegisterKind kind) => kind == Registers.RegisterKind.Complaints;

    /// <summary>The rules of <paramref name="rules"/> that govern a claim with these facts, in catalogue order.</summary>
    public static IReadOnlyList<DeadlineRule> Governing(
        IEnumerable<DeadlineRule> rules, Registers.RegisterKind registerKind, Jurisdiction jurisdiction, CustomerType customerType,
        LegalBasis legalBasis, DateOnly referenceDate) =>
        ApplyIn(registerKind) ? [.. rules.Where(r => r.Governs(jurisdiction, customerType, legalBasis, referenceDate))] : [];
}
