using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>How submissions map to the table <c>submissions</c>.</summary>
public sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.ToTable("submissions");
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.Language).HasMaxLength(5);
        builder.HasIndex(s => s.CreatedAt);
        builder.HasMany(s => s.Claims).WithOne().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How a submission's claims map to the table <c>submission_claims</c>.</summary>
public sealed class SubmissionClaimConfiguration : IEntityTypeConfiguration<SubmissionClaim>
{
    public void Configure(EntityTypeBuilder<SubmissionClaim> builder)
    {
        builder.ToTable("submission_claims");
        builder.HasKey(l => new { l.SubmissionId, l.ClaimId });
        builder.HasOne<Core.Claims.Claim>().WithMany().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.ClaimId).IsUnique();
    }
}

/// <summary>How access tokens map to the table <c>access_tokens</c>.</summary>
public sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> builder)
    {
        builder.ToTable("access_tokens");
        builder.Property(t => t.Purpose).HasMaxLength(20);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasOne<Submission>().WithMany().HasForeignKey(t => t.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Core.Claims.Claim>().WithMany().HasForeignKey(t => t.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.ExpiresAt);
    }
}

/// <summary>How uploads waiting for their submission map to the table <c>pending_uploads</c>.</summary>
public sealed class PendingUploadConfiguration : IEntityTypeConfiguration<PendingUpload>
{
    public void Configure(EntityTypeBuilder<PendingUpload> builder)
    {
        builder.ToTable("pending_uploads");
        builder.Property(u => u.TokenHash).HasMaxLength(64);
        builder.HasIndex(u => u.TokenHash).IsUnique();
        builder.Property(u => u.FileName).HasMaxLength(Infrastructure.Files.AttachmentPolicy.MaxNameLength);
        builder.Property(u => u.ContentType).HasMaxLength(100);
        builder.Property(u => u.Sha256).HasMaxLength(64);
        builder.HasIndex(u => u.Sha256);
        builder.HasIndex(u => u.CreatedAt);
    }
}
