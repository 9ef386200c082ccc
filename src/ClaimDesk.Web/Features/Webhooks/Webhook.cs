using ClaimDesk.Web.Infrastructure.Mail;

namespace ClaimDesk.Web.Features.Webhooks;

/// <summary>
/// An outbound webhook (DESIGN §8): an administrator's subscription of an address to claim events. Each event it
/// subscribes to becomes one <see cref="WebhookDelivery"/> with its outbox row, POSTed and signed with the secret.
/// </summary>
public sealed class Webhook
{
    public const string EntityType = "webhook";

    public const int MaxName = 100;

    public const int MaxUrl = 2000;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>An absolute http or https address.</summary>
    public string Url { get; set; } = "";

    /// <summary>The signing secret, protected with ASP.NET Core Data Protection (<see cref="WebhookSecrets"/>); never shown again.</summary>
    public string ProtectedSecret { get; set; } = "";

    /// <summary>The events it subscribes to, among <see cref="WebhookEvent.All"/>.</summary>
    public List<string> Events { get; set; } = [];

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One event sent to one webhook: the link between the webhook and the <see cref="OutboxMessage"/> (kind
/// <c>webhook</c>) that carries it, which holds the body, the attempts, the status and the last error.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public int WebhookId { get; set; }

    public long OutboxMessageId { get; set; }

    public OutboxMessage? Message { get; set; }

    public string Event { get; set; } = "";

    /// <summary>The claim's id and number as they were; no foreign key, so the log outlives a purged claim.</summary>
    public long ClaimId { get; set; }

    public string ClaimNumber { get; set; } = "";

    /// <summary>The HTTP status the receiver answered the last attempt with; null when it did not answer.</summary>
    public int? LastHttpStatus { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>The claim events a webhook may subscribe to.</summary>
public static class WebhookEvent
{
    /// <summary>A claim became visible to staff: registered by staff or the API, or a web complaint confirmed.</summary>
    public const string ClaimCreated = "claim.created";

    /// <summary>Any transition of the workflow.</summary>
    public const string StatusChanged = "claim.status_changed";

    /// <summary>The claim's decision became accepted, partially accepted or rejected (or changed among them).</summary>
    public const string Decided = "claim.decided";

    /// <summary>The claim entered a status of the category closed.</summary>
    public const string Closed = "claim.closed";

    /// <summary>A message to or from the claimant was added to the claim's thread (internal notes are not sent).</summary>
    public const string MessagePosted = "claim.message_posted";

    /// <summary>One of the claim's deadlines appeared, moved, was paused, met, breached or went away.</summary>
    public const string DeadlineChanged = "claim.deadline_changed";

    /// <summary>Staff corrected the claim after intake (its facts or items: added, changed, withdrawn).</summary>
    public const string Updated = "claim.updated";

    /// <summary>A paid repair quote was sent to the claimant (body: <c>repair</c> with its lines and total).</summary>
    public const string RepairQuoteSent = "repair.quote_sent";

    /// <summary>The claimant accepted a repair quote.</summary>
    public const string RepairQuoteAccepted = "repair.quote_accepted";

    /// <summary>The claimant declined a repair quote.</summary>
    public const string RepairQuoteDeclined = "repair.quote_declined";

    /// <summary>The repair of an accepted quote was recorded as done.</summary>
    public const string RepairCompleted = "repair.completed";

    /// <summary>The invoice of a repair was issued (body: <c>repair</c> with the invoice number and amounts).</summary>
    public const string RepairInvoiced = "repair.invoiced";

    public static IReadOnlyList<string> All { get; } =
        [ClaimCreated, StatusChanged, Decided, Closed, MessagePosted, DeadlineChanged, Updated,
         RepairQuoteSent, RepairQuoteAccepted, RepairQuoteDeclined, RepairCompleted, RepairInvoiced];
}
