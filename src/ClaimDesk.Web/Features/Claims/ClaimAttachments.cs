using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>An attachment as lists show it.</summary>
public sealed record AttachmentInfo(
    long Id, string FileName, string ContentType, long Size, string Visibility, string UploadedBy, DateTime UploadedAt);

/// <summary>An uploaded file that passed the checks and waits, unstored, for the transaction that records it.</summary>
public sealed class ReceivedFile(PendingFile pending, string fileName, string contentType) : IAsyncDisposable
{
    public PendingFile Pending { get; } = pending;

    public string FileName { get; } = fileName;

    public string ContentType { get; } = contentType;

    public long Length => Pending.Length;

    public string Sha256 => Pending.Sha256;

    public ValueTask DisposeAsync() => Pending.DisposeAsync();
}

/// <summary>A stored attachment opened for download; the caller disposes <see cref="Content"/>.</summary>
public sealed record AttachmentDownload(string FileName, string ContentType, long Size, Stream Content)
{
    /// <summary>
    /// The download as a claimant gets it (tracking page, portal): always an attachment, with the type detected at
    /// upload, <c>nosniff</c> so a browser never runs it as a page, and not kept in caches; a missing one is 404.
    /// </summary>
    public static Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.FileStreamHttpResult, Microsoft.AspNetCore.Http.HttpResults.NotFound> Send(
        AttachmentDownload? download, HttpContext context)
    {
        if (download is null)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(download.Content, download.ContentType, download.FileName);
    }
}

