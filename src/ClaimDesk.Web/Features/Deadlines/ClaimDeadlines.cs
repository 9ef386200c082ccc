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
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
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

    /// <summary>Recomputes the deadlines of <paramref name="claim"/>, a tracked entity, in the caller's transaction.</summary>
    public Task RecomputeAsync(Claim claim, Actor actor, CancellationToken cancellationToken = default) =>
        RecomputeAsync([claim], actor, cancellationToken);

    /// <summary>
    /// Recomputes the deadlines of tracked <paramref name="claims"/> in the caller's transaction. The claims' rows are
    /// locked first (PostgreSQL; SQLite's write lock is already held), so two nodes recomputing one claim at once write
    /// one history, not two.
    /// </summary>
    public async Task RecomputeAsync(IReadOnlyCollection<Claim> claims, Actor actor, CancellationToken cancellationToken = default)
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
            Apply(claim, [.. stored[claim.Id]], after, actor);
        }
    }

    /// <summary>The deadlines a new claim will have, worked out before it is numbered.</summary>
    public sealed record NewClaimDeadlines(Jurisdiction Jurisdiction, IReadOnlyList<ClaimDeadline> Deadlines)
    {
        public DateTime? NextDueAt => Deadlines.Where(d => d.State == DeadlineState.Running).Select(d => (DateTime?)d.DueAt).Min();
    }

    /// <summary>
    /// The deadlines of a claim about to be opened (<paramref name="provisional"/>: the claim as it will be, without its
    /// number), from memory and the cached policies, with no query. Creation works them out before it takes the
    /// register's number counter, which stays locked until the commit, so that the lock is held as briefly as can be.
    /// </summary>
    public async Task<NewClaimDeadlines> PlanForNewClaimAsync(Claim provisional, string? customerTier, CancellationToken cancellationToken = default)
    {
        var reference = await ReferenceAsync(cancellationToken);
        var facts = Facts(provisional, reference, customerTier, [], []);
        var deadlines = reference.Hidden.Contains((provisional.RegisterId, provisional.Status)) ? [] : reference.Calculator.Compute(facts, clock.UtcNow);
        return new NewClaimDeadlines(provisional.Jurisdiction!.Value, deadlines);
    }

    /// <summary>Stores the planned deadlines of a claim just opened (it has its id), with their history.</summary>
    public void StorePlanned(Claim claim, NewClaimDeadlines planned, Actor actor)
    {
        claim.Jurisdiction = planned.Jurisdiction;
        Apply(claim, [], planned.Deadlines, actor);
    }

    private DeadlineFacts Facts(
        Claim claim, Reference reference, string? tier, IEnumerable<DateOnly> savedPurchaseDates, IEnumerable<StatusEntered> savedTimeline)
    {
        var register = reference.Registers.TryGetValue(claim.RegisterId, out var known) ? known : ((string Code, RegisterKind Kind)?)null;
        claim.Jurisdiction ??= JurisdictionOf(register?.Code);
        return new DeadlineFacts
        {
            RegisterKind = register?.Kind ?? RegisterKind.Complaints,
            Jurisdiction = claim.Jurisdiction.Value,
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
        await RecomputeOpenAsync(db.Claims.Where(c => c.CustomerId != null && customerIds.Contains(c.CustomerId.Value)), actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
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

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            done += batch.Count;
            after = batch[^1];
        }
    }

    /// <summary>Recomputes the claims <paramref name="ids"/> in their own transaction (the scanner: clocks that ran out).</summary>
    public async Task RecomputeClaimsAsync(IReadOnlyCollection<long> ids, Actor actor, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RecomputeOpenAsync(db.Claims.Where(c => ids.Contains(c.Id)), actor, cancellationToken, includeClosed: true);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Sets the claim's first public response (if it had none) and recomputes its deadlines, in the caller's transaction.</summary>
    public async Task RespondedAsync(long claimId, DateTime at, Actor actor, CancellationToken cancellationToken = default)
    {
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null || claim.FirstResponseAt is not null)
        {
            return;
        }

        claim.FirstResponseAt = at;
        await RecomputeAsync(claim, actor, cancellationToken);
    }

    private async Task<List<long>> RecomputeOpenAsync(
        IQueryable<Claim> claims, Actor actor, CancellationToken cancellationToken, int? take = null, bool includeClosed = false)
    {
        var query = claims.Where(c => !c.IsDeleted && (includeClosed || c.ClosedAt == null)).OrderBy(c => c.Id);
        var loaded = await (take is { } n ? query.Take(n) : query).ToListAsync(cancellationToken);
        await RecomputeAsync(loaded, actor, cancellationToken);
        return [.. loaded.Select(c => c.Id)];
    }

    private void Apply(Claim claim, List<StoredDeadline> stored, IReadOnlyList<ClaimDeadline> after, Actor actor)
    {
        var before = stored.Select(d => d.ToDeadline()).ToList();
        foreach (var change in DeadlineChange.Between(before, after))
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
        claim.NextDueAt = after.Where(d => d.State == DeadlineState.Running).Select(d => (DateTime?)d.DueAt).Min();
    }

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
