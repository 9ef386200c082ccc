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
