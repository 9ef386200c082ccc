using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Registers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Deadlines;

/// <summary>How SLA policies map to the table <c>sla_policies</c> (the claim facts deadlines depend on are in ClaimConfiguration).</summary>
public sealed class StoredSlaPolicyConfiguration : IEntityTypeConfiguration<StoredSlaPolicy>
{
    public void Configure(EntityTypeBuilder<StoredSlaPolicy> builder)
    {
        builder.ToTable("sla_policies");
        builder.Property(p => p.Name).HasMaxLength(StoredSlaPolicy.NameLength);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.CustomerTier).HasMaxLength(40);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Register>().WithMany().HasForeignKey(p => p.RegisterId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Category).HasMaxLength(20);
        builder.Property(p => p.LegalBasis).HasMaxLength(20);
        builder.Property(p => p.ValueAbove).HasPrecision(18, 2);
        builder.Property(p => p.CostTotalAbove).HasPrecision(18, 2);
        builder.Property(p => p.FirstResponseUnit).HasMaxLength(20);
        builder.Property(p => p.DecisionUnit).HasMaxLength(20);
        builder.Property(p => p.ResolutionUnit).HasMaxLength(20);
        builder.Property(p => p.Calendar).HasMaxLength(2);
        builder.Property(p => p.PauseStatuses).HasConversion(
            list => string.Join(',', list),
            text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
                list => list.ToList()))
            .HasMaxLength(400);
    }
}

/// <summary>How claims' deadlines map to the table <c>claim_deadlines</c>.</summary>
public sealed class StoredDeadlineConfiguration : IEntityTypeConfiguration<StoredDeadline>
{
    public void Configure(EntityTypeBuilder<StoredDeadline> builder)
    {
        builder.ToTable("claim_deadlines");
        builder.HasOne<Claim>().WithMany().HasForeignKey(d => d.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.ClaimId, d.RuleId }).IsUnique();
        builder.Property(d => d.Kind).HasConversion(k => Codes.Of(k), code => Codes.Parse<DeadlineKind>(code)).HasMaxLength(30);
        builder.Property(d => d.RuleId).HasMaxLength(100);
        builder.Property(d => d.State).HasConversion(s => Codes.Of(s), code => Codes.Parse<DeadlineState>(code)).HasMaxLength(20);

        // The scanner looks for running deadlines coming due and breached ones not yet escalated.
        builder.HasIndex(d => new { d.State, d.DueAt });
    }
}
