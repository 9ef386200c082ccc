using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Notifications;

/// <summary>How rules, templates and the notification centre map to <c>notification_rules</c>, <c>notification_templates</c> and <c>notifications</c>.</summary>
public static class NotificationModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<NotificationRule>(rule =>
        {
            rule.ToTable("notification_rules");
            rule.Property(r => r.Event).HasMaxLength(50);
            rule.Property(r => r.Recipient).HasMaxLength(30);
            rule.Property(r => r.Role).HasMaxLength(50);
            rule.Property(r => r.UserId).HasMaxLength(450);
            rule.Property(r => r.Channel).HasMaxLength(10);
            rule.HasIndex(r => r.Event);
            rule.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<NotificationTemplate>(template =>
        {
            template.ToTable("notification_templates");
            template.Property(t => t.Event).HasMaxLength(50);
            template.Property(t => t.Channel).HasMaxLength(10);
            template.Property(t => t.Language).HasMaxLength(5);
            template.Property(t => t.Subject).HasMaxLength(NotificationTemplate.MaxSubject);
            template.Property(t => t.Body).HasMaxLength(NotificationTemplate.MaxBody);
            template.HasIndex(t => new { t.Event, t.Channel, t.Language }).IsUnique();
        });

        builder.Entity<Notification>(notification =>
        {
            notification.ToTable("notifications");
            notification.Property(n => n.UserId).HasMaxLength(450);
            notification.Property(n => n.Event).HasMaxLength(50);
            notification.Property(n => n.Title).HasMaxLength(Notification.MaxTitle);
            notification.Property(n => n.Body).HasMaxLength(Notification.MaxBody);
            notification.Property(n => n.Link).HasMaxLength(200);
            notification.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
            notification.HasOne<Claim>().WithMany().HasForeignKey(n => n.ClaimId).OnDelete(DeleteBehavior.Restrict);
            // The bell's question (my unread) and the list's (mine, newest first).
            notification.HasIndex(n => new { n.UserId, n.ReadAt });
            notification.HasIndex(n => new { n.UserId, n.CreatedAt });
        });
    }
}
