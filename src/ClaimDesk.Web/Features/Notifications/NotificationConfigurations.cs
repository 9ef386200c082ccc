using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Notifications;

/// <summary>How notification rules map to the table <c>notification_rules</c>.</summary>
public sealed class NotificationRuleConfiguration : IEntityTypeConfiguration<NotificationRule>
{
    public void Configure(EntityTypeBuilder<NotificationRule> builder)
    {
        builder.ToTable("notification_rules");
        builder.Property(r => r.Event).HasMaxLength(50);
        builder.Property(r => r.Recipient).HasMaxLength(30);
        builder.Property(r => r.Role).HasMaxLength(50);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Channel).HasMaxLength(10);
        builder.Property(r => r.ValueAbove).HasPrecision(18, 2);
        builder.Property(r => r.CostTotalAbove).HasPrecision(18, 2);
        builder.HasIndex(r => r.Event);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How notification templates map to the table <c>notification_templates</c>.</summary>
public sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> builder)
    {
        builder.ToTable("notification_templates");
        builder.Property(t => t.Event).HasMaxLength(50);
        builder.Property(t => t.Channel).HasMaxLength(10);
        builder.Property(t => t.Language).HasMaxLength(5);
        builder.Property(t => t.Subject).HasMaxLength(NotificationTemplate.MaxSubject);
        builder.Property(t => t.Body).HasMaxLength(NotificationTemplate.MaxBody);
        builder.HasIndex(t => new { t.Event, t.Channel, t.Language }).IsUnique();
    }
}

/// <summary>How the notification centre maps to the table <c>notifications</c>.</summary>
public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Event).HasMaxLength(50);
        builder.Property(n => n.Title).HasMaxLength(Notification.MaxTitle);
        builder.Property(n => n.Body).HasMaxLength(Notification.MaxBody);
        builder.Property(n => n.Link).HasMaxLength(200);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Claim>().WithMany().HasForeignKey(n => n.ClaimId).OnDelete(DeleteBehavior.Restrict);
        // The bell's question (my unread) and the list's (mine, newest first).
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
    }
}
