using System.Text.Json;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Repairs;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Repairs;

/// <summary>How repair quotes map to the table <c>repair_quotes</c>; their lines are one JSON column.</summary>
public sealed class RepairQuoteConfiguration : IEntityTypeConfiguration<RepairQuote>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<RepairQuote> builder)
    {
        builder.ToTable("repair_quotes");
        builder.HasOne<Claim>().WithMany().HasForeignKey(q => q.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(q => new { q.ClaimId, q.Id });
        builder.Property(q => q.Number).HasMaxLength(120);
        builder.HasIndex(q => q.Number).IsUnique();
        builder.Property(q => q.Status).HasCode().HasMaxLength(20);
        builder.Property(q => q.Currency).HasMaxLength(3);
        builder.Property(q => q.Lines)
            .HasConversion(
                lines => JsonSerializer.Serialize(lines, Json),
                text => JsonSerializer.Deserialize<List<RepairQuoteLine>>(text, Json) ?? new List<RepairQuoteLine>(),
                new ValueComparer<IReadOnlyList<RepairQuoteLine>>(
                    (a, b) => a!.SequenceEqual(b!),
                    lines => lines.Aggregate(0, (hash, line) => HashCode.Combine(hash, line.GetHashCode())),
                    lines => lines.ToList()))
            .HasColumnName("lines")
            .UsePropertyAccessMode(PropertyAccessMode.Property);
        builder.Property(q => q.Total).HasPrecision(18, 2);
        builder.Property(q => q.AcceptStatus).HasMaxLength(40);
        builder.Property(q => q.DeclineStatus).HasMaxLength(40);
        builder.Property(q => q.CreatedBy).HasMaxLength(256);
        builder.Property(q => q.SentBy).HasMaxLength(256);
        builder.Property(q => q.AnsweredBy).HasMaxLength(256);
        builder.Property(q => q.AnswerChannel).HasMaxLength(20).HasConversion(
            channel => channel == null ? null : Codes.Of(channel.Value),
            code => code == null ? null : Codes.Parse<RepairAnswerChannel>(code));
        builder.Property(q => q.AnswerAddress).HasMaxLength(64);
        builder.Property(q => q.RepairedBy).HasMaxLength(256);
        builder.Property(q => q.RepairReport).HasMaxLength(RepairQuote.MaxReport);
        builder.Property(q => q.InvoiceNumber).HasMaxLength(120);
        builder.Property(q => q.InvoicedBy).HasMaxLength(256);
    }
}
