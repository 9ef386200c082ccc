using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>Turns audit entries of a claim into words a person reads, in their language.</summary>
public static partial class HistoryText
{
    public static string What(HistoryEntry entry, IStringLocalizer localizer)
    {
        var line = LineField().Match(entry.Field ?? "");
        var lineNo = line.Success ? line.Groups["no"].Value : "";
        return (entry.Action, line.Success ? line.Groups["what"].Value : entry.Field) switch
        {
            ("created", "number") => localizer["Claim recorded"],
            ("created", "status") => localizer["Initial status"],
            ("created", "line") => localizer["Item added"],
            ("decided", "decision") => localizer["Decision on item {0}", lineNo],
            ("updated", "reason") when line.Success => localizer["Reason for item {0}", lineNo],
            ("updated", "decision") => localizer["Claim decision"],
            ("status_changed", "status") => localizer["Status changed"],
            ("status_changed", "reason") => localizer["Reason"],
            ("status_changed", "comment") => localizer["Comment"],
            ("transition_refused", _) => localizer["Refused: status change"],
            ("decision_refused", _) => localizer["Refused: decision on item {0}", lineNo],
            ("delete_refused", _) => localizer["Refused: deletion"],
            ("deleted", _) => localizer["Deleted"],
            ("assigned", _) => localizer["Assignee"],
            (Assignment.AutoAssignment.RuleAction, _) => localizer["Assigned by the rule"],
            ("assign_refused", _) => localizer["Refused: assignment"],
            (ClaimAttachments.AddedAction, _) => localizer["Attachment added"],
            (ClaimThread.PostedAction, _) => localizer["Message added"],
            (Intake.ClaimAcknowledgement.Action, _) => localizer["Acknowledgement e-mailed to the claimant"],
            (Deadlines.ClaimDeadlines.ChangedAction, _) => localizer["Deadline"],
            ("custom_fields_refused", _) => localizer["Refused: custom fields"],
            _ when ItemWorkText.What(entry, localizer) is { } work => work,
            _ => AuditText.Field(entry.EntityType, entry.Field, localizer) is { } field
                ? $"{AuditText.Action(entry.Action, localizer)}: {field}"
                : AuditText.Action(entry.Action, localizer),
        };
    }

    /// <summary>
    /// A value as a person reads it: status labels, decision labels, a deadline's rule, due time (through
    /// <paramref name="when"/>, in the organisation's time zone) and state, or the text itself.
    /// </summary>
    public static string? Value(HistoryEntry entry, string? value, Func<string, string> statusLabel, IStringLocalizer localizer,
        Func<DateTime, string>? when = null)
    {
        if (value is null)
        {
            return null;
        }

        if (ItemWorkText.Value(entry, value, localizer, when) is { } work)
        {
            return work;
        }

        if (entry.Action == Deadlines.ClaimDeadlines.ChangedAction && Deadlines.ClaimDeadlines.Parse(value) is var (rule, due, state))
        {
            return $"{Deadlines.DeadlineLabels.Named(rule, localizer)}: {when?.Invoke(due) ?? due.ToString("u", System.Globalization.CultureInfo.InvariantCulture)} ({Deadlines.DeadlineLabels.State(state, localizer)})";
        }

        if (entry.Action == ClaimThread.PostedAction)
        {
            return MessageKindLabel(value, localizer);
        }

        if (entry.Field == "status" || entry.Action == "transition_refused")
        {
            return statusLabel(value);
        }

        return entry.Field is { } field && field.EndsWith("decision", StringComparison.Ordinal)
            ? localizer[field == "decision" ? CodeLabels.Of<ClaimDecision>(value) : CodeLabels.Of<LineDecision>(value)]
            : AuditText.Value(entry.Field, value, localizer);
    }

    /// <summary>What a thread entry is, in the reader's language.</summary>
    public static string MessageKindLabel(string kind, IStringLocalizer localizer) => kind switch
    {
        MessageKind.Note => localizer["Internal note"],
        MessageKind.Inbound => localizer["From the claimant"],
        _ => localizer["To the claimant"],
    };

    [GeneratedRegex(@"^line (?<no>\d+) (?<what>\w+)$")]
    private static partial Regex LineField();
}
