using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Webhooks;

/// <summary>How webhooks map to the table <c>webhooks</c>.</summary>
public sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.ToTable("webhooks");
        builder.Property(w => w.Name).HasMaxLength(Webhook.MaxName);
        builder.Property(w => w.Url).HasMaxLength(Webhook.MaxUrl);
        builder.Property(w => w.ProtectedSecret).HasMaxLength(1000);
        builder.Property(w => w.Events).HasList().HasMaxLength(1000);
    }
}

/// <summary>How webhook deliveries map to the table <c>webhook_deliveries</c>.</summary>
public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Event).HasMaxLength(50);
        builder.Property(d => d.ClaimNumber).HasMaxLength(100);
        builder.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Message).WithMany().HasForeignKey(d => d.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.OutboxMessageId).IsUnique();
        // The delivery log's question: this webhook's deliveries, newest first.
        builder.HasIndex(d => new { d.WebhookId, d.Id });
    }
}
