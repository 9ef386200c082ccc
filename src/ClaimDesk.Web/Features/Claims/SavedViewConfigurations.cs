using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>How saved views map to the table <c>saved_views</c>.</summary>
public sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> builder)
    {
        builder.ToTable("saved_views");
        builder.Property(v => v.UserId).HasMaxLength(450);
        builder.Property(v => v.Name).HasMaxLength(SavedView.MaxName);
        builder.Property(v => v.Query).HasMaxLength(SavedView.MaxQuery);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        // A user's views by name: the menu's order, and one name once.
        builder.HasIndex(v => new { v.UserId, v.Name }).IsUnique();
    }
}
