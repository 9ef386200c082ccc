using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The audit events of a record (customer, product, SLA policy, user, register ...) in words a person reads, in their
/// language: what was done, to which field, and the values as the forms show them. The audit keeps its codes
/// (<c>updated</c>, <c>warrantyMonths</c>, <c>working_days</c>); only what is shown is translated. A code nothing here
/// knows is shown as stored, so a new field is never hidden.
/// </summary>
public static partial class AuditText
{
    public static string Action(string action, IStringLocalizer localizer) => action switch
    {
        "created" => localizer["Created"],
        "updated" => localizer["Changed"],
        "deleted" => localizer["Deleted"],
        "revoked" => localizer["Revoked"],
        "requeued" => localizer["Sent again"],
        "purged" => localizer["Removed after the retention period"],
        "partner_invited" => localizer["Invited to the partner portal"],
        "password_reset_requested" => localizer["Password reset requested"],
        "password_reset" => localizer["Password reset by an administrator"],
        "password_changed" or "password_set" => localizer["Password changed"],
        "status_added" => localizer["Status added"],
        "status_removed" => localizer["Status removed"],
        "status_renamed" => localizer["Status renamed"],
        "status_changed" => localizer["Status changed"],
        "transition_added" => localizer["Transition added"],
        "transition_removed" => localizer["Transition removed"],
        "transition_changed" => localizer["Transition changed"],
        _ => localizer["Changed"],
    };

    /// <summary>The field an event is about, labelled as its form labels it; null when the event names none.</summary>
    public static string? Field(string entityType, string? field, IStringLocalizer localizer)
    {
        if (field is null)
        {
            return null;
        }

        if (LineField().Match(field) is { Success: true } line)
        {
            return localizer["Line {0}", line.Groups["no"].Value];
        }

        if (RegisterPart().Match(field) is { Success: true } part)
        {
            return part.Groups["what"].Value == "status"
                ? localizer["Status {0}", part.Groups["rest"].Value]
                : localizer["Transition {0}", part.Groups["rest"].Value];
        }

        return (entityType, field) switch
        {
            ("product", "name") => localizer["Product name"],
            (Core.MasterData.Supplier.EntityType, "name") => localizer["Supplier name"],
            ("customer", "name") => localizer["Customer name"],
            ("sla_policy", "name") => localizer["Policy name"],
            ("webhook", "name") => localizer["Webhook name"],
            ("api_key", "name") => localizer["Key name"],
            ("team", "name") => localizer["Team name"],
            ("assignment_rule", "name") => localizer["Rule name"],
            ("saved_view", "name") => localizer["View name"],
            ("sla_policy", "customer") => localizer["Customer code"],
            ("sla_policy", "decision") => localizer["Decision"],
            (_, "display_name") => localizer["Full name"],
            (_, "ean") => localizer["EAN"],
            (_, "supplierCode") => localizer["Supplier code"],
            (_, "customerCode") => localizer["Customer code"],
            (_, "warrantyMonths") => localizer["Warranty (months)"],
            (_, "productGroup") => localizer["Product group"],
            (_, "taxId") => localizer["Tax ID"],
            (_, "email") => localizer["E-mail"],
            (_, "phone") => localizer["Phone"],
            (_, "country") => localizer["Country"],
            (_, "type") => localizer["Customer type"],
            (_, "tier" or "customerTier") => localizer["Customer tier"],
            (_, "issueDate") => localizer["Issue date"],
            (_, "saleDate") => localizer["Sale date"],
            (_, "currency") => localizer["Currency"],
            (_, "goodsIssue.number") => localizer["Goods issue"],
            (_, "goodsIssue.pickedBy") => localizer["Picked by"],
            (_, "goodsIssue.packedBy") => localizer["Packed by"],
            (_, "shipment.carrier") => localizer["Carrier"],
            (_, "shipment.trackingNumber") => localizer["Tracking number"],
            (_, "order") => localizer["Sort order"],
            (_, "active") => localizer["Active"],
            (_, "register") => localizer["Register"],
            (_, "category") => localizer["Category"],
            (_, "legalBasis") => localizer["Legal basis"],
            (_, "valueAbove") => localizer["Value above"],
            (_, "costTotalAbove") => localizer["Cost total above"],
            (_, "firstResponse") => localizer["First response"],
            (_, "resolution") => localizer["Resolution"],
            (_, "calendar") => localizer["Calendar"],
            (_, "pauseStatuses") => localizer["Pause statuses"],
            (_, "roles") => localizer["Roles"],
            (_, "language") => localizer["Language"],
            (_, "disabled") => localizer["Disabled"],
            (_, "must_change_password") => localizer["Must choose a new password at the next sign-in"],
            (_, "customer") => localizer["Customer"],
            (_, "url") => localizer["Address (URL)"],
            (_, "events") => localizer["Events"],
            (_, "enabled") => localizer["Enabled"],
            (_, "secret") => localizer["Secret"],
            (_, "prefix") => localizer["Prefix"],
            (_, "scopes") => localizer["Scopes"],
            (_, "acts_as_role") => localizer["Acts as"],
            (_, "revoked_at") => localizer["Revoked"],
            (_, "label_en") => localizer["Label in English"],
            (_, "label_pl") => localizer["Label in Polish"],
            (_, "label_cs") => localizer["Label in Czech"],
            (_, "choices") => localizer["Choices (choice fields only)"],
            (_, "required_on") => localizer["Required on"],
            (_, "visible_to_customer") => localizer["Visible to the customer (tracking page and partner portal)"],
            (_, "name_en") => localizer["Name in English"],
            (_, "name_pl") => localizer["Name in Polish"],
            (_, "name_cs") => localizer["Name in Czech"],
            (_, "subject") => localizer["Subject"],
            (_, "body") => localizer["Text"],
            (_, "kind") => localizer["Register kind"],
            (_, "code") => localizer["Code"],
            (_, "numbering_pattern") => localizer["Numbering pattern"],
            (_, "acknowledges_intake") => localizer["Acknowledge every new claim to the claimant"],
            _ => field,
        };
    }

