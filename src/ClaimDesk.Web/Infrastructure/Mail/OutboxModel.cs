using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Infrastructure.Mail;

/// <summary>How the outbox maps to the tables <c>outbox_messages</c> and <c>outbox_attachments</c>.</summary>
public static class OutboxModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("outbox_messages");
            message.Property(m => m.Kind).HasMaxLength(20);
            message.Property(m => m.To).HasMaxLength(254);
            message.Property(m => m.Subject).HasMaxLength(500);
            message.Property(m => m.Status).HasMaxLength(20);
            message.Property(m => m.LastError).HasMaxLength(2000);
            message.Property(m => m.InternetMessageId).HasMaxLength(200);
            message.Property(m => m.Document).HasMaxLength(200);
            message.Property(m => m.DocumentFileName).HasMaxLength(255);
            message.HasIndex(m => m.InternetMessageId).IsUnique();
            // The dispatcher's question: which pending messages are due?
            message.HasIndex(m => new { m.Status, m.NextAttemptAt });
            message.HasIndex(m => m.CreatedAt);
            message.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OutboxAttachment>(attachment =>
        {
            attachment.ToTable("outbox_attachments");
            attachment.Property(a => a.FileName).HasMaxLength(255);
            attachment.Property(a => a.ContentType).HasMaxLength(100);
        });
    }
}
