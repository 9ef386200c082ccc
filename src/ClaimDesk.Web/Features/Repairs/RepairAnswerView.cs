using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Repairs;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Repairs;

/// <summary>
/// The claimant's view of a claim's repair quotes (tracking page, portal): sent ones with Accept / Decline, answered
/// ones with the answer; <paramref name="Route"/> are the route values of the page the answer is posted back to.
/// </summary>
public sealed record RepairAnswerView(IReadOnlyList<RepairQuote> Quotes, DateOnly Today, IDictionary<string, string> Route, Func<DateTime, DateTime> Local)
{
    public const string Accept = "accept";
    public const string Decline = "decline";

    /// <summary>What the claimant is told after answering: done, or why not (a second answer names the first).</summary>
    public static string Told(ClaimOutcome outcome, bool accept, IStringLocalizer localizer) =>
        outcome.Succeeded
            ? (accept ? localizer["You accepted the repair quote. Thank you; we will repair the goods."] : localizer["You declined the repair quote."]).Value
            : localizer[outcome.Message, [.. outcome.Arguments]].Value;

    /// <summary>The quotes a claimant sees: those sent to them, newest first (never a draft).</summary>
    public static IReadOnlyList<RepairQuote> Visible(IReadOnlyList<RepairQuote> quotes) => [.. quotes.Where(q => q.SentAt is not null)];
}
