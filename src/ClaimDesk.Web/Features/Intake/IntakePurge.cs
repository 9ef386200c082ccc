using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>What one purge round removed.</summary>
public sealed record PurgeResult(int Submissions, int Claims, int PendingUploads, int Files);

/// <summary>
/// Deletes what consumers sent but never confirmed (DOMAIN-RULES "Personal data": unconfirmed web submissions are
/// purged after the configured period): submissions older than <c>ClaimDesk:Intake:PurgeAfterDays</c> whose claims were
/// never activated, with their claims, items, files, links, history and customer record, and files sent with a form
/// that was never accepted after <c>PendingUploadHours</c>. A stored file goes only when nothing names it any more.
/// Each round is idempotent, so two nodes running it at once do no harm. What remains of a purge is one audit event
/// per submission, without personal data.
/// </summary>
public sealed partial class IntakePurge(
    IServiceScopeFactory scopes, IFileStore files, TimeProvider clock, IOptions<ClaimDeskOptions> options, ILogger<IntakePurge> logger)
    : BackgroundService
{
    public const string PurgedAction = "purged";
    private const int Batch = 200;

    private IntakeOptions Intake => options.Value.Intake;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Intake.PurgeIntervalMinutes);
        // The first round waits a little, so that starting up (and migrating) comes first.
        var wait = interval < TimeSpan.FromMinutes(1) ? interval : TimeSpan.FromMinutes(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
                var result = await RunOnceAsync(stoppingToken);
                if (result.Submissions + result.PendingUploads > 0)
                {
                    LogPurged(result.Submissions, result.Claims, result.PendingUploads, result.Files);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be away for a while: the next round tries again, the host keeps running.
                LogRoundFailed(e);
            }

            wait = interval;
        }
    }

    /// <summary>One purge round, at the current time.</summary>
    public async Task<PurgeResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = new HashSet<string>();
        int submissions = 0, claims = 0;
        while (true)
        {
            var (done, claimCount) = await PurgeSubmissionsAsync(db, now, now.AddDays(-Intake.PurgeAfterDays), candidates, cancellationToken);
            submissions += done;
            claims += claimCount;
            if (done < Batch)
            {
                break;
            }
        }

        var uploadsBefore = now.AddHours(-Intake.PendingUploadHours);
        var stale = await db.PendingUploads.AsNoTracking().Where(u => u.CreatedAt < uploadsBefore)
            .Select(u => u.Sha256).ToListAsync(cancellationToken);
        candidates.UnionWith(stale);
        var uploads = await db.PendingUploads.Where(u => u.CreatedAt < uploadsBefore).ExecuteDeleteAsync(cancellationToken);

        var removed = 0;
        foreach (var sha256 in candidates)
        {
            var named = await db.ClaimAttachments.AnyAsync(a => a.Sha256 == sha256, cancellationToken)
                || await db.PendingUploads.AnyAsync(u => u.Sha256 == sha256, cancellationToken);
            if (!named)
            {
                files.Delete(sha256);
                removed++;
            }
        }

        return new PurgeResult(submissions, claims, uploads, removed);
    }

    private static async Task<(int Submissions, int Claims)> PurgeSubmissionsAsync(
        AppDbContext db, DateTime now, DateTime before, HashSet<string> files, CancellationToken cancellationToken)
    {
        // Only submissions none of whose claims was ever confirmed: a confirmed claim is a complaint being handled.
        var due = await db.Submissions.AsNoTracking()
            .Where(s => s.CreatedAt < before
                && !db.SubmissionClaims.Any(l => l.SubmissionId == s.Id
                    && db.Claims.Any(c => c.Id == l.ClaimId
                        && !IntakeCommands.AwaitingConfirmation(db).Any(a => a.RegisterId == c.RegisterId && a.Code == c.Status))))
            .OrderBy(s => s.Id)
            .Select(s => s.Id)
            .Take(Batch)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return (0, 0);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimIds = await db.SubmissionClaims.Where(l => due.Contains(l.SubmissionId)).Select(l => l.ClaimId).ToListAsync(cancellationToken);
        var entityIds = claimIds.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        var customerIds = await db.Claims.Where(c => claimIds.Contains(c.Id) && c.CustomerId != null)
            .Select(c => c.CustomerId!.Value).Distinct().ToListAsync(cancellationToken);
        files.UnionWith(await db.ClaimAttachments.Where(a => claimIds.Contains(a.ClaimId)).Select(a => a.Sha256).ToListAsync(cancellationToken));

        await db.ClaimAttachments.Where(a => claimIds.Contains(a.ClaimId)).ExecuteDeleteAsync(cancellationToken);
        await db.ClaimMessages.Where(m => claimIds.Contains(m.ClaimId)).ExecuteDeleteAsync(cancellationToken);
        await db.AuditEvents.Where(a => (a.EntityType == Claim.EntityType || a.EntityType == Claim.LineEntityType)
            && entityIds.Contains(a.EntityId)).ExecuteDeleteAsync(cancellationToken);
        await db.ClaimLines.Where(l => claimIds.Contains(l.ClaimId)).ExecuteDeleteAsync(cancellationToken);
        await db.AccessTokens.Where(t => (t.ClaimId != null && claimIds.Contains(t.ClaimId.Value))
            || (t.SubmissionId != null && due.Contains(t.SubmissionId.Value))).ExecuteDeleteAsync(cancellationToken);
        await db.SubmissionClaims.Where(l => due.Contains(l.SubmissionId)).ExecuteDeleteAsync(cancellationToken);
        var claims = await db.Claims.Where(c => claimIds.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.Customers.Where(c => customerIds.Contains(c.Id) && !db.Claims.Any(x => x.CustomerId == c.Id))
            .ExecuteDeleteAsync(cancellationToken);
        await db.Submissions.Where(s => due.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);

        db.AuditEvents.AddRange(due.Select(id => new AuditEvent
        {
            At = now,
            ActorType = Actor.SystemKind,
            EntityType = "submission",
            EntityId = id.ToString(CultureInfo.InvariantCulture),
            Action = PurgedAction,
            Field = "claims",
            NewValue = claimIds.Count.ToString(CultureInfo.InvariantCulture),
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (due.Count, claims);
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information,
        Message = "Purged {Submissions} unconfirmed web submissions ({Claims} claims), {Uploads} unused uploads, {Files} stored files")]
    private partial void LogPurged(int submissions, int claims, int uploads, int files);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "A purge round failed; the next one tries again")]
    private partial void LogRoundFailed(Exception exception);
}
