using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Features.Claims;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Notifications;

/// <summary>An item of a claim as the claimant hears of its decision.</summary>
public sealed record LineOutcome(string ReferenceNumber, string ProductName, LineDecision Decision, string? Reason)
{
    public static IReadOnlyList<LineOutcome> Of(Claim claim) =>
        [.. claim.Lines.OrderBy(l => l.LineNo).Select(l => new LineOutcome(l.ReferenceNumber, l.ProductName, l.Decision, l.DecisionReason))];
}

/// <summary>
/// The <c>{decision}</c> of a notification: the decision on each item, and why an item was rejected (a response that
/// does not grant the demand states its reasons, CZ-CONS-CLOSE), in the localizer's language. Empty while no item is
/// decided, so a status change before the decision says nothing of one.
/// </summary>
public static class DecisionText
{
    /// <summary>The decision text in the language of <paramref name="localizer"/>; with <paramref name="compact"/> one line,
    /// the items by their reference numbers only (a text message).</summary>
    public static string Of(IStringLocalizer localizer, IReadOnlyList<LineOutcome> lines, bool compact)
    {
        if (lines.All(l => l.Decision == LineDecision.Pending))
        {
            return "";
        }

        var items = lines.Select(line =>
        {
            var item = $"{(compact ? line.ReferenceNumber : $"{line.ReferenceNumber} {line.ProductName}")}: {localizer[CodeLabels.Of(line.Decision)]}";
            return line.Decision == LineDecision.Rejected && !string.IsNullOrWhiteSpace(line.Reason)
                ? $"{item} ({localizer["Reason"]}: {line.Reason.Trim()})"
                : item;
        }).ToList();
        var heading = localizer["Our decision:"].Value;
        return compact
            ? $"{heading} {string.Join("; ", items)}."
            : string.Join('\n', [heading, .. items.Select(i => $"- {i}")]);
    }
}
