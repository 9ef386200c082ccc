using System.Globalization;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The words of the work on items and the costs (issue 13): the labels of remedies, ways back, cost kinds and who bears
/// a cost, and their history entries (<c>line 2 replacement_serial</c>, <c>cost 7 amount</c>, <c>cost_added</c>) as a
/// person reads them; <see cref="HistoryText"/> asks here first.
/// </summary>
public static partial class ItemWorkText
{
    public static string Remedy(GrantedRemedy remedy, IStringLocalizer localizer) => remedy switch
    {
        GrantedRemedy.None => localizer["No remedy yet"],
        GrantedRemedy.Repair => localizer["Repair"],
        GrantedRemedy.Replacement => localizer["Replacement"],
        GrantedRemedy.Refund => localizer["Refund"],
        GrantedRemedy.PriceReduction => localizer["Price reduction"],
        GrantedRemedy.CreditNote => localizer["Credit note"],
        _ => localizer["Returned unrepaired"],
    };

    public static string ReturnWay(ReturnMethod method, IStringLocalizer localizer) => method switch
    {
        ReturnMethod.Courier => localizer["Courier"],
        ReturnMethod.ParcelLocker => localizer["Parcel locker"],
        ReturnMethod.Post => localizer["By post"],
        _ => localizer["Picked up in person"],
    };

    public static string Kind(CostKind kind, IStringLocalizer localizer) => kind switch
    {
        CostKind.Parts => localizer["Parts"],
        CostKind.Labour => localizer["Labour"],
        CostKind.Transport => localizer["Transport"],
        CostKind.ReplacementGoods => localizer["Replacement goods"],
        CostKind.Refund => localizer["Refund"],
        _ => localizer["Other cost"],
    };

    public static string Bearer(CostBearer bearer, IStringLocalizer localizer) => bearer switch
    {
        CostBearer.Us => localizer["We"],
        CostBearer.Supplier => localizer["Supplier"],
        _ => localizer["Customer"],
    };

    /// <summary>The label of an item-work field of a line, as the form names it; null for a field not of the item's work.</summary>
    public static string? FieldLabel(string field, IStringLocalizer localizer) => field switch
    {
        "diagnosis" => localizer["Diagnosis"],
        "supplier_statement" => localizer["Supplier's statement"],
        "remedy" => localizer["Remedy granted"],
        "replacement_serial" => localizer["Serial number of the replacement"],
        "refund_amount" => localizer["Amount given back"],
        "refund_currency" => localizer["Currency"],
        "repair_done" => localizer["Repair done"],
        "repair_parts" => localizer["Parts used"],
        "repair_minutes" => localizer["Repair time (minutes)"],
        "goods_received_at" => localizer["Goods received"],
        "returned_at" => localizer["Sent back"],
        "return_method" => localizer["Way back"],
        "return_tracking_number" => localizer["Tracking number of the return"],
        _ => (string?)null,
    };

    private static string? CostFieldLabel(string field, IStringLocalizer localizer) => field switch
    {
        "line" => localizer["Item"],
        "kind" => localizer["Kind of cost"],
        "description" => localizer["Description"],
        "amount" => localizer["Amount"],
        "currency" => localizer["Currency"],
        "borne_by" => localizer["Borne by"],
        "gl_account" => localizer["GL account"],
        _ => (string?)null,
    };

    /// <summary>What a history entry of item work or costs is about; null for any other entry.</summary>
    public static string? What(HistoryEntry entry, IStringLocalizer localizer)
    {
        var field = entry.Field ?? "";
        if (LineField().Match(field) is { Success: true } line && FieldLabel(line.Groups["what"].Value, localizer) is { } label)
        {
            return localizer["Item {0}: {1}", line.Groups["no"].Value, label];
        }

        if (CostField().Match(field) is { Success: true } cost)
        {
            return entry.Action == "cost_refused"
                ? localizer["Refused: cost {0}", cost.Groups["id"].Value]
                : localizer["Cost {0}: {1}", cost.Groups["id"].Value, CostFieldLabel(cost.Groups["what"].Value, localizer) ?? cost.Groups["what"].Value];
        }

        return (entry.Action, field) switch
        {
            ("cost_added", _) => localizer["Cost added"],
            ("cost_removed", _) => localizer["Cost removed"],
            ("cost_refused", _) => localizer["Refused: cost"],
            ("item_work_refused", _) => localizer["Refused: work on an item"],
            ("updated", "cost_total") => localizer["Cost total"],
            _ => (string?)null,
        };
    }

    /// <summary>
    /// A value of an item-work or cost entry as a person reads it: remedies, ways back, kinds and bearers in words,
    /// instants through <paramref name="when"/> (the organisation's time zone), amounts as numbers; null for any
    /// other entry (or no value).
    /// </summary>
    public static string? Value(HistoryEntry entry, string? value, IStringLocalizer localizer, Func<DateTime, string>? when)
    {
        if (value is null)
        {
            return null;
        }

        var field = entry.Field ?? "";
        var what = LineField().Match(field) is { Success: true } line ? line.Groups["what"].Value
            : CostField().Match(field) is { Success: true } cost ? "cost_" + cost.Groups["what"].Value
            : entry.Action is "cost_added" or "cost_removed" ? "cost"
            : field == "cost_total" ? "cost_total"
            : null;
        return what switch
        {
            "remedy" when Codes.TryParse<GrantedRemedy>(value, out var remedy) => Remedy(remedy, localizer),
            "return_method" when Codes.TryParse<ReturnMethod>(value, out var method) => ReturnWay(method, localizer),
            "goods_received_at" or "returned_at" when DateTime.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) =>
                when?.Invoke(DateTime.SpecifyKind(at, DateTimeKind.Utc)) ?? value,
            "refund_amount" or "cost_amount" or "cost_total" when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) =>
                amount.ToString("N2", CultureInfo.CurrentCulture),
            "cost_kind" when Codes.TryParse<CostKind>(value, out var kind) => Kind(kind, localizer),
            "cost_borne_by" when Codes.TryParse<CostBearer>(value, out var bearer) => Bearer(bearer, localizer),
            "cost" => Described(value, localizer),
            null => null,
            _ => value,
        };
    }

    /// <summary>A cost as <see cref="CostRules.Describe"/> keeps it, in words: "Parts · 120,00 PLN · Supplier · item 1: Display".</summary>
    private static string Described(string value, IStringLocalizer localizer)
    {
        var parts = Described().Match(value);
        if (!parts.Success || !Codes.TryParse<CostKind>(parts.Groups["kind"].Value, out var kind)
            || !Codes.TryParse<CostBearer>(parts.Groups["bearer"].Value, out var bearer)
            || !decimal.TryParse(parts.Groups["amount"].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return value;
        }

        var item = parts.Groups["line"].Success ? $" · {localizer["Item {0}", parts.Groups["line"].Value]}" : "";
        return $"{Kind(kind, localizer)} · {amount.ToString("N2", CultureInfo.CurrentCulture)} {parts.Groups["currency"].Value} · "
            + $"{Bearer(bearer, localizer)}{item}: {parts.Groups["rest"].Value}";
    }

    [GeneratedRegex(@"^line (?<no>\d+) (?<what>\w+)$")]
    private static partial Regex LineField();

    [GeneratedRegex(@"^cost (?<id>\d+) (?<what>\w+)$")]
    private static partial Regex CostField();

    [GeneratedRegex(@"^(?<kind>\w+) (?<amount>[\d.]+) (?<currency>[A-Z]{3}) (?<bearer>\w+)(?: \(line (?<line>\d+)\))?: (?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex Described();
}
