using ClaimDesk.Core.Claims;
using ClaimDesk.Core.MasterData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Data;

// How the work on a claim's items (diagnosis, supplier statement, remedy and its facts, dates the goods came and went)
// and its costs map to tables (issue 13): the item fields are columns of claim_lines, the costs the table claim_costs.

/// <summary>Claim costs, each of the claim or of one of its items (by line number).</summary>
public sealed class ClaimCostConfiguration : IEntityTypeConfiguration<ClaimCost>
{
    public void Configure(EntityTypeBuilder<ClaimCost> builder)
    {
        builder.ToTable("claim_costs");
        builder.HasOne<Claim>().WithMany(c => c.Costs).HasForeignKey(c => c.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.ClaimId);
        builder.Property(c => c.Kind).HasCode().HasMaxLength(20);
        builder.Property(c => c.Description).HasMaxLength(CostRules.Description);
        builder.Property(c => c.Amount).HasPrecision(18, 2);
        builder.Property(c => c.Currency).HasMaxLength(3);
        builder.Property(c => c.BorneBy).HasCode().HasMaxLength(20);
        builder.Property(c => c.GlAccount).HasMaxLength(CostRules.GlAccount);
        builder.Property(c => c.CreatedById).HasMaxLength(100);
        builder.Property(c => c.CreatedByName).HasMaxLength(256);
    }
}

/// <summary>The mapping of the item-work columns of claim_lines and the cost total of claims, called from their configurations.</summary>
internal static class ClaimWorkMapping
{
    internal static void ItemWork(EntityTypeBuilder<ClaimLine> builder)
    {
        builder.Property(l => l.Remedy).HasCode().HasMaxLength(20).HasDefaultValue(GrantedRemedy.None);
        builder.Property(l => l.ReplacementSerial).HasMaxLength(ClaimLimits.Code);
        builder.Property(l => l.RefundAmount).HasPrecision(18, 2);
        builder.Property(l => l.RefundCurrency).HasMaxLength(3);
        builder.Property(l => l.ReturnMethod).HasConversion(
            m => m.HasValue ? Core.Common.Codes.Of(m.Value) : null,
            code => code == null ? null : Core.Common.Codes.Parse<ReturnMethod>(code)).HasMaxLength(20);
        builder.Property(l => l.ReturnTrackingNumber).HasMaxLength(MasterDataLimits.Code);
    }

    internal static void CostTotal(EntityTypeBuilder<Claim> builder) =>
        builder.Property(c => c.CostTotal).HasPrecision(18, 2).HasDefaultValue(0m);
}
