using ClaimDesk.Core.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Documents;

public sealed class ClaimDocumentConfiguration : IEntityTypeConfiguration<ClaimDocument>
{
    public void Configure(EntityTypeBuilder<ClaimDocument> builder)
    {
        builder.ToTable("claim_documents");
        builder.HasOne<Claim>().WithMany().HasForeignKey(d => d.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.ClaimId, d.CreatedAt });
        builder.Property(d => d.Kind).HasMaxLength(40);
        builder.Property(d => d.Language).HasMaxLength(5);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.CreatedByKind).HasMaxLength(20);
        builder.Property(d => d.CreatedById).HasMaxLength(100);
        builder.Property(d => d.CreatedByName).HasMaxLength(256);
    }
}
