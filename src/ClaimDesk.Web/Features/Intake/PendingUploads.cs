using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>A file sent with the public form and kept for it, as the form shows it.</summary>
public sealed record KeptFile(string Token, string FileName, long Size);

/// <summary>
/// Files sent with the public form are checked and stored as they arrive, before the form is accepted, so a form that
/// comes back with mistakes keeps them: the page carries a random token per file (DESIGN §3.1: a refused submission
/// keeps everything typed, files too). An accepted submission turns them into its claims' public attachments.
/// </summary>
public sealed class PendingUploads(AppDbContext db, ClaimAttachments attachments, OrganisationClock clock)
{
    /// <summary>Checks and stores one file; returns its token, or the reason it was refused (nothing is stored then).</summary>
    public async Task<(FieldError? Error, KeptFile? File)> KeepAsync(string? fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var (error, received) = await attachments.ReceiveAsync(fileName, content, cancellationToken);
        if (error is not null)
        {
            return (error, null);
        }

        await using (received)
        {
            var token = AccessToken.NewSecret();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.PendingUploads.Add(new PendingUpload
            {
                TokenHash = AccessToken.HashOf(token),
                FileName = received!.FileName,
                ContentType = received.ContentType,
                Size = received.Length,
                Sha256 = received.Sha256,
                CreatedAt = clock.UtcNow,
            });
            await db.SaveChangesAsync(cancellationToken);
            await attachments.CommitAsync([received], transaction, cancellationToken);
            db.ChangeTracker.Clear();
            return (null, new KeptFile(token, received.FileName, received.Length));
        }
    }

    /// <summary>The kept files these tokens name, in the given order; unknown tokens are left out.</summary>
    public async Task<IReadOnlyList<KeptFile>> FindAsync(IEnumerable<string> tokens, CancellationToken cancellationToken = default)
    {
        var byHash = tokens.Where(AccessToken.LooksValid).Distinct().ToDictionary(AccessToken.HashOf);
        if (byHash.Count == 0)
        {
            return [];
        }

        var hashes = byHash.Keys.ToList();
        var rows = await db.PendingUploads.AsNoTracking().Where(u => hashes.Contains(u.TokenHash))
            .Select(u => new { u.TokenHash, u.FileName, u.Size })
            .ToListAsync(cancellationToken);
        var found = rows.ToDictionary(r => r.TokenHash);
        return [.. byHash.Where(t => found.ContainsKey(t.Key)).Select(t => new KeptFile(t.Value, found[t.Key].FileName, found[t.Key].Size))];
    }

    /// <summary>
    /// Attaches the kept files these tokens name to the claim, visible to the claimant, and removes them from the
    /// pending list, in the caller's unit of work (not saved).
    /// </summary>
    public async Task AttachAsync(long claimId, IEnumerable<string> tokens, Actor actor, CancellationToken cancellationToken = default)
    {
        var hashes = tokens.Where(AccessToken.LooksValid).Select(AccessToken.HashOf).Distinct().ToList();
        if (hashes.Count == 0)
        {
            return;
        }

        var uploads = await db.PendingUploads.Where(u => hashes.Contains(u.TokenHash)).OrderBy(u => u.Id).ToListAsync(cancellationToken);
        foreach (var upload in uploads)
        {
            attachments.Attach(claimId, null, upload.FileName, upload.ContentType, upload.Size, upload.Sha256, AttachmentVisibility.Public, actor);
            db.PendingUploads.Remove(upload);
        }
    }
}
