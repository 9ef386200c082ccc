using ClaimDesk.Core.Deadlines;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Deadlines;

public sealed record DeadlineView(DeadlineKind Kind, string RuleId, DateTime DueAt, DeadlineState State);

/// <summary>A claim in one of the dashboard's deadline lists, by its most pressing deadline there.</summary>
public sealed record DeadlineListItem(long ClaimId, string Number, string ContactName, string RuleId, DateTime DueAt, DeadlineState State);

public sealed record DeadlineList(int Count, IReadOnlyList<DeadlineListItem> Items);

/// <param name="DueToday">Claims with a deadline due today.</param>
/// <param name="Overdue">Claims with a breached deadline whose milestone is still missing.</param>
/// <param name="DeemedAcceptanceRisk">Claims nearing the deemed-acceptance deadline (past the alarm day, still running).</param>
/// <param name="DeemedAccepted">Claims whose deemed-acceptance deadline passed without a decision: already deemed accepted.</param>
public sealed record DeadlineDashboard(
    DeadlineList DueToday, DeadlineList Overdue, DeadlineList DeemedAcceptanceRisk, DeadlineList DeemedAccepted);

/// <summary>What a statutory rule gives the claimant, for the tracking page: what must happen by when.</summary>
public sealed record StatutoryDate(DeadlineMeasure Measure, DateTime DueAt);

/// <summary>Reads stored deadlines for the card, the dashboard and the tracking page.</summary>
public sealed class DeadlineQueries(AppDbContext db, OrganisationClock clock, IOptions<ClaimDeskOptions> options)
{
    public const int ListSize = 10;

    /// <summary>The rules whose missed deadline means the claim is deemed accepted (PL-CONS-RESP).</summary>
    public static IReadOnlyList<string> DeemedAcceptanceRules { get; } =
        [.. StatutoryRules.All.Where(r => r.DeemedAcceptedIfMissed).Select(r => r.Id)];

    public async Task<IReadOnlyList<DeadlineView>> ForClaimAsync(long claimId, CancellationToken cancellationToken = default) =>
        await db.ClaimDeadlines.AsNoTracking().Where(d => d.ClaimId == claimId)
            .OrderBy(d => d.DueAt).ThenBy(d => d.Id)
            .Select(d => new DeadlineView(d.Kind, d.RuleId, d.DueAt, d.State))
            .ToListAsync(cancellationToken);

    /// <summary>The claim's statutory deadlines, what each asks for; SLA targets are internal and not shown to claimants.</summary>
    public async Task<IReadOnlyList<StatutoryDate>> StatutoryAsync(long claimId, CancellationToken cancellationToken = default)
    {
        var rules = StatutoryRules.All.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var ids = rules.Keys.ToList();
        var stored = await db.ClaimDeadlines.AsNoTracking().Where(d => d.ClaimId == claimId && ids.Contains(d.RuleId))
            .OrderBy(d => d.DueAt).Select(d => new { d.RuleId, d.DueAt }).ToListAsync(cancellationToken);
        return [.. stored.Select(d => new StatutoryDate(rules[d.RuleId].Measures, d.DueAt))];
    }

