using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Deadlines;

/// <summary>What one round of the scanner did.</summary>
public sealed record DeadlineScan(int ClaimsRecomputed, int Reminders, int Escalations, int Alarms);

/// <summary>
/// Watches the stored deadlines (DESIGN §5, issue 6), every <c>ClaimDesk:Deadlines:ScanSeconds</c> on every node. A
/// round (1) recomputes the claims whose running clocks ran out, so they turn breached in the claim's history;
/// (2) reminds the assignee of each running deadline due within <c>ReminderHours</c>; (3) escalates each breach of an
/// open claim to the managers; (4) alarms the managers about each PL consumer complaint still without a response on
/// <c>AlarmDay</c> (PL-CONS-RESP: deemed accepted if missed).
/// <para>
/// Safe with several nodes: each alert is first claimed with a conditional update of its marker
/// (<c>SET reminded_at = now WHERE id = … AND reminded_at IS NULL</c>), and only the node whose update took the row
/// sends; what it sends is queued in the same transaction, so a marker without its alert, or an alert twice, cannot
/// happen. Recomputation locks the claims it recomputes (see <see cref="ClaimDeadlines"/>).
/// </para>
/// </summary>
public sealed partial class DeadlineScanner(
    IServiceScopeFactory scopes, OrganisationClock clock, IOptions<ClaimDeskOptions> options, ILogger<DeadlineScanner> logger)
    : BackgroundService
{
    /// <summary>How many claims or alerts a round takes at most of each kind; the next round takes the rest.</summary>
    public const int RoundLimit = 500;

    private enum Marker { Reminder, Escalation, Alarm }

    private sealed record Candidate(long DeadlineId, DeadlineAlert Alert);

    /// <summary>A deadline with its claim; member initialisation, so EF composes queries through it.</summary>
    private sealed class Row
    {
        public required StoredDeadline Deadline { get; init; }

        public required Claim Claim { get; init; }
    }

    private readonly DeadlineOptions _options = options.Value.Deadlines;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.ScanSeconds == 0)
        {
            LogOff(logger);
            return;
        }

        var interval = TimeSpan.FromSeconds(_options.ScanSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stoppingToken);
                var scan = await ScanOnceAsync(stoppingToken);
                if (scan != new DeadlineScan(0, 0, 0, 0))
                {
                    LogRound(logger, scan.ClaimsRecomputed, scan.Reminders, scan.Escalations, scan.Alarms);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database away or not migrated yet: the next round tries again; a BackgroundService that throws stops the host.
                LogRoundFailed(logger, e);
            }
        }
    }

    /// <summary>Runs one round now. Tests call it directly, on one node or on several at once.</summary>
    public async Task<DeadlineScan> ScanOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var deadlines = scope.ServiceProvider.GetRequiredService<ClaimDeadlines>();
        var alerts = scope.ServiceProvider.GetRequiredService<IDeadlineAlerts>();
        var now = clock.UtcNow;

        var recomputed = 0;
        var ranOut = await db.ClaimDeadlines.AsNoTracking()
            .Where(d => d.State == DeadlineState.Running && d.DueAt < now && db.Claims.Any(c => c.Id == d.ClaimId && !c.IsDeleted))
            .Select(d => d.ClaimId).Distinct().OrderBy(id => id).Take(RoundLimit)
            .ToListAsync(cancellationToken);
        foreach (var batch in ranOut.Chunk(ClaimDeadlines.BatchSize))
        {
            try
            {
                await deadlines.RecomputeClaimsAsync(batch, Actor.System, cancellationToken);
                recomputed += batch.Length;
            }
            catch (DbUpdateException e)
            {
                // Someone changed one of these claims meanwhile (and recomputed it); the next round looks again.
                LogRecomputeConflict(logger, e);
            }
        }

        var open = db.ClaimDeadlines.AsNoTracking()
            .Join(db.Claims.Where(c => !c.IsDeleted && c.ClosedAt == null), d => d.ClaimId, c => c.Id, (d, c) => new Row { Deadline = d, Claim = c });

        var lead = now.AddHours(_options.ReminderHours);
        var reminders = await AlertsAsync(open
            .Where(x => x.Deadline.State == DeadlineState.Running && x.Deadline.RemindedAt == null && x.Deadline.DueAt <= lead && x.Deadline.DueAt > now), cancellationToken);
        var reminded = await SendAsync(db, reminders, Marker.Reminder, now, alerts.ReminderAsync, cancellationToken);

        var escalations = await AlertsAsync(open
            .Where(x => x.Deadline.State == DeadlineState.Breached && x.Deadline.EscalatedAt == null), cancellationToken);
        var escalated = await SendAsync(db, escalations, Marker.Escalation, now, alerts.EscalationAsync, cancellationToken);

        var deemed = DeadlineQueries.DeemedAcceptanceRules.ToList();
        var cutoff = DeadlineQueries.AlarmCutoff(clock.Zone, DateOnly.FromDateTime(clock.ToLocal(now)), _options.AlarmDay);
        var alarms = await AlertsAsync(open
            .Where(x => deemed.Contains(x.Deadline.RuleId) && x.Deadline.State == DeadlineState.Running && x.Deadline.AlarmedAt == null
                && x.Claim.DecidedAt == null && x.Claim.ReceivedAt < cutoff), cancellationToken);
        var alarmed = await SendAsync(db, alarms, Marker.Alarm, now, alerts.DeemedAcceptanceAlarmAsync, cancellationToken);

        return new DeadlineScan(recomputed, reminded, escalated, alarmed);
    }

    private static Task<List<Candidate>> AlertsAsync(IQueryable<Row> rows, CancellationToken cancellationToken) =>
        rows.OrderBy(x => x.Deadline.DueAt).ThenBy(x => x.Deadline.Id).Take(RoundLimit)
            .Select(x => new Candidate(x.Deadline.Id, new DeadlineAlert(x.Claim.Id, x.Claim.Number, x.Deadline.RuleId, x.Deadline.Kind,
                x.Deadline.DueAt, x.Claim.ReceivedAt, x.Claim.AssigneeId)))
            .ToListAsync(cancellationToken);

    private static async Task<int> SendAsync(AppDbContext db, IReadOnlyList<Candidate> candidates, Marker marker,
        DateTime now, Func<DeadlineAlert, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var (id, alert) in candidates)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var mine = db.ClaimDeadlines.Where(d => d.Id == id);
            var taken = marker switch
            {
                Marker.Reminder => await mine.Where(d => d.RemindedAt == null && d.State == DeadlineState.Running)
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.RemindedAt, now), cancellationToken),
                Marker.Escalation => await mine.Where(d => d.EscalatedAt == null && d.State == DeadlineState.Breached)
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.EscalatedAt, now), cancellationToken),
                _ => await mine.Where(d => d.AlarmedAt == null && d.State == DeadlineState.Running)
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.AlarmedAt, now), cancellationToken),
            };
            if (taken == 0)
            {
                // Another node took it first, or the deadline changed since it was read.
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            await send(alert, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            sent++;
        }

        return sent;
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "The deadline scanner is off on this node (ClaimDesk:Deadlines:ScanSeconds = 0)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information,
        Message = "Deadline scan: {Recomputed} claims recomputed, {Reminders} reminders, {Escalations} escalations, {Alarms} alarms")]
    private static partial void LogRound(ILogger logger, int recomputed, int reminders, int escalations, int alarms);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Error, Message = "A deadline scan failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception failure);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Claims changed while their deadlines were recomputed; the next round looks again")]
    private static partial void LogRecomputeConflict(ILogger logger, Exception failure);
}
