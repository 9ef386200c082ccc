using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Webhooks;

/// <summary>How webhooks and their deliveries map to <c>webhooks</c> and <c>webhook_deliveries</c>.</summary>
public static class WebhookModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Webhook>(webhook =>
        {
            webhook.ToTable("webhooks");
            webhook.Property(w => w.Name).HasMaxLength(Webhook.MaxName);
            webhook.Property(w => w.Url).HasMaxLength(Webhook.MaxUrl);
            webhook.Property(w => w.ProtectedSecret).HasMaxLength(1000);
            webhook.Property(w => w.Events).HasList().HasMaxLength(200);
        });

        builder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.Property(d => d.Event).HasMaxLength(50);
            delivery.Property(d => d.ClaimNumber).HasMaxLength(100);
            delivery.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
            delivery.HasOne(d => d.Message).WithMany().HasForeignKey(d => d.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
            delivery.HasIndex(d => d.OutboxMessageId).IsUnique();
            // The delivery log's question: this webhook's deliveries, newest first.
            delivery.HasIndex(d => new { d.WebhookId, d.Id });
        });
    }
}
