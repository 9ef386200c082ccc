using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.MasterData;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClaimDesk.Web.Data;

// How the Core domain (registers, workflows, customers, claims), claim attachments and messages, number sequences,
// API keys and the audit trail map to tables.

public sealed class RegisterConfiguration : IEntityTypeConfiguration<Register>
{
    public void Configure(EntityTypeBuilder<Register> builder)
    {
        builder.ToTable("registers");
        builder.Property(r => r.Code).HasMaxLength(40);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.Property(r => r.Kind).HasCode().HasMaxLength(20);
        builder.Property(r => r.NumberingPattern).HasMaxLength(60);
        builder.Property(r => r.AcknowledgesIntake).HasDefaultValue(false);
        EntityMapping.Text(builder.ComplexProperty(r => r.Name), 200);
        builder.Ignore(r => r.Workflow);
        builder.HasMany(r => r.Statuses).WithOne().HasForeignKey(s => s.RegisterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.RegisterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.CustomFields).WithOne().HasForeignKey(f => f.RegisterId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WorkflowStatusConfiguration : IEntityTypeConfiguration<WorkflowStatus>
{
    public void Configure(EntityTypeBuilder<WorkflowStatus> builder)
    {
        builder.ToTable("workflow_statuses");
        builder.Property(s => s.Code).HasMaxLength(40);
        builder.HasIndex(s => new { s.RegisterId, s.Code }).IsUnique();
        builder.Property(s => s.Category).HasCode().HasMaxLength(20);
        builder.Property(s => s.Decision).HasCode().HasMaxLength(20);
        builder.Property(s => s.Role).HasCode().HasMaxLength(30).HasDefaultValue(StatusRole.None);
        EntityMapping.Text(builder.ComplexProperty(s => s.StaffLabel), 100);
        EntityMapping.Text(builder.ComplexProperty(s => s.CustomerLabel), 100);
    }
}

public sealed class WorkflowTransitionConfiguration : IEntityTypeConfiguration<WorkflowTransition>
{
    public void Configure(EntityTypeBuilder<WorkflowTransition> builder)
    {
        builder.ToTable("workflow_transitions");
        builder.Property(t => t.FromStatus).HasMaxLength(40);
        builder.Property(t => t.ToStatus).HasMaxLength(40);
        builder.HasIndex(t => new { t.RegisterId, t.FromStatus, t.ToStatus }).IsUnique();
        builder.Property(t => t.AllowedRoles).HasList().HasMaxLength(200);
        builder.Property(t => t.RequiredFields).HasList().HasMaxLength(200);
        builder.Property(t => t.EffectDocuments).HasList().HasMaxLength(200).HasDefaultValueSql("''");
    }
}

/// <summary>Customers, with the fields the ERP's master data brings (tier, country).</summary>
public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.Property(c => c.Code).HasMaxLength(ClaimLimits.Code);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(ClaimLimits.Name);
        builder.Property(c => c.Type).HasCode().HasMaxLength(20);
        builder.Property(c => c.TaxId).HasMaxLength(30);
        builder.Property(c => c.Email).HasMaxLength(ClaimLimits.Email);
        builder.Property(c => c.Phone).HasMaxLength(ClaimLimits.Phone);
        builder.Property(c => c.Tier).HasMaxLength(MasterDataLimits.Tier).HasDefaultValue(MasterDataValidator.DefaultTier);
        builder.Property(c => c.Country).HasMaxLength(2);
        builder.HasIndex(c => c.UpdatedAt);
    }
}

/// <summary>Claims, with the facts their deadlines depend on (jurisdiction, next due date).</summary>
public sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> builder)
    {
        builder.Ignore(c => c.Events);
        builder.ToTable("claims");
        builder.Property(c => c.Number).HasMaxLength(60);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasOne(c => c.Register).WithMany().HasForeignKey(c => c.RegisterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Supplier>().WithMany().HasForeignKey(c => c.SupplierId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Channel).HasCode().HasMaxLength(20);
        builder.Property(c => c.ContactName).HasMaxLength(ClaimLimits.Name);
        builder.Property(c => c.ContactEmail).HasMaxLength(ClaimLimits.Email);
        builder.Property(c => c.ContactPhone).HasMaxLength(ClaimLimits.Phone);
        builder.Property(c => c.ContactLanguage).HasMaxLength(5);
        builder.Property(c => c.PreferredChannel).HasCode().HasMaxLength(10);
        builder.Property(c => c.CustomerType).HasCode().HasMaxLength(20);
        builder.Property(c => c.LegalBasis).HasCode().HasMaxLength(20);
        builder.Property(c => c.Category).HasCode().HasMaxLength(20);
        builder.Property(c => c.RequestedRemedy).HasCode().HasMaxLength(20);
        builder.Property(c => c.DeliveryMethod).HasCode().HasMaxLength(20);
        builder.Property(c => c.PickupAddress).HasMaxLength(ClaimLimits.Address);
        builder.Property(c => c.ParcelLockerId).HasMaxLength(ClaimLimits.ParcelLockerId);
        builder.Property(c => c.Priority).HasCode().HasMaxLength(10);
        builder.Property(c => c.Decision).HasCode().HasMaxLength(20);
        builder.Property(c => c.Status).HasMaxLength(40);
        builder.Property(c => c.AssigneeId).HasMaxLength(450);
        builder.Property(c => c.Value).HasPrecision(18, 2);
        ClaimWorkMapping.CostTotal(builder);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.RegisterId, c.Status });
        builder.HasIndex(c => c.ReceivedAt);
        builder.HasIndex(c => c.UpdatedAt);
        // The grid's most common question (a status, an assignee, by due date): one index range, already in order.
        builder.HasIndex(c => new { c.Status, c.AssigneeId, c.NextDueAt });
        builder.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Lines).AutoInclude(false);
        builder.HasMany(c => c.CustomValues).WithOne().HasForeignKey(v => v.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Jurisdiction)
            .HasConversion(new ValueConverter<Jurisdiction, string>(j => Codes.Of(j), code => Codes.Parse<Jurisdiction>(code)))
            .HasMaxLength(2);
        builder.HasIndex(c => c.NextDueAt);
    }
}

