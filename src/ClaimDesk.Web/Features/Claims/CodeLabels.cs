using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The English label of every code a person picks or reads (the localization key; SharedResource.pl/cs translate
/// it). scripts/extract-strings.py reads the labels from this file.
/// </summary>
public static class CodeLabels
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["channel.web"] = "Web form",
        ["channel.portal"] = "Partner portal",
        ["channel.phone"] = "Phone",
        ["channel.email"] = "E-mail",
        ["channel.in_person"] = "In person",
        ["channel.api"] = "API",
        ["customer_type.consumer"] = "Consumer",
        ["customer_type.pnpk"] = "Sole trader with consumer rights",
        ["customer_type.business"] = "Business",
        ["legal_basis.conformity"] = "Statutory complaint (non-conformity)",
        ["legal_basis.warranty_b2b"] = "Seller's warranty (B2B)",
        ["legal_basis.guarantee"] = "Manufacturer's guarantee",
        ["legal_basis.goodwill"] = "Goodwill",
        ["legal_basis.paid_repair"] = "Paid repair",
        ["claim_category.quality"] = "Quality defect",
        ["claim_category.quantity"] = "Quantity discrepancy",
        ["claim_category.transport"] = "Transport damage",
        ["claim_category.other"] = "Other",
        ["requested_remedy.repair"] = "Repair",
        ["requested_remedy.replacement"] = "Replacement",
        ["requested_remedy.price_reduction"] = "Price reduction",
        ["requested_remedy.withdrawal"] = "Withdrawal from the contract",
        ["delivery_method.courier_pickup"] = "Courier pickup",
        ["delivery_method.customer_ships"] = "Customer sends the goods",
        ["delivery_method.drop_off"] = "Brought to our site",
        ["delivery_method.parcel_locker"] = "Parcel locker",
        ["delivery_method.on_site"] = "Inspection on site",
        ["contact_channel.email"] = "E-mail",
        ["contact_channel.sms"] = "SMS",
        ["claim_decision.pending"] = "Pending",
        ["claim_decision.accepted"] = "Accepted",
        ["claim_decision.partially_accepted"] = "Partially accepted",
        ["claim_decision.rejected"] = "Rejected",
        ["line_decision.pending"] = "Pending",
        ["line_decision.accepted"] = "Accepted",
        ["line_decision.rejected"] = "Rejected",
        ["priority.low"] = "Low",
        ["priority.normal"] = "Normal",
        ["priority.high"] = "High",
        ["priority.urgent"] = "Urgent",
    };

    /// <summary>The English label of <paramref name="value"/>, e.g. <c>InPerson</c> → "In person".</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Of<TEnum>(Codes.Of(value));

    /// <summary>The English label of a code of <typeparamref name="TEnum"/>; the code itself when it has none.</summary>
    public static string Of<TEnum>(string code) where TEnum : struct, Enum =>
        Labels.TryGetValue($"{Prefix<TEnum>()}.{code}", out var label) ? label : code;

    public static IEnumerable<(string Code, string Label)> All<TEnum>() where TEnum : struct, Enum =>
        Codes.All<TEnum>().Select(code => (code, Of<TEnum>(code)));

    private static string Prefix<TEnum>() => typeof(TEnum).Name switch
    {
        nameof(CustomerType) => "customer_type",
        nameof(LegalBasis) => "legal_basis",
        nameof(ClaimCategory) => "claim_category",
        nameof(RequestedRemedy) => "requested_remedy",
        nameof(DeliveryMethod) => "delivery_method",
        nameof(ContactChannel) => "contact_channel",
        nameof(ClaimDecision) => "claim_decision",
        nameof(LineDecision) => "line_decision",
        var name => name.ToLowerInvariant(),
    };
}
