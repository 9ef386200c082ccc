using System.Text.Json;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Webhooks;

/// <summary>The enabled webhooks and the register codes, read once before queueing (<see cref="WebhookPublisher.PrepareAsync"/>).</summary>
public sealed record WebhookPlan(IReadOnlyList<WebhookPlan.Subscriber> Subscribers, IReadOnlyDictionary<int, string> Registers)
{
    public sealed record Subscriber(int Id, string Name, IReadOnlyList<string> Events);

    public static WebhookPlan Empty { get; } = new([], new Dictionary<int, string>());
}

/// <summary>
/// Raises claim events to webhooks (DESIGN §8): for each enabled webhook subscribed to the event, one
/// <see cref="WebhookDelivery"/> and its outbox row (kind <c>webhook</c>) are added to the caller's unit of work, so a
/// change that rolls back sends nothing; <see cref="OutboxDispatcher"/> POSTs them later with its retries.
/// The body: <c>{id, event, occurredAt, claim}</c>, the claim as <c>GET /api/v1/claims/{id}</c> shows it.
/// </summary>
public sealed class WebhookPublisher(AppDbContext db, Outbox outbox, OrganisationClock clock, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    /// <summary>
    /// How long a node reuses the list of subscribed webhooks: every claim change reads it. An edit on the
    /// administration pages takes effect on its node at once (<see cref="Forget"/>), on other nodes within this time.
    /// </summary>
    public static readonly TimeSpan PlanCacheTime = TimeSpan.FromSeconds(10);

    private const string PlanKey = "claimdesk:webhook-plan";

    public static void Forget(Microsoft.Extensions.Caching.Memory.IMemoryCache cache) => cache.Remove(PlanKey);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the enabled webhooks (and, when there are any, the register codes).</summary>
    public async Task<WebhookPlan> PrepareAsync(CancellationToken cancellationToken = default) =>
        (await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, PlanKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = PlanCacheTime;
            return ReadPlanAsync(cancellationToken);
        }))!;

    private async Task<WebhookPlan> ReadPlanAsync(CancellationToken cancellationToken)
    {
        var subscribers = await db.Webhooks.AsNoTracking().Where(w => w.Enabled).OrderBy(w => w.Id)
            .Select(w => new { w.Id, w.Name, w.Events }).ToListAsync(cancellationToken);
        if (subscribers.Count == 0)
        {
            return WebhookPlan.Empty;
        }

        var registers = await db.Registers.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Code, cancellationToken);
        return new([.. subscribers.Select(s => new WebhookPlan.Subscriber(s.Id, s.Name, s.Events))], registers);
    }

    /// <summary>
    /// Queues <paramref name="ev"/> about <paramref name="claim"/> (as it is after the change, with its lines) to the
    /// webhooks of <paramref name="plan"/> that subscribe to it; reads only the claim's customer, when not loaded.
    /// </summary>
    public async Task RaiseAsync(WebhookPlan plan, string ev, Claim claim, CancellationToken cancellationToken = default)
    {
        var subscribers = plan.Subscribers.Where(s => s.Events.Contains(ev)).ToList();
        if (subscribers.Count == 0)
        {
            return;
        }

        if (claim.CustomerId is not null && claim.Customer is null)
        {
            await db.Entry(claim).Reference(c => c.Customer).LoadAsync(cancellationToken);
        }

        var detail = ClaimDetail.Of(claim, claim.Register?.Code ?? plan.Registers.GetValueOrDefault(claim.RegisterId, ""),
            claim.Customer is { } customer ? ClaimCustomer.Of(customer) : null, claim.Lines);
        var now = clock.UtcNow;
        foreach (var subscriber in subscribers)
        {
            var id = Guid.NewGuid().ToString();
            var body = JsonSerializer.Serialize(new WebhookBody(id, ev, now, detail), Json);
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = subscriber.Id,
                Message = outbox.Webhook(id, subscriber.Name, $"{ev} {claim.Number}", body),
                Event = ev,
                ClaimId = claim.Id,
                ClaimNumber = claim.Number,
                CreatedAt = now,
            });
        }
    }

    /// <summary>
    /// Raises what the claim's methods did in this change (<see cref="Claim.Events"/>), in this order:
    /// <c>claim.status_changed</c> for a transition, <c>claim.decided</c> when the claim's decision became accepted,
    /// partially accepted or rejected, and <c>claim.closed</c> when the transition entered a closed status from one
    /// that was not (so a claim closed as <c>resolved</c> and then filed as <c>closed</c> raises it once). The events
    /// are then forgotten, so none is raised twice.
    /// </summary>
    public async Task RaiseChangesAsync(Claim claim, CancellationToken cancellationToken = default)
    {
        var events = claim.Events.Select(e => e switch
            {
                ClaimStatusChanged => (Rank: 0, Name: WebhookEvent.StatusChanged),
                ClaimDecided => (Rank: 1, Name: WebhookEvent.Decided),
                ClaimClosed => (Rank: 2, Name: WebhookEvent.Closed),
                _ => (Rank: -1, Name: ""),
            })
            .Where(e => e.Rank >= 0).OrderBy(e => e.Rank).Select(e => e.Name).Distinct().ToList();
        claim.ClearEvents();
        if (events.Count == 0)
        {
            return;
        }

        var plan = await PrepareAsync(cancellationToken);
        foreach (var ev in events)
        {
            await RaiseAsync(plan, ev, claim, cancellationToken);
        }
    }

    /// <summary>The JSON body of a delivery.</summary>
    public sealed record WebhookBody(string Id, string Event, DateTime OccurredAt, ClaimDetail Claim);
}
