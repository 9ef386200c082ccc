using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Infrastructure.Mail;

/// <summary>
/// Hands a message to the SMTP server (<c>ClaimDesk:Smtp:Host</c>), or, without one, writes it as an .eml file to
/// the pickup folder <c>&lt;DataDirectory&gt;/mail</c>, so the embedded default works offline.
/// </summary>
public sealed class MailTransport
{
    public const string PickupFolderName = "mail";

    /// <summary>The longest one message may take to hand over; the dispatcher sizes its batches by it.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    private readonly SmtpOptions _smtp;
    private readonly MailAddress _from;

    public MailTransport(IOptions<ClaimDeskOptions> options, DataDirectory dataDirectory)
    {
        _smtp = options.Value.Smtp;
        _from = Check(options.Value);
        PickupFolder = dataDirectory.Combine(PickupFolderName);
        if (!UsesSmtp)
        {
            Directory.CreateDirectory(PickupFolder);
        }
    }

    /// <summary>True when an SMTP host is configured; false when mail goes to <see cref="PickupFolder"/>.</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(_smtp.Host);

    public string PickupFolder { get; }

    /// <summary>Checks the SMTP settings at start-up; returns the sender.</summary>
    public static MailAddress Check(ClaimDeskOptions options)
    {
        var smtp = options.Smtp;
        var mail = options.Mail;
        if (mail.PollSeconds < 0)
        {
            throw new StartupException($"ClaimDesk:Mail:PollSeconds is {mail.PollSeconds}, but it must be 0 (off) or more.");
        }

        if (mail.MaxAttempts < 1)
        {
            throw new StartupException($"ClaimDesk:Mail:MaxAttempts is {mail.MaxAttempts}, but it must be at least 1.");
        }

        if (mail.LeaseSeconds < 30)
        {
            throw new StartupException($"ClaimDesk:Mail:LeaseSeconds is {mail.LeaseSeconds}, but it must be at least 30.");
        }

        var hasHost = !string.IsNullOrWhiteSpace(smtp.Host);
        if (hasHost && string.IsNullOrWhiteSpace(smtp.From))
        {
            throw new StartupException(
                "ClaimDesk:Smtp:From must be set when ClaimDesk:Smtp:Host is set (for example 'ClaimDesk <claims@example.com>').");
        }

        if (hasHost && smtp.Port is < 1 or > 65535)
        {
            throw new StartupException($"ClaimDesk:Smtp:Port is {smtp.Port}, but it must be between 1 and 65535.");
        }

        var from = string.IsNullOrWhiteSpace(smtp.From) ? MailOptions.DefaultFrom : smtp.From;
        return MailAddress.TryCreate(from, out var address)
            ? address
            : throw new StartupException($"ClaimDesk:Smtp:From '{smtp.From}' is not an e-mail address.");
    }

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var mail = Compose(message);
        using var client = new SmtpClient();
        if (UsesSmtp)
        {
            client.Host = _smtp.Host!;
            client.Port = _smtp.Port;
            client.EnableSsl = _smtp.EnableSsl;
            client.DeliveryMethod = SmtpDeliveryMethod.Network;
            if (!string.IsNullOrEmpty(_smtp.UserName))
            {
                client.Credentials = new NetworkCredential(_smtp.UserName, _smtp.Password);
            }
        }
        else
        {
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = PickupFolder;
        }

        client.Timeout = (int)SendTimeout.TotalMilliseconds;
        await client.SendMailAsync(mail, cancellationToken);
    }

    private MailMessage Compose(OutboxMessage message)
    {
        var mail = new MailMessage
        {
            From = _from,
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = message.TextBody,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
            BodyTransferEncoding = TransferEncoding.QuotedPrintable,
        };
        mail.To.Add(message.To);
        mail.Headers["Message-ID"] = message.InternetMessageId;
        if (message.HtmlBody is { } html)
        {
            var alternative = AlternateView.CreateAlternateViewFromString(html, Encoding.UTF8, MediaTypeNames.Text.Html);
            alternative.TransferEncoding = TransferEncoding.QuotedPrintable;
            mail.AlternateViews.Add(alternative);
        }

        foreach (var file in message.Attachments)
        {
            var attachment = new Attachment(new MemoryStream(file.Content), file.FileName, file.ContentType);
            attachment.NameEncoding = Encoding.UTF8;
            mail.Attachments.Add(attachment);
        }

        return mail;
    }
}
