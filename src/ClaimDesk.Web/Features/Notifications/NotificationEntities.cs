namespace ClaimDesk.Web.Features.Notifications;

/// <summary>
/// One rule (DESIGN §6): when <see cref="Event"/> happens, notify <see cref="Recipient"/> through <see cref="Channel"/>
/// with the event's template for that channel. A rule for the claimant applies only on the channel the claimant
/// prefers (or the other one, when the preferred one has no address).
/// </summary>
public sealed class NotificationRule
{
    public const string EntityType = "notification_rule";

    public int Id { get; set; }

    /// <summary>One of <see cref="NotificationEvent.All"/>.</summary>
    public string Event { get; set; } = "";

    /// <summary>One of <see cref="NotificationRecipient.All"/>.</summary>
    public string Recipient { get; set; } = "";

    /// <summary>The role, for <see cref="NotificationRecipient.Role"/>.</summary>
    public string? Role { get; set; }

    /// <summary>The user's id, for <see cref="NotificationRecipient.User"/>.</summary>
    public string? UserId { get; set; }

    /// <summary>One of <see cref="NotificationChannel.All"/>.</summary>
    public string Channel { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>The rule notifies only of claims whose value is above this amount (the organisation's currency).</summary>
    public decimal? ValueAbove { get; set; }

    /// <summary>The rule notifies only of claims whose cost total is above this amount.</summary>
    public decimal? CostTotalAbove { get; set; }

    /// <summary>Whether the rule's amount conditions hold for <paramref name="claim"/> (none given: every claim).</summary>
    public bool AppliesTo(ClaimRef claim) =>
        Core.Common.Amounts.Above(claim.Value, ValueAbove) && Core.Common.Amounts.Above(claim.CostTotal, CostTotalAbove);
}

/// <summary>
/// The text of an event on a channel in one language. <see cref="Subject"/> is the e-mail subject or the title in the
/// notification centre (SMS has none); both texts may hold the event's <c>{placeholders}</c>.
/// </summary>
public sealed class NotificationTemplate
{
    public const string EntityType = "notification_template";
    public const int MaxSubject = 200;
    public const int MaxBody = 4000;

    public int Id { get; set; }

    public string Event { get; set; } = "";

    public string Channel { get; set; } = "";

    /// <summary><c>en</c>, <c>pl</c> or <c>cs</c>.</summary>
    public string Language { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}

/// <summary>One entry of a staff user's notification centre; unread until <see cref="ReadAt"/> is set.</summary>
public sealed class Notification
{
    public const int MaxTitle = 200;
    public const int MaxBody = 1000;

    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public long? ClaimId { get; set; }

    public string Event { get; set; } = "";

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>A path inside the application (the claim's card), never an outside address.</summary>
    public string? Link { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
