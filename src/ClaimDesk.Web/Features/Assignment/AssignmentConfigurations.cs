using ClaimDesk.Core.Assignment;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Assignment;

/// <summary>How teams map to the table <c>teams</c>.</summary>
public sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("teams");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Members).HasList().HasMaxLength(4000);
    }
}

/// <summary>How assignment rules map to the table <c>assignment_rules</c>.</summary>
public sealed class AssignmentRuleConfiguration : IEntityTypeConfiguration<AssignmentRule>
{
    public void Configure(EntityTypeBuilder<AssignmentRule> builder)
    {
        builder.ToTable("assignment_rules");
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Category).HasMaxLength(20).HasConversion(
            new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<ClaimCategory, string>(
                value => Core.Common.Codes.Of(value), code => Core.Common.Codes.Parse<ClaimCategory>(code)));
        builder.Property(r => r.CustomerTier).HasMaxLength(40);
        builder.Property(r => r.ProductGroup).HasMaxLength(100);
        builder.Property(r => r.ValueAbove).HasPrecision(18, 2);
        builder.Property(r => r.CostTotalAbove).HasPrecision(18, 2);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.HasOne<Core.Registers.Register>().WithMany().HasForeignKey(r => r.RegisterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.Order);
    }
}
