using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Intake;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>A file as a thread entry lists it.</summary>
public sealed record ThreadFile(long Id, string FileName, string ContentType, long Size);

/// <summary>One entry of the thread as pages show it.</summary>
public sealed record ThreadMessage(long Id, string Kind, string AuthorName, string Body, DateTime At, IReadOnlyList<ThreadFile> Files);

/// <summary>
/// What posting a message did: the outcome and, for a message to the claimant, the channel it was queued on
/// (<see cref="Notifications.NotificationChannel.Email"/> or <see cref="Notifications.NotificationChannel.Sms"/>).
/// </summary>
public sealed record PostedMessage(ClaimOutcome Outcome, string? Channel);

/// <summary>A file sent with a message, before it is read.</summary>
public sealed record UploadedFile(string? FileName, Func<Stream> Open);

/// <summary>
/// One thread per claim (DESIGN §2): internal notes, public messages to the claimant, and the claimant's own messages,
/// each with its files. A message and its files are saved in one transaction with their audit events; a refused file
/// refuses the whole message and stores nothing. A public message goes on the claimant's channel (the one they prefer,
/// or the other when it has no address): an e-mail or a text message, in their language and with a tracking link,
/// queued in the same transaction. A claimant with neither an e-mail address nor a phone number that takes texts cannot
/// be sent one, so it is refused rather than stored as if it had been sent.
/// </summary>
public sealed class ClaimThread(
    AppDbContext db, ClaimAttachments attachments, TimeProvider clock, TrackingLinks trackingLinks,
    IntakeMails mails, Infrastructure.Mail.Outbox outbox, ClaimEventDispatcher dispatcher, Mentions mentions, StaffSignature signature)
{
    public const string PostedAction = "message_posted";
    public const int MaxFiles = 5;

    /// <summary>
    /// Adds a message of <paramref name="kind"/> with its files. Refusals name the field <c>body</c> or <c>files</c>;
    /// a missing claim is <see cref="Refusal.NotFound"/>. <paramref name="baseUrl"/> starts the tracking link of the
    /// e-mail an outbound message sends.
    /// </summary>
    public async Task<ClaimOutcome> PostAsync(
        long claimId, string kind, string? body, IReadOnlyList<UploadedFile> uploads, Actor actor, string baseUrl,
        CancellationToken cancellationToken = default) =>
        (await PostMessageAsync(claimId, kind, body, uploads, actor, baseUrl, cancellationToken)).Outcome;

    /// <summary>As <see cref="PostAsync"/>, also saying on which channel a message to the claimant was queued.</summary>
    public async Task<PostedMessage> PostMessageAsync(
        long claimId, string kind, string? body, IReadOnlyList<UploadedFile> uploads, Actor actor, string baseUrl,
        CancellationToken cancellationToken = default)
    {
        var (outcome, channel) = await StoreAsync(claimId, kind, body, uploads, actor, baseUrl, cancellationToken);
        return new PostedMessage(outcome, outcome.Succeeded ? channel : null);
    }

    private async Task<(ClaimOutcome Outcome, string? Channel)> StoreAsync(
        long claimId, string kind, string? body, IReadOnlyList<UploadedFile> uploads, Actor actor, string baseUrl,
        CancellationToken cancellationToken)
    {
        if (kind is not (MessageKind.Note or MessageKind.Outbound or MessageKind.Inbound))
        {
            return (ClaimOutcome.Refuse(Refusal.Invalid, "kind", "Choose whether the message is a note or goes to the claimant."), null);
        }

        body = body?.Trim() ?? "";
        if (body.Length > MessageKind.MaxBodyLength)
        {
            return (ClaimOutcome.Refuse(Refusal.Invalid, "body", "At most {0} characters; this has {1}.", MessageKind.MaxBodyLength, body.Length), null);
        }

        if (body.Length == 0 && uploads.Count == 0)
        {
            return (ClaimOutcome.Refuse(Refusal.Invalid, "body", "Write a message or attach a file."), null);
        }

        if (uploads.Count > MaxFiles)
        {
            return (ClaimOutcome.Refuse(Refusal.Invalid, "files", "At most {0} files at once.", MaxFiles), null);
        }

        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId && !c.IsDeleted, cancellationToken);
        if (claim is null)
        {
            return (ClaimOutcome.Refuse(Refusal.NotFound, null, "The claim does not exist."), null);
        }

        var channel = kind == MessageKind.Outbound
            ? Notifications.Notifier.CustomerChannel(claim.ContactEmail, claim.ContactPhone, claim.PreferredChannel)
            : null;
        if (kind == MessageKind.Outbound && channel is null)
        {
            return (ClaimOutcome.Refuse(Refusal.Invalid, "kind",
                "The claimant has no e-mail address and no phone number that takes text messages, so the message cannot reach them and was not sent. Add a contact to the claim, or keep it as an internal note."), null);
        }

        var received = new List<ReceivedFile>();
        try
        {
            foreach (var upload in uploads)
            {
                await using var content = upload.Open();
                var (error, file) = await attachments.ReceiveAsync(upload.FileName, content, cancellationToken);
                if (error is not null)
                {
                    return (new ClaimOutcome(Refusal.Invalid, "files", error.Message, error.Arguments, []), null);
                }

                received.Add(file!);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var message = new ClaimMessage
            {
                ClaimId = claimId,
                Kind = kind,
                AuthorKind = actor.Kind,
                AuthorId = actor.Id,
                AuthorName = actor.Name,
                Body = body,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.ClaimMessages.Add(message);
            await db.SaveChangesAsync(cancellationToken);

            var log = new ChangeLog();
            log.Add(new Change(Claim.EntityType, claimId.ToString(CultureInfo.InvariantCulture), PostedAction, "message", null, kind));
            foreach (var file in received)
            {
                attachments.Attach(claimId, message.Id, file.FileName, file.ContentType, file.Length, file.Sha256,
                    MessageKind.VisibilityOf(kind), actor);
            }

            if (channel == Notifications.NotificationChannel.Email)
            {
                var link = trackingLinks.Issue(claimId, baseUrl);
                var mail = mails.Message(claim.ContactLanguage, claim.ContactName, claim.Number, body, received.Count, link,
                    await signature.OfAsync(actor, cancellationToken));
                outbox.Email(claim.ContactEmail!, mail.Subject, mail.Text);
            }
            else if (channel == Notifications.NotificationChannel.Sms)
            {
                var link = trackingLinks.Issue(claimId, baseUrl);
                outbox.Sms(claim.ContactPhone!, mails.MessageText(claim.ContactLanguage, claim.Number, body, received.Count, link,
                    await signature.OfAsync(actor, cancellationToken)));
            }

            if (kind != MessageKind.Inbound && body.Length > 0)
            {
                await mentions.NotifyAsync(claimId, claim.Number, body, Notifications.Notifier.UserOf(actor), actor.Name, cancellationToken);
            }

            claim.MessageAdded(message.Id, kind, toClaimant: kind == MessageKind.Outbound,
                body.Length > 0 ? body : string.Join(", ", received.Select(f => f.FileName)), message.CreatedAt);
            await dispatcher.SaveAsync([claim], new ClaimChangeContext(actor, message.CreatedAt, log), cancellationToken);
            await attachments.CommitAsync(received, transaction, cancellationToken);
            return (ClaimOutcome.Done, channel);
        }
        finally
        {
            foreach (var file in received)
            {
                await file.DisposeAsync();
            }
        }
    }

    /// <summary>The claim's thread, oldest first; for the claimant (<paramref name="publicOnly"/>) without notes.</summary>
    public async Task<IReadOnlyList<ThreadMessage>> ListAsync(long claimId, bool publicOnly, CancellationToken cancellationToken = default)
    {
        var messages = await db.ClaimMessages.AsNoTracking()
            .Where(m => m.ClaimId == claimId && (!publicOnly || m.Kind != MessageKind.Note))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Kind, m.AuthorName, m.Body, m.CreatedAt })
            .ToListAsync(cancellationToken);
        var files = (await db.ClaimAttachments.AsNoTracking()
            .Where(a => a.ClaimId == claimId && a.MessageId != null && !a.IsDeleted
                && (!publicOnly || a.Visibility == AttachmentVisibility.Public))
            .OrderBy(a => a.Id)
            .Select(a => new { MessageId = a.MessageId!.Value, File = new ThreadFile(a.Id, a.FileName, a.ContentType, a.Size) })
            .ToListAsync(cancellationToken))
            .ToLookup(a => a.MessageId, a => a.File);
        return [.. messages.Select(m => new ThreadMessage(m.Id, m.Kind, m.AuthorName, m.Body, m.CreatedAt, [.. files[m.Id]]))];
    }
}
