using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Registers;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Deadlines;

/// <summary>
/// Keeps each claim's stored deadlines (<c>claim_deadlines</c>) and its <see cref="Claim.NextDueAt"/> in step with
/// the claim (DESIGN §5). Works inside the caller's unit of work and transaction: the caller's SaveChanges writes the
/// deadlines together with the change that moved them, and every deadline that appeared, moved, changed state or went
/// away is an audit event of the claim (action <c>deadline_changed</c>, field <c>deadline</c>).
/// </summary>
public sealed class ClaimDeadlines(
    AppDbContext db, AuditTrail audit, OrganisationClock clock, DatabaseInfo database, IOptions<ClaimDeskOptions> options,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache, Claims.ClaimEventDispatcher dispatcher)
{
    /// <summary>
    /// How long a node reuses the SLA policies, the hidden statuses and the registers before reading them again: every
    /// claim needs them and they change rarely. An edit of a policy takes effect on its node at once
    /// (<see cref="Forget"/>), on the other nodes within this time.
    /// </summary>
    public static readonly TimeSpan ReferenceCacheTime = TimeSpan.FromSeconds(10);

    private const string ReferenceKey = "claimdesk:deadline-reference";

    private sealed record Reference(
        DeadlineCalculator Calculator, HashSet<(int RegisterId, string Code)> Hidden, Dictionary<int, (string Code, RegisterKind Kind)> Registers);

    /// <summary>Drops the cached policies, after an administrator changed one.</summary>
    public static void Forget(Microsoft.Extensions.Caching.Memory.IMemoryCache cache) => cache.Remove(ReferenceKey);

    /// <summary>Drops this node's cached policies, statuses and registers.</summary>
    public void ForgetReference() => Forget(cache);

    public const string ChangedAction = "deadline_changed";
    public const string Field = "deadline";

    /// <summary>How many claims one transaction recomputes when many are (a policy or a customer's tier changed).</summary>
    public const int BatchSize = 200;

    /// <summary>
    /// Recomputes the deadlines of tracked <paramref name="claims"/> in the caller's transaction. The claims' rows are
    /// locked first (PostgreSQL; SQLite's write lock is already held), so two nodes recomputing one claim at once write
    /// one history, not two.
    /// </summary>
    public Task RecomputeAsync(IReadOnlyCollection<Claim> claims, Actor actor, CancellationToken cancellationToken = default) =>
        RecomputeAsync(claims, actor, announce: true, cancellationToken);

    /// <summary>
    /// As above; unless <paramref name="announce"/>, the changes raise no <see cref="DeadlineChanged"/> (a claim that
    /// just became staff's: its deadlines come with it, not as changes).
    /// </summary>
    public async Task RecomputeAsync(IReadOnlyCollection<Claim> claims, Actor actor, bool announce, CancellationToken cancellationToken = default)
    {
        if (claims.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Deadlines are recomputed inside the transaction of the change that moves them.");
        }

        var ids = claims.Select(c => c.Id).Distinct().Order().ToArray();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.SqlQuery<long>($"""SELECT id AS "Value" FROM claims WHERE id = ANY({ids}) ORDER BY id FOR UPDATE""")
                .ToListAsync(cancellationToken);
        }

        var now = clock.UtcNow;
        var reference = await ReferenceAsync(cancellationToken);
        var stored = (await db.ClaimDeadlines.Where(d => ids.Contains(d.ClaimId)).ToListAsync(cancellationToken))
            .ToLookup(d => d.ClaimId);
        var keys = ids.Select(Key).ToList();
        var timelines = (await db.AuditEvents.AsNoTracking()
                .Where(a => a.EntityType == Claim.EntityType && keys.Contains(a.EntityId) && a.Field == "status"
                    && (a.Action == "created" || a.Action == "status_changed"))
                .OrderBy(a => a.At).ThenBy(a => a.Id)
                .Select(a => new { a.EntityId, a.At, a.NewValue })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.EntityId, a => new StatusEntered(a.NewValue ?? "", a.At));
        var customerIds = claims.Where(c => c.CustomerId is not null).Select(c => c.CustomerId!.Value).Distinct().ToList();
        var tiers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Tier, cancellationToken);
        var unloaded = claims.Where(c => c.Lines.Count == 0).Select(c => c.Id).ToList();
        var purchaseDates = (await db.ClaimLines.AsNoTracking().Where(l => unloaded.Contains(l.ClaimId) && l.PurchaseDate != null)
                .Select(l => new { l.ClaimId, l.PurchaseDate }).ToListAsync(cancellationToken))
            .ToLookup(l => l.ClaimId, l => l.PurchaseDate!.Value);
        foreach (var claim in claims)
        {
            var facts = Facts(claim, reference, claim.CustomerId is { } customerId ? tiers.GetValueOrDefault(customerId) : null,
                purchaseDates[claim.Id], timelines[Key(claim.Id)]);
            var after = claim.IsDeleted || reference.Hidden.Contains((claim.RegisterId, claim.Status)) ? [] : reference.Calculator.Compute(facts, now);
            Apply(claim, [.. stored[claim.Id]], after, actor, announce);
        }
    }

    /// <summary>
    /// The deadlines of a claim about to be opened (with its lines and its customer attached, not yet numbered), from
    /// memory and the cached policies, with no query; fixes its jurisdiction and its next due time. Worked out before
    /// the register's number counter is taken, which stays locked until the commit.
    /// </summary>
    public async Task<IReadOnlyList<ClaimDeadline>> PlanAsync(Claim claim, CancellationToken cancellationToken = default)
    {
        var reference = await ReferenceAsync(cancellationToken);
        var facts = Facts(claim, reference, claim.Customer?.Tier, [], []);
        var deadlines = reference.Hidden.Contains((claim.RegisterId, claim.Status)) ? [] : reference.Calculator.Compute(facts, clock.UtcNow);
        claim.DeadlinesChanged([], NextDue(deadlines));
        return deadlines;
    }

    /// <summary>Stores the deadlines of a claim just opened (it has its id), as <see cref="PlanAsync"/> worked them out.</summary>
    public void StorePlanned(Claim claim, IReadOnlyList<ClaimDeadline> planned, Actor actor) => Apply(claim, [], planned, actor, announce: false);

    private DeadlineFacts Facts(
        Claim claim, Reference reference, string? tier, IEnumerable<DateOnly> savedPurchaseDates, IEnumerable<StatusEntered> savedTimeline)
    {
        var register = reference.Registers.TryGetValue(claim.RegisterId, out var known) ? known : ((string Code, RegisterKind Kind)?)null;
        var jurisdiction = claim.FixJurisdiction(JurisdictionOf(register?.Code));
        return new DeadlineFacts
        {
            RegisterKind = register?.Kind ?? RegisterKind.Complaints,
            Jurisdiction = jurisdiction,
            CustomerType = claim.CustomerType,
            LegalBasis = claim.LegalBasis,
            ContractDate = claim.ContractDate,
            PurchaseDate = claim.Lines.Count > 0
                ? claim.Lines.Where(l => l.PurchaseDate is not null).Min(l => l.PurchaseDate)
                : savedPurchaseDates.DefaultIfEmpty().Min() is { } date && date != default ? date : null,
            ReceivedAt = claim.ReceivedAt,
            GoodsReceivedAt = claim.GoodsReceivedAt,
            CustomerTier = tier,
            CustomerId = claim.CustomerId,
            RegisterId = claim.RegisterId,
            Category = claim.Category,
            Value = claim.Value,
            CostTotal = claim.CostTotal,
            Timeline = Timeline(claim, savedTimeline),
            FirstResponseAt = claim.FirstResponseAt,
            DecidedAt = claim.DecidedAt,
            ResolvedAt = claim.ResolvedAt,
            ClosedAt = claim.ClosedAt,
        };
    }

    /// <summary>
    /// After customers changed (a master-data upsert, already saved in the caller's transaction): when a tier changed,
    /// the open claims of those customers get their deadlines recomputed — a customer made VIP gets the VIP due times.
    /// </summary>
    public async Task CustomersChangedAsync(ChangeLog log, Actor actor, CancellationToken cancellationToken = default)
    {
        var codes = log.Changes.Where(c => c.EntityType == Customer.EntityType && c.Field == "tier")
            .Select(c => c.EntityId).Distinct().ToList();
        if (codes.Count == 0)
        {
            return;
        }

        var customerIds = await db.Customers.Where(c => codes.Contains(c.Code!)).Select(c => c.Id).ToListAsync(cancellationToken);
        var claims = await RecomputeOpenAsync(db.Claims.Where(c => c.CustomerId != null && customerIds.Contains(c.CustomerId.Value)), actor, cancellationToken);
        await SaveAsync(claims, actor, cancellationToken);
    }

    /// <summary>
    /// Recomputes every open claim (an SLA policy changed), <see cref="BatchSize"/> claims a transaction, each batch
    /// committed on its own; returns how many claims it went through.
    /// </summary>
    public async Task<int> RecomputeAllOpenAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var done = 0;
        long after = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var last = after;
            var batch = await RecomputeOpenAsync(db.Claims.Where(c => c.Id > last), actor, cancellationToken, BatchSize);
            if (batch.Count == 0)
            {
                return done;
            }

            await SaveAsync(batch, actor, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            done += batch.Count;
            after = batch[^1].Id;
        }
    }

    /// <summary>Recomputes the claims <paramref name="ids"/> in their own transaction (the scanner: clocks that ran out).</summary>
    public async Task RecomputeClaimsAsync(IReadOnlyCollection<long> ids, Actor actor, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SaveAsync(await RecomputeOpenAsync(db.Claims.Where(c => ids.Contains(c.Id)), actor, cancellationToken, includeClosed: true),
            actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Saves recomputed claims, with what the features acting on their deadline changes add (webhooks).</summary>
    private Task SaveAsync(IReadOnlyCollection<Claim> claims, Actor actor, CancellationToken cancellationToken) =>
        dispatcher.SaveAsync(claims, new Claims.ClaimChangeContext(actor, clock.UtcNow, new ChangeLog()), cancellationToken);

    private async Task<List<Claim>> RecomputeOpenAsync(
        IQueryable<Claim> claims, Actor actor, CancellationToken cancellationToken, int? take = null, bool includeClosed = false)
    {
        var query = claims.Where(c => !c.IsDeleted && (includeClosed || c.ClosedAt == null)).OrderBy(c => c.Id);
        var loaded = await (take is { } n ? query.Take(n) : query).ToListAsync(cancellationToken);
        await RecomputeAsync(loaded, actor, cancellationToken);
        return loaded;
    }

    private void Apply(Claim claim, List<StoredDeadline> stored, IReadOnlyList<ClaimDeadline> after, Actor actor, bool announce)
    {
        var before = stored.Select(d => d.ToDeadline()).ToList();
        var changes = DeadlineChange.Between(before, after);
        foreach (var change in changes)
        {
            audit.Record(new Change(Claim.EntityType, Key(claim.Id), ChangedAction, Field,
                Describe(change.RuleId, change.OldDueAt, change.OldState), Describe(change.RuleId, change.NewDueAt, change.NewState)), actor);
        }

        var byRule = stored.ToDictionary(d => d.RuleId, StringComparer.Ordinal);
        foreach (var deadline in after)
        {
            if (!byRule.Remove(deadline.RuleId, out var row))
            {
                db.ClaimDeadlines.Add(new StoredDeadline
                {
                    ClaimId = claim.Id, Kind = deadline.Kind, RuleId = deadline.RuleId, DueAt = deadline.DueAt, State = deadline.State,
                });
                continue;
            }

            if (row.DueAt != deadline.DueAt && row.State != DeadlineState.Paused)
            {
                // A due time that moved earns its own reminder.
                row.RemindedAt = null;
            }

            if (deadline.State != DeadlineState.Breached)
            {
                row.EscalatedAt = null;
            }

            row.Kind = deadline.Kind;
            row.DueAt = deadline.DueAt;
            row.State = deadline.State;
        }

        db.ClaimDeadlines.RemoveRange(byRule.Values);
        claim.DeadlinesChanged(announce ? changes : [], NextDue(after));
    }

    private static DateTime? NextDue(IReadOnlyList<ClaimDeadline> deadlines) =>
        deadlines.Where(d => d.State == DeadlineState.Running).Select(d => (DateTime?)d.DueAt).Min();

    /// <summary>The statuses the claim was in: what the audit holds, and its current status when that is not saved yet.</summary>
    private static List<StatusEntered> Timeline(Claim claim, IEnumerable<StatusEntered> saved)
    {
        var timeline = saved.ToList();
        if (timeline.Count == 0)
        {
            timeline.Add(new StatusEntered(claim.Status, claim.ReceivedAt));
        }
        else if (timeline[^1].Status != claim.Status)
        {
            timeline.Add(new StatusEntered(claim.Status, claim.UpdatedAt));
        }

        return timeline;
    }

    private async Task<Reference> ReferenceAsync(CancellationToken cancellationToken) =>
        (await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, ReferenceKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ReferenceCacheTime;
            var policies = await db.SlaPolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(cancellationToken);
            var hidden = (await db.WorkflowStatuses.AsNoTracking().Where(s => s.HiddenFromQueues)
                    .Select(s => new { s.RegisterId, s.Code }).ToListAsync(cancellationToken))
                .Select(s => (s.RegisterId, s.Code)).ToHashSet();
            var registers = await db.Registers.AsNoTracking().ToDictionaryAsync(r => r.Id, r => (r.Code, r.Kind), cancellationToken);
            return new Reference(new DeadlineCalculator(clock.Zone, [.. policies.Select(p => p.ToPolicy())]), hidden, registers);
        }))!;

    private Jurisdiction JurisdictionOf(string? registerCode)
    {
        var organisation = options.Value.Organisation;
        var code = registerCode is not null && organisation.RegisterJurisdictions.TryGetValue(registerCode, out var own) ? own : organisation.Jurisdiction;
        return Codes.TryParse<Jurisdiction>(code, out var jurisdiction) ? jurisdiction : Jurisdiction.Pl;
    }

    /// <summary>How a deadline is written into the audit: <c>RULE-ID 2026-03-15T22:59:59.999Z running</c>.</summary>
    public static string? Describe(string ruleId, DateTime? dueAt, DeadlineState? state) =>
        dueAt is { } due && state is { } s
            ? $"{ruleId} {due.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} {Codes.Of(s)}"
            : null;

    /// <summary>Reads back what <see cref="Describe"/> wrote.</summary>
    public static (string RuleId, DateTime DueAt, DeadlineState State)? Parse(string? value)
    {
        // The rule id comes first and may hold spaces (a policy's name); the due time and the state never do.
        var parts = value?.Split(' ');
        if (parts is not { Length: >= 3 })
        {
            return null;
        }

        var (rule, due, state) = (string.Join(' ', parts[..^2]), parts[^2], parts[^1]);
        return DateTime.TryParseExact(due, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dueAt)
            && Codes.TryParse<DeadlineState>(state, out var parsed)
            ? (rule, dueAt, parsed)
            : null;
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Keeps a claim's deadlines in step with what happened to it: a claim opened gets its deadlines; one that became
/// staff's, moved, was decided, got its first response or was deleted has them recomputed. Deadline changes raise
/// <see cref="DeadlineChanged"/>, for the handlers of the next round.
/// </summary>
public sealed class DeadlinesOnClaimEvents(ClaimDeadlines deadlines) : Claims.IHandleClaimEvents, Claims.IPrepareClaimEvents
{
    private readonly Dictionary<Claim, IReadOnlyList<ClaimDeadline>> _planned = [];

    public int Order => Claims.ClaimEventOrder.State;

    /// <summary>Works out the deadlines of the claims about to be opened, before the number counter is locked.</summary>
    public async Task PrepareAsync(IReadOnlyList<Claims.RaisedEvent> events, Claims.ClaimChangeContext context, CancellationToken cancellationToken)
    {
        foreach (var claim in events.Where(e => e.Event is ClaimOpened).Select(e => e.Claim).Distinct())
        {
            _planned[claim] = await deadlines.PlanAsync(claim, cancellationToken);
        }
    }

    public async Task HandleAsync(IReadOnlyList<Claims.RaisedEvent> events, Claims.ClaimChangeContext context, CancellationToken cancellationToken)
    {
        var opened = events.Where(e => e.Event is ClaimOpened).Select(e => e.Claim).Distinct().ToList();
        foreach (var claim in opened)
        {
            deadlines.StorePlanned(claim, _planned.Remove(claim, out var planned) ? planned : await deadlines.PlanAsync(claim, cancellationToken),
                context.Actor);
        }

        // A claim that became staff's gets its deadlines with it (claim.created), not as changes.
        var visible = events.Where(e => e.Event is ClaimBecameVisible).Select(e => e.Claim).Except(opened).Distinct().ToList();
        await deadlines.RecomputeAsync(visible, context.Actor, announce: false, cancellationToken);
        var moved = events
            .Where(e => e.Event is ClaimStatusChanged or ClaimDecided or LineDecided or ClaimDeleted or MessagePosted { FirstResponse: true }
                or ClaimEdited)
            .Select(e => e.Claim).Except(opened).Except(visible).Distinct().ToList();
        await deadlines.RecomputeAsync(moved, context.Actor, cancellationToken);
    }
}
