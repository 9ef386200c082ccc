using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Webhooks;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Admin.Webhooks;

/// <summary>What an administrator types for a webhook; kept as typed when <see cref="WebhookAdministration.Check"/> refuses it.</summary>
public sealed class WebhookForm
{
    public string? Name { get; set; }

    public string? Url { get; set; }

    /// <summary>Empty by default: MVC leaves a list that was not posted as initialised (see ApiKeyForm).</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>A secret of the administrator's own; empty to have one generated (new webhook) or to keep it (edit).</summary>
    public string? Secret { get; set; }

    /// <summary>On edit: replace the secret with a generated one, shown once.</summary>
    public bool GenerateSecret { get; set; }

    public bool Enabled { get; set; } = true;
}

/// <summary>A delivery as the log lists it; times in UTC (the page shows them in the organisation's time zone).</summary>
public sealed record DeliveryRow(long Id, long MessageId, string DeliveryId, string Event, long ClaimId, string ClaimNumber,
    string Status, int Attempts, int? LastHttpStatus, string? LastError, DateTime CreatedAt, DateTime NextAttemptAt, DateTime? SentAt);

/// <summary>
/// Creates, changes, disables, deletes webhooks and requeues their dead deliveries, each change audited in the
/// same transaction (entity <c>webhook</c>; a secret is audited as set, never by its value).
/// </summary>
public sealed class WebhookAdministration(
    AppDbContext db, AuditTrail audit, OrganisationClock clock, WebhookSecrets secrets, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    /// <summary>Saves an edit, and makes this node read the webhooks afresh for the next event.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        WebhookPublisher.Forget(cache);
    }

    public const int LogPageSize = 25;

    /// <summary>The problems with a form, as (field, English message); empty when it can be saved.</summary>
    public static List<(string Field, string Message)> Check(WebhookForm form)
    {
        var problems = new List<(string, string)>();
        var name = form.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > Webhook.MaxName)
        {
            problems.Add(Error(nameof(form.Name), "Give the webhook a name of 1 to 100 characters."));
        }

        if (!IsHttpUrl(form.Url))
        {
            problems.Add(Error(nameof(form.Url), "Give an absolute http:// or https:// address of at most 2000 characters."));
        }

        if (form.Events.Count == 0 || form.Events.Any(e => !WebhookEvent.All.Contains(e)))
        {
            problems.Add(Error(nameof(form.Events), "Choose at least one event."));
        }

        var secret = form.Secret?.Trim();
        if (!string.IsNullOrEmpty(secret)
            && (secret.Length is < WebhookSecrets.MinLength or > WebhookSecrets.MaxLength || secret.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            problems.Add(Error(nameof(form.Secret), "A secret has 16 to 200 characters and no spaces."));
        }

        return problems;
    }

    /// <summary>True for an absolute http or https address with a host (no user name or password in it).</summary>
    public static bool IsHttpUrl(string? url) =>
        !string.IsNullOrWhiteSpace(url) && url.Trim().Length <= Webhook.MaxUrl
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && uri.UserInfo.Length == 0;

    /// <summary>Saves a new webhook for a form that passed <see cref="Check"/>; returns it and the secret when it was generated.</summary>
    public async Task<(Webhook Webhook, string? GeneratedSecret)> CreateAsync(WebhookForm form, Actor actor, CancellationToken cancellationToken = default)
    {
        EnsureValid(form);
        var given = form.Secret?.Trim();
        var generated = string.IsNullOrEmpty(given) ? WebhookSecrets.Generate() : null;
        var now = clock.UtcNow;
        var webhook = new Webhook
        {
            Name = form.Name!.Trim(),
            Url = form.Url!.Trim(),
            ProtectedSecret = secrets.Protect(generated ?? given!),
            Events = Ordered(form.Events),
            Enabled = form.Enabled,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Webhooks.Add(webhook);
        await SaveAsync(cancellationToken);
        var id = EntityId(webhook.Id);
        audit.Record(new Change(Webhook.EntityType, id, "created", "name", null, webhook.Name), actor);
        audit.Record(new Change(Webhook.EntityType, id, "updated", "url", null, webhook.Url), actor);
        audit.Record(new Change(Webhook.EntityType, id, "updated", "events", null, string.Join(", ", webhook.Events)), actor);
        audit.Record(new Change(Webhook.EntityType, id, "updated", "enabled", null, YesNo(webhook.Enabled)), actor);
        audit.Record(new Change(Webhook.EntityType, id, "updated", "secret", null, generated is null ? "given" : "generated"), actor);
        await SaveAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (webhook, generated);
    }

    /// <summary>Changes a webhook (null when there is none); returns the generated secret when one was asked for.</summary>
    public async Task<(bool Found, string? GeneratedSecret)> UpdateAsync(int id, WebhookForm form, Actor actor, CancellationToken cancellationToken = default)
    {
        EnsureValid(form);
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (webhook is null)
        {
            return (false, null);
        }

        var key = EntityId(id);
        var log = new ChangeLog();
        var events = Ordered(form.Events);
        log.Field(Webhook.EntityType, key, "name", webhook.Name, form.Name!.Trim());
        log.Field(Webhook.EntityType, key, "url", webhook.Url, form.Url!.Trim());
        log.Field(Webhook.EntityType, key, "events", string.Join(", ", webhook.Events), string.Join(", ", events));
        log.Field(Webhook.EntityType, key, "enabled", YesNo(webhook.Enabled), YesNo(form.Enabled));
        var given = form.Secret?.Trim();
        var generated = form.GenerateSecret ? WebhookSecrets.Generate() : null;
        if (generated is not null || !string.IsNullOrEmpty(given))
        {
            webhook.ProtectedSecret = secrets.Protect(generated ?? given!);
            log.Add(new Change(Webhook.EntityType, key, "updated", "secret", "set", generated is null ? "given" : "generated"));
        }

        webhook.Name = form.Name.Trim();
        webhook.Url = form.Url.Trim();
        webhook.Events = events;
        webhook.Enabled = form.Enabled;
        if (log.Changes.Count > 0)
        {
            webhook.UpdatedAt = clock.UtcNow;
            audit.Record(log, actor);
            await SaveAsync(cancellationToken);
        }

        return (true, generated);
    }

    /// <summary>Turns a webhook on or off; false when there is none. Nothing is queued for a disabled webhook.</summary>
    public async Task<bool> SetEnabledAsync(int id, bool enabled, Actor actor, CancellationToken cancellationToken = default)
    {
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (webhook is null)
        {
            return false;
        }

        if (webhook.Enabled != enabled)
        {
            audit.Record(new Change(Webhook.EntityType, EntityId(id), "updated", "enabled", YesNo(webhook.Enabled), YesNo(enabled)), actor);
            webhook.Enabled = enabled;
            webhook.UpdatedAt = clock.UtcNow;
            await SaveAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Deletes a webhook with its delivery log and the outbox rows of its deliveries (a delivery being sent at this
    /// moment finishes, then its row stays in the outbox list alone); returns its name, null when there is none.
    /// </summary>
    public async Task<string?> DeleteAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var webhook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (webhook is null)
        {
            return null;
        }

        await db.OutboxMessages
            .Where(m => m.Status != OutboxStatus.Sending && db.WebhookDeliveries.Any(d => d.WebhookId == id && d.OutboxMessageId == m.Id))
            .ExecuteDeleteAsync(cancellationToken);
        db.Webhooks.Remove(webhook);
        audit.Record(new Change(Webhook.EntityType, EntityId(id), "deleted", "name", webhook.Name, null), actor);
        await SaveAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return webhook.Name;
    }

    /// <summary>One page of a webhook's deliveries, newest first, paged in SQL; the page number is clamped.</summary>
    public async Task<(IReadOnlyList<DeliveryRow> Rows, int Total, int Page)> DeliveriesAsync(int webhookId, int page,
        CancellationToken cancellationToken = default)
    {
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId);
        var total = await deliveries.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + LogPageSize - 1) / LogPageSize));
        var rows = await deliveries.OrderByDescending(d => d.Id)
            .Skip((page - 1) * LogPageSize).Take(LogPageSize)
            .Select(d => new DeliveryRow(d.Id, d.OutboxMessageId, d.Message!.InternetMessageId, d.Event, d.ClaimId, d.ClaimNumber,
                d.Message.Status, d.Message.Attempts, d.LastHttpStatus, d.Message.LastError, d.CreatedAt, d.Message.NextAttemptAt,
                d.Message.SentAt))
            .ToListAsync(cancellationToken);
        return (rows, total, page);
    }

    public enum Requeue { Requeued, NotDead, NotFound }

    /// <summary>Puts a dead delivery of the webhook back in the queue, due now, its attempts counted afresh (audited).</summary>
    public async Task<Requeue> RequeueAsync(int webhookId, long deliveryId, Actor actor, CancellationToken cancellationToken = default)
    {
        var message = await db.WebhookDeliveries.Where(d => d.Id == deliveryId && d.WebhookId == webhookId)
            .Select(d => d.Message).SingleOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return Requeue.NotFound;
        }

        if (message.Status != OutboxStatus.Dead)
        {
            return Requeue.NotDead;
        }

        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = clock.UtcNow;
        message.LeaseUntil = null;
        audit.Record(new Change("outbox_message", message.Id.ToString(CultureInfo.InvariantCulture), "requeued", "status",
            OutboxStatus.Dead, OutboxStatus.Pending), actor);
        await SaveAsync(cancellationToken);
        return Requeue.Requeued;
    }

    public static string EntityId(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static void EnsureValid(WebhookForm form)
    {
        var problems = Check(form);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => p.Message)));
        }
    }

    private static List<string> Ordered(IEnumerable<string> events) => [.. WebhookEvent.All.Where(events.Contains)];

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static (string Field, string Message) Error(string field, string message) => (field, message);
}
