using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>One consumer web form as sent: its items became claims, linked through <see cref="SubmissionClaim"/>.</summary>
public sealed class Submission
{
    public long Id { get; set; }

    public DateTime CreatedAt { get; set; }

    public string Email { get; set; } = "";

    public string Language { get; set; } = "pl";

    public List<SubmissionClaim> Claims { get; set; } = [];
}

public sealed class SubmissionClaim
{
    public long SubmissionId { get; set; }

    public long ClaimId { get; set; }
}

/// <summary>
/// A magic link (DESIGN §4): the link carries a random 256-bit token, the database only its SHA-256, so a copy of the
/// database opens nothing. Activation links are single-use; tracking links open one claim until they expire.
/// </summary>
public sealed class AccessToken
{
    public const string Activation = "activation";
    public const string Tracking = "tracking";

    public long Id { get; set; }

    public string Purpose { get; set; } = "";

    public string Hash { get; set; } = "";

    public long? SubmissionId { get; set; }

    public long? ClaimId { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>A new random token, base64url without padding (43 characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    /// <summary>Only a string that could be a token is looked up; anything else is unknown.</summary>
    public static bool LooksValid(string? secret) =>
        secret is { Length: 43 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>How intake maps to the tables <c>submissions</c>, <c>submission_claims</c>, <c>access_tokens</c> and <c>pending_uploads</c>.</summary>
public static class IntakeModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Submission>(submission =>
        {
            submission.ToTable("submissions");
            submission.Property(s => s.Email).HasMaxLength(254);
            submission.Property(s => s.Language).HasMaxLength(5);
            submission.HasIndex(s => s.CreatedAt);
            submission.HasMany(s => s.Claims).WithOne().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SubmissionClaim>(link =>
        {
            link.ToTable("submission_claims");
            link.HasKey(l => new { l.SubmissionId, l.ClaimId });
            link.HasOne<Core.Claims.Claim>().WithMany().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
            link.HasIndex(l => l.ClaimId).IsUnique();
        });

        builder.Entity<AccessToken>(token =>
        {
            token.ToTable("access_tokens");
            token.Property(t => t.Purpose).HasMaxLength(20);
            token.Property(t => t.Hash).HasMaxLength(64);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasOne<Submission>().WithMany().HasForeignKey(t => t.SubmissionId).OnDelete(DeleteBehavior.Cascade);
            token.HasOne<Core.Claims.Claim>().WithMany().HasForeignKey(t => t.ClaimId).OnDelete(DeleteBehavior.Cascade);
            token.HasIndex(t => t.ExpiresAt);
        });

        builder.Entity<PendingUpload>(upload =>
        {
            upload.ToTable("pending_uploads");
            upload.Property(u => u.TokenHash).HasMaxLength(64);
            upload.HasIndex(u => u.TokenHash).IsUnique();
            upload.Property(u => u.FileName).HasMaxLength(Infrastructure.Files.AttachmentPolicy.MaxNameLength);
            upload.Property(u => u.ContentType).HasMaxLength(100);
            upload.Property(u => u.Sha256).HasMaxLength(64);
            upload.HasIndex(u => u.Sha256);
            upload.HasIndex(u => u.CreatedAt);
        });
    }
}
