using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Deadlines;

namespace ClaimDesk.Core.Warranty;

/// <summary>What the warranty state of one claimed item is computed from.</summary>
/// <param name="DeliveredOn">The sale or delivery date (the purchase date when nothing better is known).</param>
/// <param name="ProductWarrantyMonths">The product's guarantee term; null or 0 when the product carries none.</param>
/// <param name="CustomerType">Consumer, PNPK or business.</param>
/// <param name="Jurisdiction">Whose law applies to the sale.</param>
/// <param name="ClaimedOn">The day the claim was made.</param>
public sealed record WarrantyFacts(
    DateOnly? DeliveredOn, int? ProductWarrantyMonths, CustomerType CustomerType, Jurisdiction Jurisdiction, DateOnly ClaimedOn);

/// <summary>
/// The outcome: when the seller's statutory liability ends (null when no statute applies: business buyers, whose
/// contract decides), when the guarantee ends (null without one), the later of the two as <see cref="WarrantyEnd"/>,
/// and whether the claim was made by that day. <see cref="UnderWarranty"/> is null when the delivery date is unknown
/// or when neither a statute nor a guarantee gives a period (a business sale without a guarantee: the contract decides).
/// </summary>
public sealed record WarrantyAssessment(DateOnly? LiabilityEnd, DateOnly? GuaranteeEnd, DateOnly? WarrantyEnd, bool? UnderWarranty)
{
    public static WarrantyAssessment Unknown { get; } = new(null, null, null, null);
}

/// <summary>
/// The warranty rule of claim lines (DESIGN §2: "warranty end and under warranty, computed from product warranty
/// months, legal period and dates").
/// <list type="bullet">
/// <item>PL-CONS-LIAB: a consumer's (and, by PL-PNPK, a PNPK buyer's) seller is liable for 24 months from delivery.</item>
/// <item>CZ-CONS-LIAB: a consumer's seller is liable for 24 months; PNPK is a Polish notion, so in CZ such a buyer is
/// treated as a business (CZ-B2B: the contract decides).</item>
/// <item>PL-GUAR: a guarantee runs for the product's warranty months from handover.</item>
/// </list>
/// A period in months ends on the same day of the month as it started (or the month's last day), and that day still
/// counts: an item delivered on 15 March 2024 and claimed on 15 March 2026 is within 24 months.
/// </summary>
public static class WarrantyRule
{
    /// <summary>The statutory liability period of a consumer sale in Poland and the Czech Republic.</summary>
    public const int ConsumerLiabilityMonths = 24;

    public static WarrantyAssessment Assess(WarrantyFacts facts)
    {
        if (facts.DeliveredOn is not { } delivered)
        {
            return WarrantyAssessment.Unknown;
        }

        var protectedBuyer = facts.CustomerType == CustomerType.Consumer
            || (facts.CustomerType == CustomerType.Pnpk && facts.Jurisdiction == Jurisdiction.Pl);
        DateOnly? liabilityEnd = protectedBuyer ? delivered.AddMonths(ConsumerLiabilityMonths) : null;
        DateOnly? guaranteeEnd = facts.ProductWarrantyMonths is { } months && months > 0 ? delivered.AddMonths(months) : null;
        DateOnly? end = (liabilityEnd, guaranteeEnd) switch
        {
            ({ } l, { } g) => l > g ? l : g,
            ({ } l, null) => l,
            (null, { } g) => g,
            _ => null,
        };
        return new WarrantyAssessment(liabilityEnd, guaranteeEnd, end, end is { } last ? facts.ClaimedOn <= last : null);
    }
}
