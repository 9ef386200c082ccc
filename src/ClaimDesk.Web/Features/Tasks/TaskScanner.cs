using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Tasks;

/// <summary>The tasks settings (<c>ClaimDesk:Tasks</c>).</summary>
public sealed class TaskOptions
{
    public const string Section = "ClaimDesk:Tasks";

    /// <summary>How many hours after its due time a task still open is escalated to the managers.</summary>
    public int EscalateAfterHours { get; set; } = 24;
}

/// <summary>What one round of the task scanner did.</summary>
public sealed record TaskScan(int Overdue, int Escalations);

/// <summary>
/// Watches open tasks of open claims, on the deadline scanner's beat (<c>ClaimDesk:Deadlines:ScanSeconds</c>; 0 turns
/// it off). A round (1) tells the assignee of each task that became overdue, once — in the application and by e-mail,
/// in their language; an unassigned task tells everyone holding its role or in its team; (2) escalates each task still
/// open <see cref="TaskOptions.EscalateAfterHours"/> after its due time to the managers, once, the same two ways.
/// <para>
/// Safe with several nodes, as the deadline scanner: each alert is first claimed with a conditional update of its
/// marker (<c>SET overdue_notified_at = now WHERE id = … AND overdue_notified_at IS NULL AND done_at IS NULL</c>) and
/// only the node whose update took the row sends; what it sends is queued in the same transaction.
/// </para>
/// </summary>
public sealed partial class TaskScanner(
    IServiceScopeFactory scopes, OrganisationClock clock, IOptions<ClaimDeskOptions> options, IOptions<TaskOptions> taskOptions,
    ILogger<TaskScanner> logger) : BackgroundService
{
    public const int RoundLimit = 500;
    public const string OverdueEvent = "task.overdue";
    public const string EscalatedEvent = "task.escalated";

    private sealed record Candidate(long Id, long ClaimId, string Number, string TitleEn, string TitlePl, string TitleCs, DateTime DueAt,
        string? AssigneeId, string? Role, int? TeamId);

    private sealed record Recipient(string Id, string Name, string? Email, string Language, IReadOnlyList<string> Roles);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.Deadlines.ScanSeconds;
        if (seconds == 0)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(seconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stoppingToken);
                var scan = await ScanOnceAsync(stoppingToken);
                if (scan != new TaskScan(0, 0))
                {
                    LogRound(logger, scan.Overdue, scan.Escalations);
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

    /// <summary>Runs one round now. Tests call it directly.</summary>
    public async Task<TaskScan> ScanOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var localizers = scope.ServiceProvider.GetRequiredService<IStringLocalizerFactory>();
        var publicAddress = scope.ServiceProvider.GetRequiredService<PublicAddress>();
        var now = clock.UtcNow;

        var open = db.ClaimTasks.AsNoTracking().Where(t => t.DoneAt == null)
            .Join(db.Claims.Where(c => !c.IsDeleted && c.ClosedAt == null), t => t.ClaimId, c => c.Id, (t, c) => new { Task = t, c.Number });
        var overdue = await Candidates(open.Where(x => x.Task.OverdueNotifiedAt == null && x.Task.DueAt < now)
            .OrderBy(x => x.Task.DueAt).ThenBy(x => x.Task.Id).Take(RoundLimit)
            .Select(x => new Candidate(x.Task.Id, x.Task.ClaimId, x.Number, x.Task.Title.En, x.Task.Title.Pl, x.Task.Title.Cs, x.Task.DueAt,
                x.Task.AssigneeId, x.Task.Role, x.Task.TeamId)), cancellationToken);
        var escalateBefore = now.AddHours(-taskOptions.Value.EscalateAfterHours);
        var late = await Candidates(open.Where(x => x.Task.EscalatedAt == null && x.Task.DueAt < escalateBefore)
            .OrderBy(x => x.Task.DueAt).ThenBy(x => x.Task.Id).Take(RoundLimit)
            .Select(x => new Candidate(x.Task.Id, x.Task.ClaimId, x.Number, x.Task.Title.En, x.Task.Title.Pl, x.Task.Title.Cs, x.Task.DueAt,
                x.Task.AssigneeId, x.Task.Role, x.Task.TeamId)), cancellationToken);
        if (overdue.Count == 0 && late.Count == 0)
        {
            return new TaskScan(0, 0);
        }

        var staff = await StaffAsync(db, cancellationToken);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Members, cancellationToken);
        var baseUrl = publicAddress.BaseUrl();
        var notified = 0;
        foreach (var task in overdue)
        {
            var recipients = task.AssigneeId is { } assignee
                ? staff.Where(s => s.Id == assignee)
                : staff.Where(s => (task.Role is not null && s.Roles.Contains(task.Role))
                    || (task.TeamId is { } team && teams.TryGetValue(team, out var members) && members.Contains(s.Id)));
            if (await SendAsync(db, task, escalation: false, now, [.. recipients], outbox, localizers, baseUrl, cancellationToken))
            {
                notified++;
            }
        }

        var escalated = 0;
        foreach (var task in late)
        {
            var managers = staff.Where(s => s.Roles.Contains(StaffRole.Manager)).ToList();
            if (await SendAsync(db, task, escalation: true, now, managers, outbox, localizers, baseUrl, cancellationToken))
            {
                escalated++;
            }
        }

        return new TaskScan(notified, escalated);
    }

    private static Task<List<Candidate>> Candidates(IQueryable<Candidate> query, CancellationToken cancellationToken) => query.ToListAsync(cancellationToken);

    private async Task<bool> SendAsync(AppDbContext db, Candidate task, bool escalation, DateTime now, IReadOnlyList<Recipient> recipients,
        Outbox outbox, IStringLocalizerFactory localizers, string baseUrl, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mine = db.ClaimTasks.Where(t => t.Id == task.Id && t.DoneAt == null);
        var taken = escalation
            ? await mine.Where(t => t.EscalatedAt == null).ExecuteUpdateAsync(set => set.SetProperty(t => t.EscalatedAt, now), cancellationToken)
            : await mine.Where(t => t.OverdueNotifiedAt == null).ExecuteUpdateAsync(set => set.SetProperty(t => t.OverdueNotifiedAt, now), cancellationToken);
        if (taken == 0)
        {
            // Another node took it first, or the task was done since it was read.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var link = $"{baseUrl}/Claims/{task.ClaimId}";
        foreach (var recipient in recipients)
        {
            var title = new Core.Common.LocalizedText(task.TitleEn, task.TitlePl, task.TitleCs).In(recipient.Language);
            var (subject, body) = localizers.In(recipient.Language, (localizer, culture) =>
            {
                var due = clock.ToLocal(task.DueAt).ToString("d MMMM yyyy, HH:mm", culture);
                return escalation
                    ? (localizer["Task still not done on {0}: {1}", task.Number, title].Value,
                        localizer["The task “{0}” of claim {1} was due on {2} and is still not done.", title, task.Number, due].Value)
                    : (localizer["Task overdue on {0}: {1}", task.Number, title].Value,
                        localizer["Your task “{0}” of claim {1} was due on {2}.", title, task.Number, due].Value);
            });
            db.Notifications.Add(new Notifications.Notification
            {
                UserId = recipient.Id,
                ClaimId = task.ClaimId,
                Event = escalation ? EscalatedEvent : OverdueEvent,
                Title = Notifications.TemplateText.Shorten(subject, Notifications.Notification.MaxTitle),
                Body = Notifications.TemplateText.Shorten(body, Notifications.Notification.MaxBody),
                Link = Notifications.Notifier.ClaimPath(task.ClaimId),
                CreatedAt = now,
            });
            if (!string.IsNullOrWhiteSpace(recipient.Email) && System.Net.Mail.MailAddress.TryCreate(recipient.Email, out _))
            {
                outbox.Email(recipient.Email, subject, $"{body}\n\n{link}");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<List<Recipient>> StaffAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var staffRoles = StaffRole.Staff.ToList();
        return [.. (await (from user in db.Users.AsNoTracking()
                           where !user.IsDisabled
                           join userRole in db.UserRoles on user.Id equals userRole.UserId
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where staffRoles.Contains(role.Name!)
                           select new { user.Id, user.DisplayName, user.Email, user.Language, Role = role.Name! })
                .ToListAsync(cancellationToken))
            .GroupBy(u => u.Id)
            .Select(g => new Recipient(g.Key, g.First().DisplayName, g.First().Email, g.First().Language, [.. g.Select(u => u.Role)]))];
    }

    [LoggerMessage(EventId = 1650, Level = LogLevel.Information, Message = "Task scan: {Overdue} overdue tasks notified, {Escalations} escalated")]
    private static partial void LogRound(ILogger logger, int overdue, int escalations);

    [LoggerMessage(EventId = 1651, Level = LogLevel.Error, Message = "A task scan failed; the next round tries again")]
    private static partial void LogRoundFailed(ILogger logger, Exception failure);
}
