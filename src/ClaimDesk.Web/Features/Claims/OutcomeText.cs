using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Workflows;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// A refusal as a person reads it. The API speaks in codes (<c>in_review</c>, <c>Manager</c>); pages show the status
/// labels and role names of the reader's language, also inside lists such as "in_review, rejected".
/// </summary>
public static class OutcomeText
{
    public static string Message(ClaimOutcome outcome, Workflow workflow, string language, IStringLocalizer localizer) =>
        localizer[outcome.Message, [.. outcome.Arguments.Select(a => Readable(a, workflow, language, localizer))]];

    private static object Readable(object argument, Workflow workflow, string language, IStringLocalizer localizer) =>
        argument is Core.Common.LocalizedText label ? label.In(language)
        : argument is string text
            ? string.Join(", ", text.Split(", ").Select(part => workflow.Status(part) is { } status
                ? status.StaffLabel.In(language)
                : Core.Security.StaffRole.IsKnown(part) ? localizer[part].Value : part))
            : argument;
}