/// <summary>
/// Files attached to claims, for every way in (the staff card now, the public form and the portal later): checks the
/// name, size and type, stores the bytes under their hash and records the row and its audit event in one
/// transaction. A refused file leaves nothing behind: no stored file, no row.
/// </summary>
public sealed partial class ClaimAttachments(
    AppDbContext db, IFileStore files, AttachmentPolicy policy, AuditTrail audit, TimeProvider clock, ILogger<ClaimAttachments> logger)
{
    public const string AddedAction = "attachment_added";

    /// <summary>
    /// Attaches <paramref name="content"/> to the claim. Reads at most the size limit + 1 bytes. A refusal names the
    /// field <c>file</c> (or <c>visibility</c>) with an English message to localize; a missing or deleted claim is
    /// <see cref="Refusal.NotFound"/>.
    /// </summary>
    public async Task<(ClaimOutcome Outcome, ClaimAttachment? Attachment)> AddAsync(
        long claimId, string? fileName, Stream content, string visibility, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!AttachmentVisibility.All.Contains(visibility))
        {
            return (ClaimOutcome.Refuse(Refusal.Invalid, "visibility", "Choose who may see the file."), null);
        }

        if (!await ClaimExistsAsync(claimId, cancellationToken))
        {
            return (ClaimOutcome.Refuse(Refusal.NotFound, null, "The claim does not exist."), null);
        }

        var (error, received) = await ReceiveAsync(fileName, content, cancellationToken);
        if (error is not null)
        {
            return (Refuse(error), null);
        }

        await using (received)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var attachment = Attach(claimId, null, received!.FileName, received.ContentType, received.Length, received.Sha256, visibility, actor);
            await db.SaveChangesAsync(cancellationToken);
            await CommitAsync([received], transaction, cancellationToken);
            return (ClaimOutcome.Done, attachment);
        }
    }

    /// <summary>
    /// Reads and checks one uploaded file (name, size, type from the bytes) into a pending file that is not stored yet;
    /// a refusal is a field error on <c>file</c> and leaves nothing behind.
    /// </summary>
    public async Task<(FieldError? Error, ReceivedFile? File)> ReceiveAsync(string? fileName, Stream content, CancellationToken cancellationToken = default)
    {
        if (AttachmentPolicy.CheckName(fileName) is { } nameError)
        {
            return (nameError, null);
        }

        var pending = await files.ReceiveAsync(content, policy.MaxBytes, cancellationToken);
        var (contentType, error) = policy.Check(pending);
        if (error is not null)
        {
            await pending.DisposeAsync();
            return (error, null);
        }

        return (null, new ReceivedFile(pending, fileName!, contentType!));
    }

    /// <summary>Adds the attachment row and its audit event to the unit of work (not saved).</summary>
    public ClaimAttachment Attach(
        long claimId, long? messageId, string fileName, string contentType, long size, string sha256, string visibility, Actor actor)
    {
        var attachment = new ClaimAttachment
        {
            ClaimId = claimId,
            MessageId = messageId,
            FileName = fileName,
            ContentType = contentType,
            Size = size,
            Sha256 = sha256,
            Visibility = visibility,
            UploadedByKind = actor.Kind,
            UploadedById = actor.Id,
            UploadedByName = actor.Name,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(attachment);
        audit.Record(new Change(Claim.EntityType, claimId.ToString(CultureInfo.InvariantCulture), AddedAction, "attachment", null,
            attachment.FileName), actor);
        return attachment;
    }

    /// <summary>
    /// Stores the received files, then commits the transaction whose rows name them. The files go into the store
    /// before the rows are committed, so a row never names a file that is not there; if the commit fails, the files
    /// this call created are taken out again.
    /// </summary>
    public async Task CommitAsync(
        IReadOnlyList<ReceivedFile> received, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        CancellationToken cancellationToken = default)
    {
        var created = new List<string>();
        try
        {
            foreach (var file in received)
            {
                if (await file.Pending.CommitAsync(cancellationToken))
                {
                    created.Add(file.Sha256);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            foreach (var sha256 in created)
            {
                files.Delete(sha256);
            }

            throw;
        }

        foreach (var file in received)
        {
            LogReceived(file.ContentType, file.Length, file.Sha256);
        }
    }

    /// <summary>The claim's attachments, oldest first.</summary>
    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(long claimId, CancellationToken cancellationToken = default) =>
        await db.Set<ClaimAttachment>().AsNoTracking()
            .Where(a => a.ClaimId == claimId && !a.IsDeleted)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.FileName, a.ContentType, a.Size, a.Visibility, a.UploadedByName, a.UploadedAt))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The attachment's bytes for download, or null when it, or its claim, does not exist or is deleted, or when only
    /// public files are asked for (<paramref name="publicOnly"/>: the claimant) and it is internal.
    /// </summary>
    public async Task<AttachmentDownload?> OpenAsync(
        long claimId, long attachmentId, bool publicOnly = false, CancellationToken cancellationToken = default)
    {
        var attachment = await db.Set<ClaimAttachment>().AsNoTracking()
            .Where(a => a.Id == attachmentId && a.ClaimId == claimId && !a.IsDeleted
                && (!publicOnly || a.Visibility == AttachmentVisibility.Public)
                && db.Claims.Any(c => c.Id == claimId && !c.IsDeleted))
            .Select(a => new { a.FileName, a.ContentType, a.Size, a.Sha256 })
            .SingleOrDefaultAsync(cancellationToken);
        if (attachment is null)
        {
            return null;
        }

        var content = files.Open(attachment.Sha256);
        if (content is null)
        {
            LogMissing(attachmentId, claimId, attachment.Sha256);
            return null;
        }

        return new AttachmentDownload(attachment.FileName, attachment.ContentType, attachment.Size, content);
    }

    private Task<bool> ClaimExistsAsync(long claimId, CancellationToken cancellationToken) =>
        db.Claims.AnyAsync(c => c.Id == claimId && !c.IsDeleted, cancellationToken);

    private static ClaimOutcome Refuse(FieldError error) =>
        new(Refusal.Invalid, error.Field, error.Message, error.Arguments, []);

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "File {Sha256} ({ContentType}, {Size} bytes) stored")]
    private partial void LogReceived(string contentType, long size, string sha256);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "Attachment {AttachmentId} of claim {ClaimId}: the stored file {Sha256} is missing")]
    private partial void LogMissing(long attachmentId, long claimId, string sha256);
}
