using ClaimDesk.Web.Data;

namespace ClaimDesk.Web.Infrastructure.Mail;

/// <summary>
/// Something to deliver, written in the same transaction as the change that caused it (DESIGN §4 Outbox) and sent
/// later by <see cref="OutboxDispatcher"/>: an e-mail (<see cref="Kind"/> <c>email</c>), a text message (<c>sms</c>:
/// <see cref="To"/> is the phone number, <see cref="TextBody"/> the text, no subject), or a webhook delivery
/// (<c>webhook</c>: <see cref="TextBody"/> is the JSON body, <see cref="InternetMessageId"/> the delivery id; the
/// address and secret are the webhook's, found through <see cref="Features.Webhooks.WebhookDelivery"/>).
/// </summary>
public sealed class OutboxMessage
{
    public const string EmailKind = "email";
    public const string SmsKind = "sms";
    public const string WebhookKind = "webhook";

    public long Id { get; set; }

    public string Kind { get; set; } = EmailKind;

    /// <summary>The recipient's address or phone number (one; a message to several people is several rows).</summary>
    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string? HtmlBody { get; set; }

    /// <summary>One of <see cref="OutboxStatus"/>.</summary>
    public string Status { get; set; } = OutboxStatus.Pending;

    /// <summary>How many times a node has taken the message to send it (since it was created or last requeued).</summary>
    public int Attempts { get; set; }

    /// <summary>When a pending message is due; after a failure, later by the back-off.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Until when the node that took the message (<c>sending</c>) holds it.</summary>
    public DateTime? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The Message-ID header (for SMS the id given to the gateway), fixed when the message is written, so a copy sent again is recognisable.</summary>
    public string InternetMessageId { get; set; } = "";

    public List<OutboxAttachment> Attachments { get; set; } = [];

    /// <summary>
    /// A document to attach that is made when the message is sent rather than when it is queued
    /// (<see cref="IOutboxDocuments"/>), e.g. <c>intake_confirmation:pl:42</c>; once made it is kept as an attachment
    /// named <see cref="DocumentFileName"/>, so a retry sends the same file. Kept on the message's own row, so that
    /// queueing it costs no further insert in the caller's transaction.
    /// </summary>
    public string? Document { get; set; }

    public string? DocumentFileName { get; set; }
}

/// <summary>A file sent with an <see cref="OutboxMessage"/>; kept in its own table so lists never load the bytes.</summary>
public sealed class OutboxAttachment
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "application/octet-stream";

    public byte[] Content { get; set; } = [];
}

/// <summary>
/// Makes the documents that outbox messages name (<see cref="OutboxMessage.Document"/>) when they are sent, so that a
/// costly document (a PDF) is not drawn inside the transaction that queues it, which may hold a lock.
/// </summary>
public interface IOutboxDocuments
{
    /// <summary>Whether this service makes <paramref name="document"/>.</summary>
    bool Makes(string document);

    /// <summary>The document's bytes and their content type.</summary>
    Task<(byte[] Content, string ContentType)> MakeAsync(string document, CancellationToken cancellationToken);
}

/// <summary>
/// Sends outbox messages of a kind the outbox itself does not know (e-mail and SMS it sends itself): a feature that
/// queues messages of its own kind (webhook deliveries) registers one, so the dispatcher needs to know no feature.
/// </summary>
public interface IOutboxSender
{
    /// <summary>The <see cref="OutboxMessage.Kind"/> this sender sends.</summary>
    string Kind { get; }

    /// <summary>Sends <paramref name="message"/>; any exception is a failed attempt, retried with back-off.</summary>
    Task SendAsync(AppDbContext db, OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>The states of an <see cref="OutboxMessage"/>.</summary>
public static class OutboxStatus
{
    /// <summary>Waiting to be sent (first time, or again after a failure).</summary>
    public const string Pending = "pending";

    /// <summary>Taken by a node, which is sending it now.</summary>
    public const string Sending = "sending";

    public const string Sent = "sent";

    /// <summary>Given up on: too many failures, or the node died mid-send. Only an administrator requeues it.</summary>
    public const string Dead = "dead";

    public static readonly IReadOnlyList<string> All = [Pending, Sending, Sent, Dead];
}

/// <summary>A file to attach, as a caller of <see cref="Outbox.Email"/> gives it.</summary>
/// <summary>A file to send: its bytes, or, with <paramref name="Document"/>, the document to make when it is sent.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content, string? Document = null);
