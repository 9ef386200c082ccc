using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>An attachment as lists show it.</summary>
public sealed record AttachmentInfo(
    long Id, string FileName, string ContentType, long Size, string Visibility, string UploadedBy, DateTime UploadedAt);

/// <summary>A stored attachment opened for download; the caller disposes <see cref="Content"/>.</summary>
public sealed record AttachmentDownload(string FileName, string ContentType, long Size, Stream Content);

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
        if (AttachmentPolicy.CheckName(fileName) is { } nameError)
        {
            return (Refuse(nameError), null);
        }

        if (!AttachmentVisibility.All.Contains(visibility))
        {
            return (ClaimOutcome.Refuse(Refusal.Invalid, "visibility", "Choose who may see the file."), null);
        }

        if (!await ClaimExistsAsync(claimId, cancellationToken))
        {
            return (ClaimOutcome.Refuse(Refusal.NotFound, null, "The claim does not exist."), null);
        }

        await using var pending = await files.ReceiveAsync(content, policy.MaxBytes, cancellationToken);
        var (contentType, error) = policy.Check(pending);
        if (error is not null)
        {
            return (Refuse(error), null);
        }

        var attachment = new ClaimAttachment
        {
            ClaimId = claimId,
            FileName = fileName!,
            ContentType = contentType!,
            Size = pending.Length,
            Sha256 = pending.Sha256,
            Visibility = visibility,
            UploadedByKind = actor.Kind,
            UploadedById = actor.Id,
            UploadedByName = actor.Name,
            UploadedAt = clock.GetUtcNow().UtcDateTime,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(attachment);
        audit.Record(new Change(Claim.EntityType, claimId.ToString(CultureInfo.InvariantCulture), AddedAction, "attachment", null,
            attachment.FileName), actor);
        await db.SaveChangesAsync(cancellationToken);

        // The file goes into the store before the row is committed: a row never names a file that is not there. If
        // the commit fails, a file this upload created is taken out again.
        var created = await pending.CommitAsync(cancellationToken);
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            if (created)
            {
                files.Delete(attachment.Sha256);
            }

            throw;
        }

        LogAdded(attachment.Id, attachment.ContentType, attachment.Size, claimId);
        return (ClaimOutcome.Done, attachment);
    }

    /// <summary>The claim's attachments, oldest first.</summary>
    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(long claimId, CancellationToken cancellationToken = default) =>
        await db.Set<ClaimAttachment>().AsNoTracking()
            .Where(a => a.ClaimId == claimId && !a.IsDeleted)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.FileName, a.ContentType, a.Size, a.Visibility, a.UploadedByName, a.UploadedAt))
            .ToListAsync(cancellationToken);

    /// <summary>The attachment's bytes for download, or null when it, or its claim, does not exist or is deleted.</summary>
    public async Task<AttachmentDownload?> OpenAsync(long claimId, long attachmentId, CancellationToken cancellationToken = default)
    {
        var attachment = await db.Set<ClaimAttachment>().AsNoTracking()
            .Where(a => a.Id == attachmentId && a.ClaimId == claimId && !a.IsDeleted
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

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Attachment {AttachmentId} ({ContentType}, {Size} bytes) added to claim {ClaimId}")]
    private partial void LogAdded(long attachmentId, string contentType, long size, long claimId);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "Attachment {AttachmentId} of claim {ClaimId}: the stored file {Sha256} is missing")]
    private partial void LogMissing(long attachmentId, long claimId, string sha256);
}
