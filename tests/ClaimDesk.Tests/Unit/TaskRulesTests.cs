using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Tasks;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Tests.Unit;

/// <summary>The rules of task templates (issue 13): what a template must say, when a task is due, who gets it and who may change it.</summary>
public sealed class TaskRulesTests
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    private static Workflow Sample(bool gate = true) => new(
        [
            new WorkflowStatus { Code = "new", IsInitial = true, StaffLabel = new("New", "", "") },
            new WorkflowStatus { Code = "in_diagnosis", StaffLabel = new("In diagnosis", "", "") },
            new WorkflowStatus { Code = "closed", Category = StatusCategory.Closed, StaffLabel = new("Closed", "", "") },
        ],
        [
            new WorkflowTransition { FromStatus = "new", ToStatus = "in_diagnosis", AllowedRoles = [StaffRole.Operator] },
            new WorkflowTransition { FromStatus = "in_diagnosis", ToStatus = "closed", AllowedRoles = [StaffRole.Operator], RequiresTasksDone = gate },
        ]);

    private static TaskTemplate Template(string status = "in_diagnosis", string? role = StaffRole.Technician, int? team = null, int due = 2,
        string title = "Diagnose the goods") =>
        new() { StatusCode = status, Title = new(title, "", ""), Role = role, TeamId = team, DueInWorkingDays = due };

    private static IReadOnlyList<string> Problems(Workflow workflow, params TaskTemplate[] templates) =>
        [.. TaskRules.Validate(workflow, templates, StaffRole.Staff, [7]).Select(p => string.Format(System.Globalization.CultureInfo.InvariantCulture, p.Message, p.Arguments))];

    [Fact]
    public void A_role_task_or_a_team_task_of_an_existing_status_with_a_gated_transition_from_it_is_valid()
    {
        Assert.Empty(Problems(Sample(), Template()));
        Assert.Empty(Problems(Sample(), Template(role: null, team: 7)));
    }

    [Fact]
    public void A_template_names_exactly_one_of_a_known_staff_role_and_an_existing_team()
    {
        Assert.Equal(["Task 'Diagnose the goods' is for a role or for a team: choose one of them."], Problems(Sample(), Template(role: StaffRole.Technician, team: 7)));
        Assert.Equal(["Task 'Diagnose the goods' is for a role or for a team: choose one of them."], Problems(Sample(), Template(role: null)));
        Assert.Equal(["Task 'Diagnose the goods' names an unknown role 'Partner'."], Problems(Sample(), Template(role: StaffRole.Partner)));
        Assert.Equal(["Task 'Diagnose the goods' names a team that does not exist."], Problems(Sample(), Template(role: null, team: 8)));
    }

    [Fact]
    public void A_template_needs_an_existing_status_an_English_title_and_a_due_time_of_0_to_365_working_days()
    {
        Assert.Contains("Task 'Diagnose the goods' belongs to a status that does not exist.", Problems(Sample(), Template(status: "gone")));
        Assert.Equal(["A task of status 'in_diagnosis' needs an English title."], Problems(Sample(), Template(title: "")));
        Assert.Equal(["Task 'Diagnose the goods': it is due in 0 to 365 working days."], Problems(Sample(), Template(due: 366)));
        Assert.Equal(["Task 'Diagnose the goods': it is due in 0 to 365 working days."], Problems(Sample(), Template(due: -1)));
        Assert.Empty(Problems(Sample(), Template(due: 0)));
    }

    [Fact]
    public void A_transition_requiring_the_tasks_done_must_leave_a_status_that_has_tasks()
    {
        Assert.Equal(["Transition in_diagnosis → closed requires the tasks of in_diagnosis done, but in_diagnosis has no tasks."], Problems(Sample()));
        Assert.Empty(Problems(Sample(gate: false)));
    }

    [Fact]
    public void A_task_is_due_at_the_end_of_the_working_day_N_working_days_later_skipping_weekends_and_holidays()
    {
        var calendar = HolidayCalendar.For(Jurisdiction.Pl);
        // Friday 24 April 2026, 15:00 in Warsaw: two working days later is Tuesday 28 April; 30 April + 1 skips 1 May (holiday) and the weekend.
        var friday = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 4, 24, 15, 0, 0), Warsaw);
        Assert.Equal(EndOfDay(new DateOnly(2026, 4, 28)), TaskRules.DueAt(friday, 2, calendar, Warsaw));
        var thursday = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 4, 30, 9, 0, 0), Warsaw);
        Assert.Equal(EndOfDay(new DateOnly(2026, 5, 4)), TaskRules.DueAt(thursday, 1, calendar, Warsaw));

        // 0 days: the end of that day, or of the next working day when entered on a Saturday.
        Assert.Equal(EndOfDay(new DateOnly(2026, 4, 24)), TaskRules.DueAt(friday, 0, calendar, Warsaw));
        var saturday = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 4, 25, 10, 0, 0), Warsaw);
        Assert.Equal(EndOfDay(new DateOnly(2026, 4, 27)), TaskRules.DueAt(saturday, 0, calendar, Warsaw));
    }

    [Fact]
    public void A_role_task_goes_to_the_claims_assignee_only_when_they_hold_the_role()
    {
        Assert.Equal("u1", TaskRules.RoleAssignee("u1", [StaffRole.Technician], StaffRole.Technician));
        Assert.Null(TaskRules.RoleAssignee("u1", [StaffRole.Operator], StaffRole.Technician));
        Assert.Null(TaskRules.RoleAssignee(null, [], StaffRole.Technician));
    }

    [Fact]
    public void The_assignee_the_roles_holders_the_teams_members_and_managers_may_change_a_task_and_nobody_else()
    {
        Actor Staff(string id, params string[] roles) => new(Actor.UserKind, id, id, roles);
        Assert.True(TaskRules.MayWorkOn("u1", StaffRole.Technician, null, Staff("u1", StaffRole.Operator), []));
        Assert.True(TaskRules.MayWorkOn(null, StaffRole.Technician, null, Staff("u2", StaffRole.Technician), []));
        Assert.True(TaskRules.MayWorkOn(null, null, 7, Staff("u3", StaffRole.Operator), [7]));
        Assert.True(TaskRules.MayWorkOn("u1", StaffRole.Technician, null, Staff("u4", StaffRole.Manager), []));
        Assert.False(TaskRules.MayWorkOn("u1", StaffRole.Technician, null, Staff("u5", StaffRole.Operator), []));
        Assert.False(TaskRules.MayWorkOn("u1", null, 7, Staff("u6", StaffRole.Operator), [8]));
    }

    [Fact]
    public void A_task_is_done_once_and_opened_again_once_each_change_in_the_claims_log()
    {
        var log = new ChangeLog();
        var task = ClaimTask.From(Template(), 42, "u1", new DateTime(2026, 4, 28, 21, 59, 59, DateTimeKind.Utc), DateTime.UtcNow, log);
        var actor = new Actor(Actor.UserKind, "u1", "Tomáš", [StaffRole.Technician]);

        Assert.True(task.MarkDone(actor, DateTime.UtcNow, log).Succeeded);
        Assert.Equal(Refusal.Conflict, task.MarkDone(actor, DateTime.UtcNow, log).Refusal);
        Assert.Equal(("u1", "Tomáš"), (task.DoneById, task.DoneByName));
        Assert.True(task.MarkUndone(log).Succeeded);
        Assert.Equal(Refusal.Conflict, task.MarkUndone(log).Refusal);
        Assert.Null(task.DoneAt);
        Assert.Equal([ClaimTask.CreatedAction, ClaimTask.DoneAction, ClaimTask.UndoneAction], log.Changes.Select(c => c.Action));
        Assert.All(log.Changes, c => Assert.Equal(("claim", "42"), (c.EntityType, c.EntityId)));
    }

    private static DateTime EndOfDay(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), Warsaw) - TimeSpan.FromMilliseconds(1);
}