    /// <summary>A value as the forms show it: yes/no, customer types, legal bases, periods, calendars and languages in words.</summary>
    public static string? Value(string? field, string? value, IStringLocalizer localizer)
    {
        if (value is null)
        {
            return null;
        }

        switch (value)
        {
            case "yes" or "true":
                return localizer["Yes"];
            case "no" or "false":
                return localizer["No"];
        }

        return field switch
        {
            "type" when Codes.TryParse<CustomerType>(value, out _) => localizer[CodeLabels.Of<CustomerType>(value)],
            "category" when Codes.TryParse<ClaimCategory>(value, out _) => localizer[CodeLabels.Of<ClaimCategory>(value)],
            "legalBasis" when Codes.TryParse<LegalBasis>(value, out _) => localizer[CodeLabels.Of<LegalBasis>(value)],
            "firstResponse" or "decision" or "resolution" => Period(value, localizer),
            "calendar" => value switch
            {
                "pl" => localizer["Poland"],
                "cz" => localizer["Czech Republic"],
                _ => value,
            },
            "language" => Language(value),
            "kind" when Codes.TryParse<Core.Registers.RegisterKind>(value, out var kind) => Admin.Registers.RegisterKindLabels.Of(kind, localizer),
            _ => value,
        };
    }

    /// <summary>An SLA target as stored (<c>3 working_days</c>) in words: "3 working days"; anything else as it is.</summary>
    public static string Period(string period, IStringLocalizer localizer) =>
        Period().Match(period) is { Success: true } parts ? $"{parts.Groups["amount"].Value} {Unit(parts.Groups["unit"].Value, localizer)}" : period;

    private static string Unit(string unit, IStringLocalizer localizer) => unit switch
    {
        "working_days" => localizer["working days"],
        "hours" => localizer["hours"],
        "calendar_days" => localizer["calendar days"],
        _ => unit,
    };

    /// <summary>A language by its own name, as the language switcher and the user form show it.</summary>
    private static string Language(string code) => code switch
    {
        "en" => "English",
        "pl" => "Polski",
        "cs" => "Čeština",
        _ => code,
    };

    [GeneratedRegex(@"^line (?<no>\d+)$")]
    private static partial Regex LineField();

    [GeneratedRegex(@"^(?<what>status|transition) (?<rest>.+)$")]
    private static partial Regex RegisterPart();

    [GeneratedRegex(@"^(?<amount>\d+) (?<unit>[a-z_]+)$")]
    private static partial Regex Period();
}
