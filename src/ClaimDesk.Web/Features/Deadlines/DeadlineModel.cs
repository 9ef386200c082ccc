using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Registers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClaimDesk.Web.Features.Deadlines;

/// <summary>How SLA policies, claims' deadlines and the claim facts deadlines depend on map to tables.</summary>
public static class DeadlineModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Claim>(claim =>
        {
            claim.Property(c => c.Jurisdiction)
                .HasConversion(new ValueConverter<Jurisdiction, string>(j => Codes.Of(j), code => Codes.Parse<Jurisdiction>(code)))
                .HasMaxLength(2);
            claim.HasIndex(c => c.NextDueAt);
        });

        builder.Entity<StoredSlaPolicy>(policy =>
        {
            policy.ToTable("sla_policies");
            policy.Property(p => p.Name).HasMaxLength(StoredSlaPolicy.NameLength);
            policy.HasIndex(p => p.Name).IsUnique();
            policy.Property(p => p.CustomerTier).HasMaxLength(40);
            policy.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
            policy.HasOne<Register>().WithMany().HasForeignKey(p => p.RegisterId).OnDelete(DeleteBehavior.Restrict);
            policy.Property(p => p.Category).HasMaxLength(20);
            policy.Property(p => p.LegalBasis).HasMaxLength(20);
            policy.Property(p => p.FirstResponseUnit).HasMaxLength(20);
            policy.Property(p => p.DecisionUnit).HasMaxLength(20);
            policy.Property(p => p.ResolutionUnit).HasMaxLength(20);
            policy.Property(p => p.Calendar).HasMaxLength(2);
            policy.Property(p => p.PauseStatuses).HasConversion(
                list => string.Join(',', list),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
                    list => list.ToList()))
                .HasMaxLength(400);
        });

        builder.Entity<StoredDeadline>(deadline =>
        {
            deadline.ToTable("claim_deadlines");
            deadline.HasOne<Claim>().WithMany().HasForeignKey(d => d.ClaimId).OnDelete(DeleteBehavior.Cascade);
            deadline.HasIndex(d => new { d.ClaimId, d.RuleId }).IsUnique();
            deadline.Property(d => d.Kind).HasConversion(k => Codes.Of(k), code => Codes.Parse<DeadlineKind>(code)).HasMaxLength(30);
            deadline.Property(d => d.RuleId).HasMaxLength(100);
            deadline.Property(d => d.State).HasConversion(s => Codes.Of(s), code => Codes.Parse<DeadlineState>(code)).HasMaxLength(20);

            // The scanner looks for running deadlines coming due and breached ones not yet escalated.
            deadline.HasIndex(d => new { d.State, d.DueAt });
        });
    }
}
