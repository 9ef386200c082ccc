using ClaimDesk.Core.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Search;

/// <summary>How the search documents map to the table <c>claim_search</c>.</summary>
public sealed class ClaimSearchDocumentConfiguration : IEntityTypeConfiguration<ClaimSearchDocument>
{
    public void Configure(EntityTypeBuilder<ClaimSearchDocument> builder)
    {
        builder.ToTable("claim_search");
        builder.HasKey(d => d.ClaimId);
        builder.Property(d => d.ClaimId).ValueGeneratedNever();
        builder.HasOne<Claim>().WithOne().HasForeignKey<ClaimSearchDocument>(d => d.ClaimId).OnDelete(DeleteBehavior.Cascade);
    }
}
