using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Tasks;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Tasks;

/// <summary>One task as the card, the "My tasks" page and the API show it.</summary>
public sealed record TaskView(
    long Id, long ClaimId, string ClaimNumber, LocalizedText Title, string StatusCode, string? AssigneeId, string? AssigneeName,
    string? Role, int? TeamId, string? TeamName, DateTime DueAt, DateTime? DoneAt, string? DoneByName, DateTime CreatedAt)
{
    public bool IsDone => DoneAt is not null;

    public bool IsOverdue(DateTime now) => DoneAt is null && DueAt < now;
}

/// <summary>A claim's tasks as its card shows them, with those the reader may mark done or open again.</summary>
public sealed record ClaimTaskList(long ClaimId, IReadOnlyList<TaskView> Tasks, IReadOnlySet<long> Workable, DateTime Now)
{
    public static ClaimTaskList Empty { get; } = new(0, [], new HashSet<long>(), DateTime.MinValue);
}

/// <summary>A page of tasks, open ones first.</summary>
public sealed record TaskPage(IReadOnlyList<TaskView> Items, int Page, int PageSize, int Total);

/// <summary>
/// Claims' tasks (issue 13, handling paths): the tasks of a claim, the tasks of a staff user (theirs, and the
/// unassigned ones of their roles and teams), and marking one done or not done, audited in the claim's history in the
/// same transaction. Who may work on a task is <see cref="TaskRules.MayWorkOn"/>.
/// </summary>
public sealed class ClaimTasks(AppDbContext db, AuditTrail audit, OrganisationClock clock)
{
    public const int MaxPageSize = 100;

    public async Task<IReadOnlyList<TaskView>> ForClaimAsync(long claimId, CancellationToken cancellationToken = default) =>
        await ViewsAsync(db.ClaimTasks.AsNoTracking().Where(t => t.ClaimId == claimId)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id), cancellationToken);

    /// <summary>The claim's tasks for its card, read by <paramref name="actor"/>.</summary>
    public async Task<ClaimTaskList> CardAsync(long claimId, Actor actor, CancellationToken cancellationToken = default)
    {
        var list = await ForClaimAsync(claimId, cancellationToken);
        return new ClaimTaskList(claimId, list, await WorkableAsync(list, actor, cancellationToken), clock.UtcNow);
    }

    /// <summary>
    /// The tasks of <paramref name="actor"/>: assigned to them, or unassigned and for one of their roles or teams; open
    /// ones first, each earliest due first. <paramref name="openOnly"/> leaves done ones out.
    /// </summary>
    public async Task<TaskPage> MineAsync(Actor actor, bool openOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var userId = actor.Kind == Actor.UserKind ? actor.Id : null;
        var teams = await TeamsOfAsync(userId, cancellationToken);
        var roles = actor.Roles.ToList();
        var query = Live().Where(t => (userId != null && t.AssigneeId == userId)
            || (t.AssigneeId == null && ((t.Role != null && roles.Contains(t.Role)) || (t.TeamId != null && teams.Contains(t.TeamId.Value)))));
        return await PageAsync(query, openOnly, page, pageSize, cancellationToken);
    }

    /// <summary>Tasks for the API: open (or all), optionally of one assignee (a user id or e-mail).</summary>
    public async Task<TaskPage?> ListAsync(string? assignee, bool openOnly, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = Live();
        if (!string.IsNullOrWhiteSpace(assignee))
        {
            var key = assignee.Trim();
            var normalized = key.ToUpperInvariant();
            var userId = await db.Users.Where(u => u.Id == key || u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            if (userId is null)
            {
                return null;
            }

            query = query.Where(t => t.AssigneeId == userId);
        }

        return await PageAsync(query, openOnly, page, pageSize, cancellationToken);
    }

    public async Task<TaskView?> GetAsync(long taskId, CancellationToken cancellationToken = default) =>
        (await ViewsAsync(Live().Where(t => t.Id == taskId), cancellationToken)).SingleOrDefault();

    /// <summary>Whether <paramref name="actor"/> may mark these tasks done or not done (by task id).</summary>
    public async Task<IReadOnlySet<long>> WorkableAsync(IEnumerable<TaskView> tasks, Actor actor, CancellationToken cancellationToken = default)
    {
        var teams = await TeamsOfAsync(actor.Kind == Actor.UserKind ? actor.Id : null, cancellationToken);
        return tasks.Where(t => TaskRules.MayWorkOn(t.AssigneeId, t.Role, t.TeamId, actor, teams)).Select(t => t.Id).ToHashSet();
    }

    /// <summary>Marks the task done (<paramref name="done"/>) or open again; audited in the claim's history.</summary>
    public async Task<ClaimOutcome> MarkAsync(long taskId, bool done, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var task = await db.ClaimTasks.Where(t => t.Id == taskId && db.Claims.Any(c => c.Id == t.ClaimId && !c.IsDeleted))
            .SingleOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return ClaimOutcome.Refuse(Refusal.NotFound, null, "There is no such task.");
        }

        var teams = await TeamsOfAsync(actor.Kind == Actor.UserKind ? actor.Id : null, cancellationToken);
        if (!TaskRules.MayWorkOn(task.AssigneeId, task.Role, task.TeamId, actor, teams))
        {
            return ClaimOutcome.Refuse(Refusal.Forbidden, "task", "Only the task's assignee, whoever holds its role or is in its team, or a manager may change it.");
        }

        var log = new ChangeLog();
        var outcome = done ? task.MarkDone(actor, clock.UtcNow, log) : task.MarkUndone(log);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        audit.Record(log, actor);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>The ids of the teams <paramref name="userId"/> is a member of.</summary>
    public async Task<List<int>> TeamsOfAsync(string? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return [];
        }

        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Members }).ToListAsync(cancellationToken);
        return [.. teams.Where(t => t.Members.Contains(userId)).Select(t => t.Id)];
    }

    private IQueryable<ClaimTask> Live() => db.ClaimTasks.AsNoTracking().Where(t => db.Claims.Any(c => c.Id == t.ClaimId && !c.IsDeleted));

    private async Task<TaskPage> PageAsync(IQueryable<ClaimTask> query, bool openOnly, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (openOnly)
        {
            query = query.Where(t => t.DoneAt == null);
        }

        var total = await query.CountAsync(cancellationToken);
        var ordered = query.OrderBy(t => t.DoneAt == null ? 0 : 1).ThenBy(t => t.DueAt).ThenBy(t => t.Id)
            .Skip((page - 1) * pageSize).Take(pageSize);
        return new TaskPage(await ViewsAsync(ordered, cancellationToken), page, pageSize, total);
    }

    private async Task<IReadOnlyList<TaskView>> ViewsAsync(IQueryable<ClaimTask> tasks, CancellationToken cancellationToken)
    {
        var rows = await tasks.Join(db.Claims, t => t.ClaimId, c => c.Id, (t, c) => new { Task = t, c.Number }).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var staff = await StaffDirectory.NamesAsync(db, cancellationToken);
        var teamIds = rows.Select(r => r.Task.TeamId).OfType<int>().Distinct().ToList();
        var teams = teamIds.Count == 0 ? [] : await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return [.. rows.Select(r => new TaskView(r.Task.Id, r.Task.ClaimId, r.Number, r.Task.Title, r.Task.StatusCode, r.Task.AssigneeId,
            r.Task.AssigneeId is { } id ? staff.GetValueOrDefault(id, id) : null, r.Task.Role, r.Task.TeamId,
            r.Task.TeamId is { } team ? teams.GetValueOrDefault(team) : null, r.Task.DueAt, r.Task.DoneAt, r.Task.DoneByName, r.Task.CreatedAt))];
    }
}

