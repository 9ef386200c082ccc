using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The history of corrections after intake in words (<see cref="Claim.Edit"/>): the fields as the edit form labels
/// them, their values as it shows them, and the summary of what others changed that a stale edit is refused with.
/// </summary>
public static partial class EditText
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["contact.name"] = "Contact person",
        ["contact.email"] = "E-mail",
        ["contact.phone"] = "Phone",
        ["contact.language"] = "Customer's language",
        ["contact.preferredChannel"] = "Keep the customer informed by",
        ["customer"] = "Customer",
        ["customerType"] = "Customer type",
        ["category"] = "Category",
        ["priority"] = "Priority",
        ["legalBasis"] = "Legal basis",
        ["description"] = "Notes on the complaint",
    };

    private static readonly Dictionary<string, string> LineFields = new(StringComparer.Ordinal)
    {
        ["productCode"] = "Product code",
        ["productName"] = "Product",
        ["ean"] = "EAN",
        ["serialNumber"] = "Serial number",
        ["quantity"] = "Quantity",
        ["unitPrice"] = "Unit price",
        ["purchaseDate"] = "Purchase date",
        ["salesDocumentNumber"] = "Invoice or receipt",
        ["faultDescription"] = "Fault description",
    };

    /// <summary>What a history entry of an edit is about, in words; null when it is no edit's.</summary>
    public static string? What(HistoryEntry entry, IStringLocalizer localizer)
    {
        if (entry.Action == ClaimEditing.RefusedAction)
        {
            return localizer["Refused: correction"].Value;
        }

        if (entry.Action == "withdrawn" && entry.Field == "line")
        {
            return localizer["Item withdrawn"].Value;
        }

        if (entry.Action != "updated" || entry.Field is not { } field)
        {
            return null;
        }

        if (Fields.TryGetValue(field, out var label))
        {
            return localizer[label].Value;
        }

        return LineField().Match(field) is { Success: true } line && LineFields.TryGetValue(line.Groups["what"].Value, out var lineLabel)
            ? localizer["Item {0}: {1}", line.Groups["no"].Value, localizer[lineLabel].Value].Value
            : null;
    }

    /// <summary>A value of an edited field as the form shows it; null when the field is no edit's coded one.</summary>
    public static string? Value(string? field, string value, IStringLocalizer localizer) => field switch
    {
        "priority" when Codes.TryParse<Priority>(value, out _) => localizer[CodeLabels.Of<Priority>(value)].Value,
        "contact.preferredChannel" when Codes.TryParse<ContactChannel>(value, out _) => localizer[CodeLabels.Of<ContactChannel>(value)].Value,
        "customerType" when Codes.TryParse<CustomerType>(value, out _) => localizer[CodeLabels.Of<CustomerType>(value)].Value,
        _ => null,
    };

    /// <summary>
    /// Who changed what since a form was loaded, one person after another: "Anna Nowak: E-mail, Priority; Jan Novák: Item 2: Quantity".
    /// </summary>
    public static string Others(IReadOnlyList<HistoryEntry> entries, IStringLocalizer localizer) =>
        string.Join("; ", entries
            .GroupBy(e => e.ActorName ?? localizer["System"].Value)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => HistoryText.What(e, localizer)).Distinct())}"));

    [GeneratedRegex(@"^line (?<no>\d+) (?<what>\w+)$")]
    private static partial Regex LineField();
}
