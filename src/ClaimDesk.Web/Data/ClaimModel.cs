using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Data;

/// <summary>How the Core domain (registers, workflows, customers, claims), claim attachments and API keys map to tables.</summary>
public static class ClaimModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Register>(register =>
        {
            register.ToTable("registers");
            register.Property(r => r.Code).HasMaxLength(40);
            register.HasIndex(r => r.Code).IsUnique();
            register.Property(r => r.Kind).HasCode().HasMaxLength(20);
            register.Property(r => r.NumberingPattern).HasMaxLength(60);
            register.Property(r => r.AcknowledgesIntake).HasDefaultValue(false);
            Text(register.ComplexProperty(r => r.Name), 200);
            register.Ignore(r => r.Workflow);
            register.HasMany(r => r.Statuses).WithOne().HasForeignKey(s => s.RegisterId).OnDelete(DeleteBehavior.Cascade);
            register.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.RegisterId).OnDelete(DeleteBehavior.Cascade);
            register.HasMany(r => r.CustomFields).WithOne().HasForeignKey(f => f.RegisterId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<WorkflowStatus>(status =>
        {
            status.ToTable("workflow_statuses");
            status.Property(s => s.Code).HasMaxLength(40);
            status.HasIndex(s => new { s.RegisterId, s.Code }).IsUnique();
            status.Property(s => s.Category).HasCode().HasMaxLength(20);
            status.Property(s => s.Decision).HasCode().HasMaxLength(20);
            status.Property(s => s.Role).HasCode().HasMaxLength(30).HasDefaultValue(StatusRole.None);
            Text(status.ComplexProperty(s => s.StaffLabel), 100);
            Text(status.ComplexProperty(s => s.CustomerLabel), 100);
        });

        builder.Entity<WorkflowTransition>(transition =>
        {
            transition.ToTable("workflow_transitions");
            transition.Property(t => t.FromStatus).HasMaxLength(40);
            transition.Property(t => t.ToStatus).HasMaxLength(40);
            transition.HasIndex(t => new { t.RegisterId, t.FromStatus, t.ToStatus }).IsUnique();
            transition.Property(t => t.AllowedRoles).HasList().HasMaxLength(200);
            transition.Property(t => t.RequiredFields).HasList().HasMaxLength(200);
        });

        builder.Entity<Customer>(customer =>
        {
            customer.ToTable("customers");
            customer.Property(c => c.Code).HasMaxLength(ClaimLimits.Code);
            customer.HasIndex(c => c.Code).IsUnique();
            customer.Property(c => c.Name).HasMaxLength(ClaimLimits.Name);
            customer.Property(c => c.Type).HasCode().HasMaxLength(20);
            customer.Property(c => c.TaxId).HasMaxLength(30);
            customer.Property(c => c.Email).HasMaxLength(ClaimLimits.Email);
            customer.Property(c => c.Phone).HasMaxLength(ClaimLimits.Phone);
        });

        builder.Entity<Claim>(claim =>
        {
            claim.Ignore(c => c.Events);
            claim.ToTable("claims");
            claim.Property(c => c.Number).HasMaxLength(60);
            claim.HasIndex(c => c.Number).IsUnique();
            claim.HasOne(c => c.Register).WithMany().HasForeignKey(c => c.RegisterId).OnDelete(DeleteBehavior.Restrict);
            claim.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
            claim.HasOne<Core.MasterData.Supplier>().WithMany().HasForeignKey(c => c.SupplierId).OnDelete(DeleteBehavior.Restrict);
            claim.Property(c => c.Channel).HasCode().HasMaxLength(20);
            claim.Property(c => c.ContactName).HasMaxLength(ClaimLimits.Name);
            claim.Property(c => c.ContactEmail).HasMaxLength(ClaimLimits.Email);
            claim.Property(c => c.ContactPhone).HasMaxLength(ClaimLimits.Phone);
            claim.Property(c => c.ContactLanguage).HasMaxLength(5);
            claim.Property(c => c.PreferredChannel).HasCode().HasMaxLength(10);
            claim.Property(c => c.CustomerType).HasCode().HasMaxLength(20);
            claim.Property(c => c.LegalBasis).HasCode().HasMaxLength(20);
            claim.Property(c => c.Category).HasCode().HasMaxLength(20);
            claim.Property(c => c.RequestedRemedy).HasCode().HasMaxLength(20);
            claim.Property(c => c.DeliveryMethod).HasCode().HasMaxLength(20);
            claim.Property(c => c.PickupAddress).HasMaxLength(ClaimLimits.Address);
            claim.Property(c => c.ParcelLockerId).HasMaxLength(ClaimLimits.ParcelLockerId);
            claim.Property(c => c.Priority).HasCode().HasMaxLength(10);
            claim.Property(c => c.Decision).HasCode().HasMaxLength(20);
            claim.Property(c => c.Status).HasMaxLength(40);
            claim.Property(c => c.AssigneeId).HasMaxLength(450);
            claim.Property(c => c.Value).HasPrecision(18, 2);
            claim.Property(c => c.Version).IsConcurrencyToken();
            claim.HasIndex(c => new { c.RegisterId, c.Status });
            claim.HasIndex(c => c.ReceivedAt);
            claim.HasIndex(c => c.UpdatedAt);
            // The grid's most common question (a status, an assignee, by due date): one index range, already in order.
            claim.HasIndex(c => new { c.Status, c.AssigneeId, c.NextDueAt });
            claim.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
            claim.Navigation(c => c.Lines).AutoInclude(false);
            claim.HasMany(c => c.CustomValues).WithOne().HasForeignKey(v => v.ClaimId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ClaimLine>(line =>
        {
            line.ToTable("claim_lines");
            line.HasIndex(l => new { l.ClaimId, l.LineNo }).IsUnique();
            line.Property(l => l.ReferenceNumber).HasMaxLength(70);
            line.HasIndex(l => l.ReferenceNumber).IsUnique();
            line.Property(l => l.ProductCode).HasMaxLength(ClaimLimits.Code);
            line.Property(l => l.ProductName).HasMaxLength(ClaimLimits.ProductName);
            line.Property(l => l.Ean).HasMaxLength(14);
            line.Property(l => l.SerialNumber).HasMaxLength(ClaimLimits.Code);
            line.HasIndex(l => l.SerialNumber);
            line.Property(l => l.SalesDocumentNumber).HasMaxLength(ClaimLimits.Code);
            line.Property(l => l.Quantity).HasPrecision(18, 3);
            line.Property(l => l.UnitPrice).HasPrecision(18, 2);
            line.Property(l => l.Decision).HasCode().HasMaxLength(20);
            line.Property(l => l.DecisionReason).HasMaxLength(ClaimLimits.Reason);
            line.Ignore(l => l.Value);
        });

        builder.Entity<Features.Claims.ClaimAttachment>(attachment =>
        {
            attachment.ToTable("claim_attachments");
            attachment.HasOne<Claim>().WithMany().HasForeignKey(a => a.ClaimId).OnDelete(DeleteBehavior.Restrict);
            attachment.HasIndex(a => new { a.ClaimId, a.UploadedAt });
            attachment.Property(a => a.FileName).HasMaxLength(Infrastructure.Files.AttachmentPolicy.MaxNameLength);
            attachment.Property(a => a.ContentType).HasMaxLength(100);
            attachment.Property(a => a.Sha256).HasMaxLength(64);
            attachment.HasIndex(a => a.Sha256);
            attachment.Property(a => a.Visibility).HasMaxLength(10);
            attachment.Property(a => a.UploadedByKind).HasMaxLength(20);
            attachment.Property(a => a.UploadedById).HasMaxLength(100);
            attachment.Property(a => a.UploadedByName).HasMaxLength(256);
            attachment.HasOne<Features.Claims.ClaimMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Features.Claims.ClaimMessage>(message =>
        {
            message.ToTable("claim_messages");
            message.HasOne<Claim>().WithMany().HasForeignKey(m => m.ClaimId).OnDelete(DeleteBehavior.Restrict);
            message.HasIndex(m => new { m.ClaimId, m.CreatedAt });
            message.Property(m => m.Kind).HasMaxLength(10);
            message.Property(m => m.AuthorKind).HasMaxLength(20);
            message.Property(m => m.AuthorId).HasMaxLength(100);
            message.Property(m => m.AuthorName).HasMaxLength(256);
            message.Property(m => m.Body).HasMaxLength(Features.Claims.MessageKind.MaxBodyLength);
        });

        builder.Entity<NumberSequence>(sequence =>
        {
            sequence.ToTable("number_sequences");
            sequence.HasKey(s => new { s.RegisterId, s.Year });
            sequence.HasOne<Register>().WithMany().HasForeignKey(s => s.RegisterId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Prefix).HasMaxLength(20);
            key.HasIndex(k => k.Prefix).IsUnique();
            key.Property(k => k.SecretHash).HasMaxLength(64);
            key.Property(k => k.Scopes).HasList().HasMaxLength(200);
            key.Property(k => k.ActsAsRole).HasMaxLength(20);
            key.Property(k => k.CreatedBy).HasMaxLength(256);
        });
    }

    /// <summary>Stores an enum as its snake_case code (<c>in_person</c>), readable in SQL and stable across renames of nothing.</summary>
    private static PropertyBuilder<TEnum> HasCode<TEnum>(this PropertyBuilder<TEnum> property) where TEnum : struct, Enum =>
        property.HasConversion(value => Codes.Of(value), code => Codes.Parse<TEnum>(code));

    /// <summary>Stores a short list of codes as one comma-separated column.</summary>
    internal static PropertyBuilder<List<string>> HasList(this PropertyBuilder<List<string>> property) =>
        property.HasConversion(
            list => string.Join(',', list),
            text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
                list => list.ToList()));

    internal static void Text(ComplexPropertyBuilder<LocalizedText> text, int length)
    {
        text.Property(t => t.En).HasMaxLength(length);
        text.Property(t => t.Pl).HasMaxLength(length);
        text.Property(t => t.Cs).HasMaxLength(length);
    }
}