/// <summary>
/// A move that requires the tasks of the status it leaves done (<see cref="Core.Workflows.WorkflowTransition.RequiresTasksDone"/>)
/// is refused while some are open, naming them. Checked by <see cref="ClaimCommands"/> inside the move's transaction,
/// after the move's own role check would have let it through.
/// </summary>
public sealed class StageTasks(AppDbContext db)
{
    public ClaimOutcome? Check(Claim claim, string to, Actor actor)
    {
        var transition = claim.Register?.Workflow.Transition(claim.Status, to);
        if (transition is not { RequiresTasksDone: true } || !transition.AllowedRoles.Any(actor.Roles.Contains))
        {
            return null;
        }

        // The move's lambda is synchronous; the query runs in the move's transaction, so a task done meanwhile counts.
        var open = db.ClaimTasks.AsNoTracking().Where(t => t.ClaimId == claim.Id && t.StatusCode == claim.Status && t.DoneAt == null)
            .OrderBy(t => t.Id).Select(t => t.Title).ToList();
        if (open.Count == 0)
        {
            return null;
        }

        var titles = new LocalizedText(Join(open, Core.Localization.Language.English), Join(open, Core.Localization.Language.Polish),
            Join(open, Core.Localization.Language.Czech));
        return ClaimOutcome.Refuse(Refusal.Conflict, "to", "Finish the tasks of this stage before the move to {0}: {1}.", to, titles);
    }

    private static string Join(IEnumerable<LocalizedText> titles, string language) => string.Join(", ", titles.Select(t => $"“{t.In(language)}”"));
}

