using ClaimDesk.Core.Deadlines;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Deadlines;

/// <summary>Deadlines in words, in the reader's language.</summary>
public static class DeadlineLabels
{
    public static string Kind(DeadlineKind kind, IStringLocalizer localizer) => kind switch
    {
        DeadlineKind.StatutoryResponse => localizer["Statutory response"],
        DeadlineKind.StatutoryResolution => localizer["Statutory resolution"],
        DeadlineKind.SlaFirstResponse => localizer["First response (SLA)"],
        DeadlineKind.SlaDecision => localizer["Decision (SLA)"],
        _ => localizer["Resolution (SLA)"],
    };

    /// <summary>
    /// Where a deadline comes from, for a person: "SLA policy “VIP”", or the statutory rule's id (PL-CONS-RESP-2023),
    /// which is how the law is cited; an id nothing writes any more is shown as it is.
    /// </summary>
    public static string Rule(string ruleId, IStringLocalizer localizer) =>
        DeadlineRuleId.Read(ruleId)?.PolicyName is { } policy ? localizer["SLA policy “{0}”", policy] : ruleId;

    /// <summary>A deadline named by its rule id in words: "Resolution (SLA), SLA policy “VIP”", "Statutory response, PL-CONS-RESP-2023".</summary>
    public static string Named(string ruleId, IStringLocalizer localizer) =>
        DeadlineRuleId.Read(ruleId) is { } read ? $"{Kind(read.Kind, localizer)}, {Rule(ruleId, localizer)}" : ruleId;

    public static string State(DeadlineState state, IStringLocalizer localizer) => state switch
    {
        DeadlineState.Running => localizer["Running"],
        DeadlineState.Paused => localizer["Paused"],
        DeadlineState.Met => localizer["Met"],
        _ => localizer["Breached"],
    };

    /// <summary>The Bootstrap colour of a state: breached red, running blue, paused grey, met green.</summary>
    public static string Colour(DeadlineState state) => state switch
    {
        DeadlineState.Running => "primary",
        DeadlineState.Paused => "secondary",
        DeadlineState.Met => "success",
        _ => "danger",
    };
}
