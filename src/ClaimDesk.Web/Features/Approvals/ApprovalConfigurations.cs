using ClaimDesk.Core.Approvals;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Approvals;

/// <summary>How approval rules map to the table <c>approval_rules</c>.</summary>
public sealed class ApprovalRuleConfiguration : IEntityTypeConfiguration<ApprovalRule>
{
    public void Configure(EntityTypeBuilder<ApprovalRule> builder)
    {
        builder.ToTable("approval_rules");
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.HasOne<Core.Registers.Register>().WithMany().HasForeignKey(r => r.RegisterId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.ValueAbove).HasPrecision(18, 2);
        builder.Property(r => r.CostTotalAbove).HasPrecision(18, 2);
        builder.Property(r => r.Decision).HasCode().HasMaxLength(20);
        builder.Property(r => r.Roles).HasList().HasMaxLength(200);
    }
}
