using System.Text.Json;
using System.Text.Json.Serialization;
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
    /// webhooks of <paramref name="plan"/> that subscribe to it, with the message or the deadline it is about; reads
    /// the claim's customer and lines when they are not loaded, and only when someone subscribes.
    /// </summary>
    public async Task RaiseAsync(WebhookPlan plan, string ev, Claim claim,
        WebhookMessage? message = null, WebhookDeadline? deadline = null, object? repair = null, CancellationToken cancellationToken = default)
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

        var lines = db.Entry(claim).Collection(c => c.Lines);
        if (claim.Id > 0 && !lines.IsLoaded && claim.Lines.Count == 0)
        {
            await lines.LoadAsync(cancellationToken);
        }

        var detail = ClaimDetail.Of(claim, claim.Register?.Code ?? plan.Registers.GetValueOrDefault(claim.RegisterId, ""),
            claim.Customer is { } customer ? ClaimCustomer.Of(customer) : null, claim.Lines);
        var now = clock.UtcNow;
        foreach (var subscriber in subscribers)
        {
            var id = Guid.NewGuid().ToString();
            var body = JsonSerializer.Serialize(new WebhookBody(id, ev, now, detail) { Message = message, Deadline = deadline, Repair = repair }, Json);
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

    /// <summary>The JSON body of a delivery; <c>message</c> and <c>deadline</c> only in the events about one.</summary>
    public sealed record WebhookBody(string Id, string Event, DateTime OccurredAt, ClaimDetail Claim)
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public WebhookMessage? Message { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public WebhookDeadline? Deadline { get; init; }

        /// <summary>The repair quote of the <c>repair.*</c> events, with its amounts (and the invoice's).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public object? Repair { get; init; }
    }
}

/// <summary>The message of <c>claim.message_posted</c>: its id, <c>outbound</c> (to the claimant) or <c>inbound</c>, its text.</summary>
public sealed record WebhookMessage(long Id, string Kind, string Text);

/// <summary>
/// The deadline of <c>claim.deadline_changed</c>: its rule, and its due time and state before and after (null: it did
/// not exist before, or no longer exists).
/// </summary>
public sealed record WebhookDeadline(string Rule, DateTime? DueAt, string? State, DateTime? PreviousDueAt, string? PreviousState);

/// <summary>
/// The webhook events of a claim change, from the claims' own events, in this order for each claim:
/// <c>claim.created</c>, <c>claim.status_changed</c>, <c>claim.decided</c>, <c>claim.closed</c>,
/// <c>claim.message_posted</c> (messages to or from the claimant), <c>claim.deadline_changed</c> (one per deadline).
/// Runs after every other handler of its round, so the claim is sent as the change left it.
/// </summary>
public sealed class WebhooksOnClaimEvents(WebhookPublisher webhooks) : IHandleClaimEvents
{
    public int Order => ClaimEventOrder.Systems;

    public async Task HandleAsync(IReadOnlyList<RaisedEvent> events, ClaimChangeContext context, CancellationToken cancellationToken)
    {
        WebhookPlan? plan = null;
        foreach (var raised in events.GroupBy(e => e.Claim, e => e.Event))
        {
            var claim = raised.Key;
            var once = raised.Select(e => e switch
                {
                    ClaimBecameVisible => (Rank: 0, Name: WebhookEvent.ClaimCreated),
                    ClaimStatusChanged => (Rank: 1, Name: WebhookEvent.StatusChanged),
                    ClaimDecided => (Rank: 2, Name: WebhookEvent.Decided),
                    ClaimClosed => (Rank: 3, Name: WebhookEvent.Closed),
                    ClaimEdited => (Rank: 4, Name: WebhookEvent.Updated),
                    _ => (Rank: -1, Name: ""),
                })
                .Where(e => e.Rank >= 0).OrderBy(e => e.Rank).Select(e => e.Name).Distinct().ToList();
            var messages = raised.OfType<MessagePosted>().Where(m => MessageKind.IsPublic(m.Kind)).ToList();
            var deadlines = raised.OfType<DeadlineChanged>().ToList();
            if (once.Count + messages.Count + deadlines.Count == 0)
            {
                continue;
            }

            plan ??= await webhooks.PrepareAsync(cancellationToken);
            foreach (var ev in once)
            {
                await webhooks.RaiseAsync(plan, ev, claim, cancellationToken: cancellationToken);
            }

            foreach (var message in messages)
            {
                await webhooks.RaiseAsync(plan, WebhookEvent.MessagePosted, claim,
                    message: new WebhookMessage(message.MessageId, message.Kind, message.Text), cancellationToken: cancellationToken);
            }

            foreach (var change in deadlines.Select(d => d.Change))
            {
                await webhooks.RaiseAsync(plan, WebhookEvent.DeadlineChanged, claim,
                    deadline: new WebhookDeadline(change.RuleId, change.NewDueAt, change.NewState is { } state ? Codes.Of(state) : null,
                        change.OldDueAt, change.OldState is { } old ? Codes.Of(old) : null), cancellationToken: cancellationToken);
            }
        }
    }
}
