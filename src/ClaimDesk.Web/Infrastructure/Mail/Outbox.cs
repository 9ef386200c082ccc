using System.Net.Mail;
using ClaimDesk.Web.Data;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Infrastructure.Mail;

/// <summary>
/// Queues e-mail in the current unit of work: the row is added to <see cref="AppDbContext"/> but not saved, so the
/// caller's SaveChanges writes it in the same transaction as the change that caused it. If that transaction rolls
/// back, the e-mail never existed. <see cref="OutboxDispatcher"/> sends it later, outside any request.
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

        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Kind = OutboxMessage.EmailKind,
            To = to.Trim(),
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            InternetMessageId = $"<{Guid.NewGuid():N}@{SenderDomain(options.Value)}>",
            Attachments = [.. (attachments ?? []).Select(a => new OutboxAttachment
            {
                FileName = a.FileName,
                ContentType = a.ContentType,
                Content = a.Content,
            })],
        };
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
