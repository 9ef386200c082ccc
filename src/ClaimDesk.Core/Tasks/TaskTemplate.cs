using ClaimDesk.Core.Common;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Core.Tasks;

/// <summary>
/// A task a workflow status carries (a handling path's step): entering the status creates one task from it, for a
/// staff role or for a team, due in <see cref="DueInWorkingDays"/> working days of the organisation's calendar (at the
/// end of that day). Edited with the workflow in the register editor.
/// </summary>
public sealed class TaskTemplate
{
    public const int TitleLength = 200;
    public const int MaxDueInWorkingDays = 365;

    public int Id { get; set; }

    public int RegisterId { get; set; }

    /// <summary>The status whose tasks this is (its code in the register's workflow).</summary>
    public string StatusCode { get; set; } = "";

    public LocalizedText Title { get; set; } = new("", "", "");

    /// <summary>The staff role the task is for; null when it is for a team.</summary>
    public string? Role { get; set; }

    /// <summary>The team the task is for (its next member in turn takes it); null when it is for a role.</summary>
    public int? TeamId { get; set; }

    public int DueInWorkingDays { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>The rules of task templates and of the tasks a stage must have done.</summary>
public static class TaskRules
{
    /// <summary>
    /// What is wrong with the task templates of a workflow, as (field, message key, arguments); empty when they can be
    /// saved. A template belongs to a status of the workflow, has an English title, names exactly one of a staff role
    /// and a known team, and is due in 0 to 365 working days. A transition that requires its stage's tasks done
    /// starts in a status that has tasks.
    /// </summary>
    public static IReadOnlyList<WorkflowProblem> Validate(Workflow workflow, IReadOnlyCollection<TaskTemplate> templates,
        IReadOnlyCollection<string> staffRoles, IReadOnlyCollection<int> teamIds)
    {
        var problems = new List<WorkflowProblem>();
        foreach (var template in templates)
        {
            var name = template.Title.En.Length > 0 ? template.Title.En : template.StatusCode;
            if (workflow.Status(template.StatusCode) is null)
            {
                problems.Add(new("tasks", "Task '{0}' belongs to a status that does not exist.", name));
            }

            if (string.IsNullOrWhiteSpace(template.Title.En))
            {
                problems.Add(new("tasks", "A task of status '{0}' needs an English title.", template.StatusCode));
            }

            if (new[] { template.Title.En, template.Title.Pl, template.Title.Cs }.Any(t => t.Length > TaskTemplate.TitleLength))
            {
                problems.Add(new("tasks", "Task '{0}': a title has at most {1} characters.", name, TaskTemplate.TitleLength));
            }

            var hasRole = !string.IsNullOrEmpty(template.Role);
            if (hasRole == template.TeamId.HasValue)
            {
                problems.Add(new("tasks", "Task '{0}' is for a role or for a team: choose one of them.", name));
            }
            else if (hasRole && !staffRoles.Contains(template.Role!))
            {
                problems.Add(new("tasks", "Task '{0}' names an unknown role '{1}'.", name, template.Role!));
            }
            else if (template.TeamId is { } team && !teamIds.Contains(team))
            {
                problems.Add(new("tasks", "Task '{0}' names a team that does not exist.", name));
            }

            if (template.DueInWorkingDays is < 0 or > TaskTemplate.MaxDueInWorkingDays)
            {
                problems.Add(new("tasks", "Task '{0}': it is due in 0 to {1} working days.", name, TaskTemplate.MaxDueInWorkingDays));
            }
        }

        var withTasks = templates.Select(t => t.StatusCode).ToHashSet(StringComparer.Ordinal);
        foreach (var transition in workflow.Transitions.Where(t => t.RequiresTasksDone && !withTasks.Contains(t.FromStatus)))
        {
            problems.Add(new("transitions", "Transition {0} → {1} requires the tasks of {0} done, but {0} has no tasks.",
                transition.FromStatus, transition.ToStatus));
        }

        return problems;
    }

    /// <summary>
    /// When a task created at <paramref name="created"/> is due: the end of the day <paramref name="workingDays"/>
    /// working days later in the organisation's time zone and calendar (0: the end of that day, or of the next working
    /// day when it is not one).
    /// </summary>
    public static DateTime DueAt(DateTime created, int workingDays, Deadlines.HolidayCalendar calendar, TimeZoneInfo zone)
    {
        var time = new Deadlines.OrganisationTime(zone);
        var start = time.LocalDate(created);
        var due = workingDays == 0 ? calendar.NextWorkingDayOnOrAfter(start) : calendar.AddWorkingDays(start, workingDays);
        return time.EndOfDay(due);
    }

    /// <summary>
    /// Who a role's task goes to: the claim's assignee when they hold the role; else nobody, and everyone holding the
    /// role sees it among their open tasks.
    /// </summary>
    public static string? RoleAssignee(string? claimAssigneeId, IReadOnlyCollection<string> assigneeRoles, string role) =>
        claimAssigneeId is not null && assigneeRoles.Contains(role) ? claimAssigneeId : null;

    /// <summary>
    /// Whether <paramref name="actor"/> may mark the task done or not done: its assignee, whoever holds its role or is
    /// in its team, a manager or an administrator.
    /// </summary>
    public static bool MayWorkOn(string? assigneeId, string? role, int? teamId, Claims.Actor actor, IReadOnlyCollection<int> actorTeams) =>
        actor.Roles.Contains(Security.StaffRole.Administrator) || actor.Roles.Contains(Security.StaffRole.Manager)
        || (actor.Id is not null && actor.Id == assigneeId)
        || (role is not null && actor.Roles.Contains(role))
        || (teamId is { } team && actorTeams.Contains(team));
}
