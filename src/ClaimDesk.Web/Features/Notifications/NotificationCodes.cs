using ClaimDesk.Core.Security;

namespace ClaimDesk.Web.Features.Notifications;

/// <summary>
/// The events a notification rule reacts to (DESIGN §6). The rest of the application raises them through
/// <see cref="Notifier"/>; the deadline scanner raises the three <c>deadline.*</c> ones.
/// </summary>
public static class NotificationEvent
{
    /// <summary>A claim became visible to staff: recorded by staff or the API, or a web submission confirmed.</summary>
    public const string ClaimCreated = "claim.created";

    public const string StatusChanged = "claim.status_changed";

    public const string Assigned = "claim.assigned";

    /// <summary>The claimant wrote (tracking page, or a call or letter staff recorded as inbound).</summary>
    public const string MessageInbound = "message.inbound";

    public const string DeadlineApproaching = "deadline.approaching";

    public const string DeadlineBreached = "deadline.breached";

    /// <summary>A statutory response deadline is close: if it passes, the claim is deemed accepted (PL-CONS-RESP).</summary>
    public const string DeemedAcceptanceRisk = "deadline.deemed_acceptance_risk";

    public static IReadOnlyList<string> All { get; } =
        [ClaimCreated, StatusChanged, Assigned, MessageInbound, DeadlineApproaching, DeadlineBreached, DeemedAcceptanceRisk];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);


    /// <summary>The placeholders a template of <paramref name="code"/> may use.</summary>
    public static IReadOnlyList<string> Placeholders(string code) => code switch
    {
        StatusChanged => [.. NotificationPlaceholder.Common, NotificationPlaceholder.Decision],
        MessageInbound => [.. NotificationPlaceholder.Common, NotificationPlaceholder.Message],
        DeadlineApproaching or DeadlineBreached or DeemedAcceptanceRisk =>
            [.. NotificationPlaceholder.Common, NotificationPlaceholder.Deadline, NotificationPlaceholder.Due],
        _ => NotificationPlaceholder.Common,
    };
}

/// <summary>The <c>{name}</c> placeholders of notification templates.</summary>
public static class NotificationPlaceholder
{
    public const string Number = "number";
    public const string Customer = "customer";

    /// <summary>The status as staff call it, in the recipient's language.</summary>
    public const string Status = "status";

    /// <summary>The status as the claimant sees it, in the recipient's language.</summary>
    public const string CustomerStatus = "customer_status";

    public const string Assignee = "assignee";

    /// <summary>A fresh magic link to the claim's tracking page (for the claimant).</summary>
    public const string TrackingLink = "tracking_link";

    /// <summary>The claim's card in the staff application.</summary>
    public const string ClaimLink = "claim_link";

    public const string Organisation = "organisation";
    public const string Message = "message";
    public const string Deadline = "deadline";
    public const string Due = "due";

    /// <summary>
    /// The decision on each item, with the reason of a rejection, in the recipient's language; empty while no item is
    /// decided (<see cref="DecisionText"/>).
    /// </summary>
    public const string Decision = "decision";

    public static IReadOnlyList<string> Common { get; } =
        [Number, Customer, Status, CustomerStatus, Assignee, TrackingLink, ClaimLink, Organisation];
}

/// <summary>Who a rule notifies.</summary>
public static class NotificationRecipient
{
    /// <summary>The claimant, through their preferred channel (e-mail or SMS).</summary>
    public const string Customer = "customer";

    public const string Assignee = "assignee";

    /// <summary>The assignee; every manager while the claim has none.</summary>
    public const string AssigneeOrManagers = "assignee_or_managers";

    /// <summary>Every active user with the role Manager.</summary>
    public const string Managers = "managers";

    /// <summary>Every active user with the rule's role.</summary>
    public const string Role = "role";

    /// <summary>One named user.</summary>
    public const string User = "user";

    public static IReadOnlyList<string> All { get; } = [Customer, Assignee, AssigneeOrManagers, Managers, Role, User];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);


    /// <summary>The roles a <see cref="Role"/> rule may name: the staff roles.</summary>
    public static IReadOnlyList<string> Roles => StaffRole.Staff;
}

/// <summary>How a notification travels.</summary>
public static class NotificationChannel
{
    public const string Email = "email";
    public const string Sms = "sms";

    /// <summary>The staff notification centre (the bell).</summary>
    public const string InApp = "in_app";

    public static IReadOnlyList<string> All { get; } = [Email, Sms, InApp];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);


    /// <summary>The claimant has no account, so no notification centre; staff have no SMS number in ClaimDesk.</summary>
    public static IReadOnlyList<string> For(string recipient) =>
        recipient == NotificationRecipient.Customer ? [Email, Sms] : [Email, InApp];
}
