using ClaimDesk.Web.Features.Notifications;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Notifications;

/// <summary>How the administration pages name events, recipients, channels and placeholders, in the UI language.</summary>
public static class NotificationLabels
{
    public static string Event(IStringLocalizer localizer, string code) => code switch
    {
        NotificationEvent.ClaimCreated => localizer["New claim"],
        NotificationEvent.StatusChanged => localizer["Status changed"],
        NotificationEvent.Assigned => localizer["Claim assigned"],
        NotificationEvent.MessageInbound => localizer["Message from the claimant"],
        NotificationEvent.DeadlineApproaching => localizer["Deadline approaching"],
        NotificationEvent.DeadlineBreached => localizer["Deadline breached"],
        NotificationEvent.DeemedAcceptanceRisk => localizer["Risk of deemed acceptance"],
        _ => code,
    };

    public static string Recipient(IStringLocalizer localizer, string code) => code switch
    {
        NotificationRecipient.Customer => localizer["Claimant (preferred channel)"],
        NotificationRecipient.Assignee => localizer["Assignee"],
        NotificationRecipient.AssigneeOrManagers => localizer["Assignee, or managers when unassigned"],
        NotificationRecipient.Managers => localizer["Managers"],
        NotificationRecipient.Role => localizer["Everyone with a role"],
        NotificationRecipient.User => localizer["One user"],
        _ => code,
    };

    public static string Channel(IStringLocalizer localizer, string code) => code switch
    {
        NotificationChannel.Email => localizer["E-mail"],
        NotificationChannel.Sms => localizer["SMS"],
        NotificationChannel.InApp => localizer["In the application"],
        _ => code,
    };

    public static string Placeholder(IStringLocalizer localizer, string name) => name switch
    {
        NotificationPlaceholder.Number => localizer["the claim number"],
        NotificationPlaceholder.Customer => localizer["the claimant's name"],
        NotificationPlaceholder.Status => localizer["the status, as staff call it"],
        NotificationPlaceholder.CustomerStatus => localizer["the status, as the claimant sees it"],
        NotificationPlaceholder.Assignee => localizer["the assignee's name"],
        NotificationPlaceholder.TrackingLink => localizer["a link to the claimant's tracking page"],
        NotificationPlaceholder.ClaimLink => localizer["a link to the claim for staff"],
        NotificationPlaceholder.Organisation => localizer["the organisation's name"],
        NotificationPlaceholder.Message => localizer["the claimant's message (its beginning)"],
        NotificationPlaceholder.Deadline => localizer["the deadline's name"],
        NotificationPlaceholder.Due => localizer["when the deadline is due"],
        NotificationPlaceholder.Decision => localizer["the decision on each item, with the reason of a rejection (empty before a decision)"],
        _ => name,
    };
}