/// <summary>Claim lines, with the ERP facts they carry (sales document line, goods issue, shipment).</summary>
public sealed class ClaimLineConfiguration : IEntityTypeConfiguration<ClaimLine>
{
    public void Configure(EntityTypeBuilder<ClaimLine> builder)
    {
        builder.ToTable("claim_lines");
        builder.HasIndex(l => new { l.ClaimId, l.LineNo }).IsUnique();
        builder.Property(l => l.ReferenceNumber).HasMaxLength(70);
        builder.HasIndex(l => l.ReferenceNumber).IsUnique();
        builder.Property(l => l.ProductCode).HasMaxLength(ClaimLimits.Code);
        builder.Property(l => l.ProductName).HasMaxLength(ClaimLimits.ProductName);
        builder.Property(l => l.Ean).HasMaxLength(14);
        builder.Property(l => l.SerialNumber).HasMaxLength(ClaimLimits.Code);
        builder.HasIndex(l => l.SerialNumber);
        builder.Property(l => l.SalesDocumentNumber).HasMaxLength(ClaimLimits.Code);
        builder.Property(l => l.Quantity).HasPrecision(18, 3);
        builder.Property(l => l.UnitPrice).HasPrecision(18, 2);
        builder.Property(l => l.Decision).HasCode().HasMaxLength(20);
        builder.Property(l => l.DecisionReason).HasMaxLength(ClaimLimits.Reason);
        ClaimWorkMapping.ItemWork(builder);
        builder.Ignore(l => l.Value);
        builder.HasIndex(l => new { l.SalesDocumentNumber, l.SalesDocumentLineNo });
        builder.Property(l => l.GoodsIssueNumber).HasMaxLength(MasterDataLimits.Code);
        builder.Property(l => l.PickedBy).HasMaxLength(MasterDataLimits.Person);
        builder.Property(l => l.PackedBy).HasMaxLength(MasterDataLimits.Person);
        builder.Property(l => l.Carrier).HasMaxLength(40);
        builder.Property(l => l.TrackingNumber).HasMaxLength(MasterDataLimits.Code);
    }
}

public sealed class ClaimAttachmentConfiguration : IEntityTypeConfiguration<Features.Claims.ClaimAttachment>
{
    public void Configure(EntityTypeBuilder<Features.Claims.ClaimAttachment> builder)
    {
        builder.ToTable("claim_attachments");
        builder.HasOne<Claim>().WithMany().HasForeignKey(a => a.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ClaimId, a.UploadedAt });
        builder.Property(a => a.FileName).HasMaxLength(Infrastructure.Files.AttachmentPolicy.MaxNameLength);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.HasIndex(a => a.Sha256);
        builder.Property(a => a.Visibility).HasMaxLength(10);
        builder.Property(a => a.UploadedByKind).HasMaxLength(20);
        builder.Property(a => a.UploadedById).HasMaxLength(100);
        builder.Property(a => a.UploadedByName).HasMaxLength(256);
        builder.HasOne<Features.Claims.ClaimMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ClaimMessageConfiguration : IEntityTypeConfiguration<Features.Claims.ClaimMessage>
{
    public void Configure(EntityTypeBuilder<Features.Claims.ClaimMessage> builder)
    {
        builder.ToTable("claim_messages");
        builder.HasOne<Claim>().WithMany().HasForeignKey(m => m.ClaimId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.ClaimId, m.CreatedAt });
        builder.Property(m => m.Kind).HasMaxLength(10);
        builder.Property(m => m.AuthorKind).HasMaxLength(20);
        builder.Property(m => m.AuthorId).HasMaxLength(100);
        builder.Property(m => m.AuthorName).HasMaxLength(256);
        builder.Property(m => m.Body).HasMaxLength(Features.Claims.MessageKind.MaxBodyLength);
    }
}

public sealed class NumberSequenceConfiguration : IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberSequence> builder)
    {
        builder.ToTable("number_sequences");
        builder.HasKey(s => new { s.RegisterId, s.Year });
        builder.HasOne<Register>().WithMany().HasForeignKey(s => s.RegisterId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(20);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.Scopes).HasList().HasMaxLength(200);
        builder.Property(k => k.ActsAsRole).HasMaxLength(20);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
    }
}

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.Property(a => a.ActorType).HasMaxLength(20);
        builder.Property(a => a.ActorId).HasMaxLength(100);
        builder.Property(a => a.ActorName).HasMaxLength(256);
        builder.Property(a => a.EntityType).HasMaxLength(50);
        builder.Property(a => a.EntityId).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(50);
        builder.Property(a => a.Field).HasMaxLength(100);
        builder.Property(a => a.RemoteAddress).HasMaxLength(64);
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
    }
}