    public async Task<DeadlineDashboard> DashboardAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var dayStart = StartOfDay(clock.Zone, today);
        var dayEnd = StartOfDay(clock.Zone, today.AddDays(1));
        var cutoff = AlarmCutoff(clock.Zone, today, options.Value.Deadlines.AlarmDay);
        var now = clock.UtcNow;
        var deemed = DeemedAcceptanceRules.ToList();
        var rows = Open();
        return new DeadlineDashboard(
            await ListAsync(rows.Where(x => x.Deadline.State == DeadlineState.Running && x.Deadline.DueAt >= dayStart && x.Deadline.DueAt < dayEnd), cancellationToken),
            await ListAsync(rows.Where(x => x.Deadline.State == DeadlineState.Breached
                && ((x.Deadline.Kind == DeadlineKind.SlaFirstResponse && x.Claim.FirstResponseAt == null)
                    || ((x.Deadline.Kind == DeadlineKind.StatutoryResponse || x.Deadline.Kind == DeadlineKind.SlaDecision) && x.Claim.DecidedAt == null)
                    || ((x.Deadline.Kind == DeadlineKind.StatutoryResolution || x.Deadline.Kind == DeadlineKind.SlaResolution) && x.Claim.ResolvedAt == null))),
                cancellationToken),
            await ListAsync(rows.Where(x => deemed.Contains(x.Deadline.RuleId) && x.Deadline.State == DeadlineState.Running
                && x.Claim.ReceivedAt < cutoff && x.Deadline.DueAt >= now), cancellationToken),
            await ListAsync(rows.Where(x => deemed.Contains(x.Deadline.RuleId) && x.Claim.DecidedAt == null
                && (x.Deadline.State == DeadlineState.Breached || (x.Deadline.State == DeadlineState.Running && x.Deadline.DueAt < now))),
                cancellationToken));
    }

    /// <summary>
    /// The claims among <paramref name="claims"/> that are overdue at <paramref name="now"/>, as the dashboard's
    /// "Overdue" list counts them: not closed, with a running deadline already past (the scanner has not marked it
    /// yet) or a breached one whose milestone (first response, decision, resolution) is still missing.
    /// </summary>
    public static IQueryable<Core.Claims.Claim> Overdue(AppDbContext db, IQueryable<Core.Claims.Claim> claims, DateTime now) =>
        claims.Where(c => c.ClosedAt == null && (c.NextDueAt < now || db.ClaimDeadlines.Any(d => d.ClaimId == c.Id && d.State == DeadlineState.Breached
            && ((d.Kind == DeadlineKind.SlaFirstResponse && c.FirstResponseAt == null)
                || ((d.Kind == DeadlineKind.StatutoryResponse || d.Kind == DeadlineKind.SlaDecision) && c.DecidedAt == null)
                || ((d.Kind == DeadlineKind.StatutoryResolution || d.Kind == DeadlineKind.SlaResolution) && c.ResolvedAt == null)))));

    /// <summary>The UTC instant the organisation's local day <paramref name="date"/> begins.</summary>
    public static DateTime StartOfDay(TimeZoneInfo zone, DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

    /// <summary>
    /// Claims received before this instant have reached <paramref name="alarmDay"/> days since receipt (that day not
    /// counted) by <paramref name="today"/>: received on <c>today − alarmDay</c> or earlier.
    /// </summary>
    public static DateTime AlarmCutoff(TimeZoneInfo zone, DateOnly today, int alarmDay) => StartOfDay(zone, today.AddDays(1 - alarmDay));

    /// <summary>A deadline with its claim; set by member initialisation, which EF can see through when it composes.</summary>
    private sealed class Row
    {
        public required StoredDeadline Deadline { get; init; }

        public required Core.Claims.Claim Claim { get; init; }
    }

    /// <summary>Deadlines of claims staff work on: not deleted, not closed, not in a status hidden from queues.</summary>
    private IQueryable<Row> Open() =>
        db.ClaimDeadlines.AsNoTracking()
            .Join(db.Claims.Where(c => !c.IsDeleted && c.ClosedAt == null
                    && !db.WorkflowStatuses.Any(s => s.RegisterId == c.RegisterId && s.Code == c.Status && s.HiddenFromQueues)),
                d => d.ClaimId, c => c.Id, (d, c) => new Row { Deadline = d, Claim = c });

    private static async Task<DeadlineList> ListAsync(IQueryable<Row> rows, CancellationToken cancellationToken)
    {
        var count = await rows.Select(x => x.Claim.Id).Distinct().CountAsync(cancellationToken);
        var items = await rows.OrderBy(x => x.Deadline.DueAt).ThenBy(x => x.Claim.Id).Take(ListSize * 3)
            .Select(x => new DeadlineListItem(x.Claim.Id, x.Claim.Number, x.Claim.ContactName, x.Deadline.RuleId, x.Deadline.DueAt, x.Deadline.State))
            .ToListAsync(cancellationToken);
        return new DeadlineList(count, [.. items.DistinctBy(i => i.ClaimId).Take(ListSize)]);
    }
}
