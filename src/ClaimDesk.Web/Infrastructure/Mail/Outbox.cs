using System.Net.Mail;
using ClaimDesk.Web.Data;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Infrastructure.Mail;

/// <summary>
/// Queues e-mail and text messages in the current unit of work: the row is added to <see cref="AppDbContext"/> but not
/// saved, so the caller's SaveChanges writes it in the same transaction as the change that caused it. If that
/// transaction rolls back, the message never existed. <see cref="OutboxDispatcher"/> sends it later, outside any request.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock, IOptions<ClaimDeskOptions> options)
{
    /// <summary>Adds an e-mail to <paramref name="to"/> (one address) to the unit of work; returns the unsaved row.</summary>
    public OutboxMessage Email(string to, string subject, string textBody, string? htmlBody = null,
        IEnumerable<MailAttachment>? attachments = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        if (!MailAddress.TryCreate(to.Trim(), out _))
        {
            // Refused now, in the caller's request, rather than failing eight times in the dispatcher.
            throw new ArgumentException($"'{to}' is not an e-mail address.", nameof(to));
        }

        var files = (attachments ?? []).ToList();
        var deferred = files.Where(a => a.Document is not null).ToList();
        if (deferred.Count > 1)
        {
            throw new ArgumentException("A message carries at most one document made when it is sent.", nameof(attachments));
        }

        return Add(new OutboxMessage
        {
            Kind = OutboxMessage.EmailKind,
            To = to.Trim(),
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            Attachments = [.. files.Where(a => a.Document is null).Select(a => new OutboxAttachment
            {
                FileName = a.FileName,
                ContentType = a.ContentType,
                Content = a.Content,
            })],
            Document = deferred.SingleOrDefault()?.Document,
            DocumentFileName = deferred.SingleOrDefault()?.FileName,
        });
    }

    /// <summary>
    /// Adds a text message to <paramref name="phone"/> to the unit of work; returns the unsaved row. The number is kept
    /// with its leading <c>+</c> and digits only (spaces, dashes, dots and brackets are dropped).
    /// </summary>
    public OutboxMessage Sms(string phone, string text)
    {
        var to = PhoneNumber(phone)
            ?? throw new ArgumentException($"'{phone}' is not a phone number.", nameof(phone));
        return Add(new OutboxMessage { Kind = OutboxMessage.SmsKind, To = to, TextBody = text });
    }

    /// <summary>
    /// Adds a webhook delivery to the unit of work; returns the unsaved row. <paramref name="deliveryId"/> is the id the
    /// receiver sees on every attempt (it replaces the Message-ID); <paramref name="to"/> and <paramref name="subject"/>
    /// only label the row in the outbox list.
    /// </summary>
    public OutboxMessage Webhook(string deliveryId, string to, string subject, string body)
    {
        var message = Add(new OutboxMessage { Kind = OutboxMessage.WebhookKind, To = to, Subject = subject, TextBody = body });
        message.InternetMessageId = deliveryId;
        return message;
    }

    /// <summary>A phone number as gateways take it (<c>+48600100200</c>), or null when <paramref name="phone"/> is none.</summary>
    public static string? PhoneNumber(string? phone)
    {
        var kept = new string([.. (phone ?? "").Where(c => !(char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')' or '/'))]);
        var digits = kept.StartsWith('+') ? kept[1..] : kept;
        return digits.Length is >= 5 and <= 20 && digits.All(char.IsAsciiDigit) ? kept : null;
    }

    /// <summary>Adds <paramref name="message"/> to the unit of work, pending and due now, with its own Message-ID.</summary>
    private OutboxMessage Add(OutboxMessage message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        message.Status = OutboxStatus.Pending;
        message.NextAttemptAt = now;
        message.CreatedAt = now;
        message.InternetMessageId = $"<{Guid.NewGuid():N}@{SenderDomain(options.Value)}>";
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>The domain of the sender's address, which Message-IDs carry after the <c>@</c>.</summary>
    public static string SenderDomain(ClaimDeskOptions options)
    {
        var from = string.IsNullOrWhiteSpace(options.Smtp.From) ? MailOptions.DefaultFrom : options.Smtp.From;
        return MailAddress.TryCreate(from, out var address) ? address.Host : "claimdesk.local";
    }
}
