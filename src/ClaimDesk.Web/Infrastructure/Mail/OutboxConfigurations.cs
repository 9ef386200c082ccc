using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Infrastructure.Mail;

/// <summary>How the outbox maps to the table <c>outbox_messages</c>.</summary>
public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.Kind).HasMaxLength(20);
        builder.Property(m => m.To).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.Property(m => m.Status).HasMaxLength(20);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        builder.Property(m => m.InternetMessageId).HasMaxLength(200);
        builder.Property(m => m.Document).HasMaxLength(200);
        builder.Property(m => m.DocumentFileName).HasMaxLength(255);
        builder.HasIndex(m => m.InternetMessageId).IsUnique();
        // The dispatcher's question: which pending messages are due?
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.CreatedAt);
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How the outbox's attachments map to the table <c>outbox_attachments</c>.</summary>
public sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> builder)
    {
        builder.ToTable("outbox_attachments");
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(100);
    }
}