/// <summary>
/// Entering a status creates its tasks (<see cref="TaskTemplate"/>), in the change's transaction: when a claim becomes
/// staff's (in its initial status, or confirmed) and on every move. A team's task goes to its next member in turn (the
/// team's turn, as auto-assignment takes it); a role's task to the claim's assignee when they hold the role, else to
/// nobody (everyone holding the role sees it). Due at the end of the working day the template says, in the claim's
/// jurisdiction's calendar. Runs after auto-assignment and the deadlines, so the claim's assignee and jurisdiction are known.
/// </summary>
public sealed class TasksOnClaimEvents(AppDbContext db, OrganisationClock clock, IOptions<ClaimDeskOptions> options)
    : IHandleClaimEvents, IPrepareClaimEvents
{
    /// <summary>The templates of the registers read ahead (<see cref="PrepareAsync"/>), by register.</summary>
    private readonly Dictionary<int, List<TaskTemplate>> _prepared = [];

    public int Order => ClaimEventOrder.State;

    /// <summary>
    /// Reads the templates of the claims' registers before the change's transaction: a new claim's number counter is
    /// locked while the handlers run, so the read is not made under it.
    /// </summary>
    public async Task PrepareAsync(IReadOnlyList<RaisedEvent> events, ClaimChangeContext context, CancellationToken cancellationToken)
    {
        var registers = events.Select(e => e.Claim.RegisterId).Distinct().Where(r => !_prepared.ContainsKey(r)).ToList();
        if (registers.Count == 0)
        {
            return;
        }

        var templates = await db.TaskTemplates.AsNoTracking().Where(t => registers.Contains(t.RegisterId)).ToListAsync(cancellationToken);
        foreach (var register in registers)
        {
            _prepared[register] = [.. templates.Where(t => t.RegisterId == register)];
        }
    }

    public async Task HandleAsync(IReadOnlyList<RaisedEvent> events, ClaimChangeContext context, CancellationToken cancellationToken)
    {
        var entered = events
            .Select(e => e.Event switch
            {
                ClaimBecameVisible => (e.Claim, Status: e.Claim.Status),
                ClaimStatusChanged changed => (e.Claim, Status: changed.To),
                _ => (e.Claim, Status: (string?)null),
            })
            .Where(e => e.Status is not null)
            .Distinct()
            .ToList();
        if (entered.Count == 0)
        {
            return;
        }

        var registers = entered.Select(e => e.Claim.RegisterId).Distinct().ToList();
        var read = registers.All(_prepared.ContainsKey)
            ? registers.SelectMany(r => _prepared[r]).ToList()
            : await db.TaskTemplates.AsNoTracking().Where(t => registers.Contains(t.RegisterId)).ToListAsync(cancellationToken);
        var templates = read.ToLookup(t => (t.RegisterId, t.StatusCode));
        if (templates.Count == 0)
        {
            return;
        }

        Dictionary<string, string>? staff = null;
        foreach (var (claim, status) in entered)
        {
            foreach (var template in templates[(claim.RegisterId, status!)].OrderBy(t => t.SortOrder).ThenBy(t => t.Id))
            {
                staff ??= await StaffDirectory.NamesAsync(db, cancellationToken);
                var assignee = template.TeamId is { } teamId
                    ? await NextMemberAsync(teamId, staff, cancellationToken)
                    : await RoleAssigneeAsync(claim.AssigneeId, template.Role!, cancellationToken);
                var due = TaskRules.DueAt(context.Now, template.DueInWorkingDays, HolidayCalendar.For(JurisdictionOf(claim)), clock.Zone);
                db.ClaimTasks.Add(ClaimTask.From(template, claim.Id, assignee, due, context.Now, context.Log));
            }
        }
    }

    /// <summary>
    /// The team's next active member; taking the turn is one UPDATE, which on PostgreSQL locks the team's row until the
    /// change commits, so two claims at once never get the same turn (as <see cref="Assignment.AutoAssignment"/>).
    /// </summary>
    private async Task<string?> NextMemberAsync(int teamId, Dictionary<string, string> staff, CancellationToken cancellationToken)
    {
        await db.Teams.Where(t => t.Id == teamId).ExecuteUpdateAsync(t => t.SetProperty(x => x.Handed, x => x.Handed + 1), cancellationToken);
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        return team?.MemberFor(team.Handed - 1, staff.Keys.ToHashSet());
    }

    private async Task<string?> RoleAssigneeAsync(string? claimAssignee, string role, CancellationToken cancellationToken)
    {
        if (claimAssignee is null)
        {
            return null;
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == claimAssignee)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken);
        return TaskRules.RoleAssignee(claimAssignee, roles, role);
    }

    private Jurisdiction JurisdictionOf(Claim claim)
    {
        if (claim.Jurisdiction is { } fixedOne)
        {
            return fixedOne;
        }

        var organisation = options.Value.Organisation;
        var code = claim.Register?.Code is { } register && organisation.RegisterJurisdictions.TryGetValue(register, out var own)
            ? own : organisation.Jurisdiction;
        return Codes.TryParse<Jurisdiction>(code, out var jurisdiction) ? jurisdiction : Jurisdiction.Pl;
    }
}
