using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Assignment;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Tasks;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Tasks;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Tasks per stage (issue 13): a status's task templates make tasks when a claim enters it, for a team's next member
/// or a role; an overdue task tells its assignee once and escalates to the managers once (fake clock); a move may wait
/// for the stage's tasks; the workflow editor saves the templates; the API and "My tasks" mark tasks done.
/// </summary>
public sealed class TaskTests
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    private static readonly LocalizedText Diagnose = new("Diagnose the goods", "Zdiagnozuj towar", "Diagnostikujte zboží");

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Entering_in_diagnosis_creates_the_task_for_the_Technician_teams_next_member_and_an_overdue_task_notifies_the_assignee_once_then_the_managers_once(
        DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var tomas = await StaffAccounts.CreateAsync(node.Mail.App, StaffRole.Technician, "Tomáš Technik", "cs");
        var tereza = await StaffAccounts.CreateAsync(node.Mail.App, StaffRole.Technician, "Tereza Technička", "en");
        var manager = await StaffAccounts.CreateAsync(node.Mail.App, StaffRole.Manager, "Marek Manager", "pl");
        var ids = await node.Mail.QueryAsync(db => db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id));
        var teamId = await TeamAsync(node, "Technicians", ids[tomas], ids[tereza]);
        await TemplateAsync(node, "in_diagnosis", t => t.TeamId = teamId);

        var claim = await node.CreateBusinessClaimAsync();
        Assert.Empty(await TasksAsync(node, claim.Id));
        await node.CommandAsync(commands => commands.TransitionAsync(claim.Id, "in_diagnosis", Core.Claims.TransitionInput.Empty, DeadlineApp.Manager));

        // The team's turn goes to its first member; due at the end of the second working day (Polish calendar, Warsaw).
        var task = Assert.Single(await TasksAsync(node, claim.Id));
        Assert.Equal((ids[tomas], teamId, "in_diagnosis", Diagnose), (task.AssigneeId, task.TeamId, task.StatusCode, task.Title));
        var entered = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(node.Now, Warsaw));
        Assert.Equal(EndOfDay(HolidayCalendar.For(Jurisdiction.Pl).AddWorkingDays(entered, 2)), task.DueAt);
        Assert.Equal(1, await node.Mail.QueryAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Handed).SingleAsync()));
        Assert.Contains(await HistoryAsync(node, claim.Id), a => a.Action == ClaimTask.CreatedAction && a.NewValue == Diagnose.En);

        // Not yet due: nobody hears of it.
        node.MoveTo(task.DueAt.AddMinutes(-1));
        Assert.Equal(new TaskScan(0, 0), await ScanAsync(node));

        // Overdue: the assignee, in Czech, in the application and by e-mail — once across two scans.
        node.MoveTo(task.DueAt.AddMinutes(1));
        Assert.Equal(new TaskScan(1, 0), await ScanAsync(node));
        Assert.Equal(new TaskScan(0, 0), await ScanAsync(node));
        var overdue = Assert.Single(await node.NotificationsAsync(TaskScanner.OverdueEvent));
        Assert.Equal((tomas, $"Úkol po termínu u reklamace {claim.Number}: Diagnostikujte zboží"), (overdue.User, overdue.Title));
        var mail = Assert.Single(await node.Mail.MessagesAsync(), m => m.To == tomas);
        Assert.Equal(overdue.Title, mail.Subject);
        Assert.Empty(await node.NotificationsAsync(TaskScanner.EscalatedEvent));

        // Still open a day later: the managers, in their language, once.
        node.MoveTo(task.DueAt.AddHours(25));
        Assert.Equal(new TaskScan(0, 1), await ScanAsync(node));
        Assert.Equal(new TaskScan(0, 0), await ScanAsync(node));
        var escalation = Assert.Single(await node.NotificationsAsync(TaskScanner.EscalatedEvent));
        Assert.Equal((manager, $"Zadanie w reklamacji {claim.Number} wciąż niewykonane: Zdiagnozuj towar"), (escalation.User, escalation.Title));
        Assert.Single(await node.Mail.MessagesAsync(), m => m.To == manager);
        Assert.Single(await node.NotificationsAsync(TaskScanner.OverdueEvent));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_move_requiring_the_stages_tasks_done_is_refused_naming_them_until_the_assignee_marks_them_done_on_My_tasks(DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var tech = await StaffAccounts.CreateAsync(node.Mail.App, StaffRole.Technician, "Tomáš Technik", "en");
        await TemplateAsync(node, "in_diagnosis", t => t.Role = StaffRole.Technician);
        await node.Mail.QueryAsync(async db =>
        {
            var register = await db.Registers.SingleAsync(r => r.Code == "complaints");
            return await db.WorkflowTransitions.Where(t => t.RegisterId == register.Id && t.FromStatus == "in_diagnosis" && t.ToStatus == "accepted")
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.RequiresTasksDone, true));
        });
        var claim = await node.CreateBusinessClaimAsync(assigneeEmail: tech);
        await node.CommandAsync(commands => commands.TransitionAsync(claim.Id, "in_diagnosis", Core.Claims.TransitionInput.Empty, DeadlineApp.Manager));
        var techId = await node.Mail.QueryAsync(db => db.Users.Where(u => u.Email == tech).Select(u => u.Id).SingleAsync());
        var task = Assert.Single(await TasksAsync(node, claim.Id));
        Assert.Equal((techId, StaffRole.Technician, (int?)null), (task.AssigneeId, task.Role, task.TeamId));

        // The move is refused, naming the open task; the claim stays where it was.
        var managerApi = await node.Mail.App.CreateApiClientAsync(StaffRole.Manager);
        using (var refused = await managerApi.PostJsonAsync($"/api/v1/claims/{claim.Id}/transitions", new { to = "accepted" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Finish the tasks of this stage before the move to accepted: “Diagnose the goods”.", problem.GetProperty("detail").GetString());
        }

        Assert.Equal("in_diagnosis", await node.Mail.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.Status).SingleAsync()));

        // The technician sees it on "My tasks" and on the card, and marks it done on "My tasks".
        var browser = node.Mail.App.CreateBrowserLikeClient();
        (await browser.SignInAsync(tech, StaffAccounts.Password)).Dispose();
        var mine = await browser.GetPageAsync("/Tasks");
        var row = mine.QuerySelector($"[data-testid=my-tasks] tr[data-task-id='{task.Id}']")!;
        Assert.Equal(("Diagnose the goods", "false"), (row.QuerySelector("[data-testid=task-title]")!.TextContent.Trim(), row.GetAttribute("data-done")));
        var card = await browser.GetPageAsync($"/Claims/{claim.Id}");
        Assert.NotNull(card.QuerySelector($"[data-testid=claim-tasks] tr[data-task-id='{task.Id}'] [data-testid=task-done]"));
        using (var done = await browser.PressAsync((IHtmlFormElement)row.QuerySelector("form")!, new Dictionary<string, string>(), "Mark done"))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        var doneTask = Assert.Single(await TasksAsync(node, claim.Id));
        Assert.NotNull(doneTask.DoneAt);
        Assert.Equal(techId, doneTask.DoneById);
        Assert.Contains(await HistoryAsync(node, claim.Id), a => a.Action == ClaimTask.DoneAction && a.ActorId == techId);

        using (var moved = await managerApi.PostJsonAsync($"/api/v1/claims/{claim.Id}/transitions", new { to = "accepted" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_API_lists_a_claims_tasks_and_open_tasks_and_marks_a_task_done_and_undone_for_a_role_allowed_to(DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var tech = await StaffAccounts.CreateAsync(node.Mail.App, StaffRole.Technician, "Tomáš Technik", "en");
        await TemplateAsync(node, "in_diagnosis", t => t.Role = StaffRole.Technician);
        var claim = await node.CreateBusinessClaimAsync(assigneeEmail: tech);
        await node.CommandAsync(commands => commands.TransitionAsync(claim.Id, "in_diagnosis", Core.Claims.TransitionInput.Empty, DeadlineApp.Manager));
        var operatorApi = await node.Mail.App.CreateApiClientAsync(StaffRole.Operator);
        var managerApi = await node.Mail.App.CreateApiClientAsync(StaffRole.Manager);

        var list = await operatorApi.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claim.Number}/tasks");
        var task = Assert.Single(list.EnumerateArray());
        var id = task.GetProperty("id").GetInt64();
        Assert.Equal(("Diagnose the goods", "Zdiagnozuj towar", false, "in_diagnosis"),
            (task.GetProperty("title").GetProperty("en").GetString(), task.GetProperty("title").GetProperty("pl").GetString(),
                task.GetProperty("done").GetBoolean(), task.GetProperty("status").GetString()));
        var open = await operatorApi.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?assignee={Uri.EscapeDataString(tech)}");
        Assert.Equal([id], open.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));

        // An Operator key holds neither the task's role nor a manager's: refused. A Manager key may.
        using (var forbidden = await operatorApi.PostAsync($"/api/v1/tasks/{id}/done", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using (var done = await managerApi.PostAsync($"/api/v1/tasks/{id}/done", null))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            Assert.True((await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("done").GetBoolean());
        }

        using (var twice = await managerApi.PostAsync($"/api/v1/tasks/{id}/done", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        Assert.Equal(0, (await operatorApi.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await operatorApi.GetFromJsonAsync<JsonElement>("/api/v1/tasks?state=all")).GetProperty("total").GetInt32());
        using (var undone = await managerApi.PostAsync($"/api/v1/tasks/{id}/undone", null))
        {
            Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
            Assert.False((await undone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("done").GetBoolean());
        }

        using (var missing = await managerApi.PostAsync("/api/v1/tasks/999999/done", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var history = await HistoryAsync(node, claim.Id);
        Assert.Equal([ClaimTask.CreatedAction, ClaimTask.DoneAction, ClaimTask.UndoneAction],
            history.Where(a => a.Action.StartsWith("task_", StringComparison.Ordinal)).Select(a => a.Action));

        var openApi = await node.Mail.App.CreateClient().GetStringAsync("/api/docs/v1.json");
        foreach (var path in (string[])["/api/v1/claims/{idOrNumber}/tasks", "/api/v1/tasks", "/api/v1/tasks/{id}/done", "/api/v1/tasks/{id}/undone"])
        {
            Assert.Contains($"\"{path}\"", openApi, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_workflow_editor_saves_a_status_task_and_a_transition_requiring_it_audited_and_a_mistake_keeps_what_was_typed(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var teamId = await app.QueryAsync(async db =>
        {
            var team = new Team { Name = "Technicians", UpdatedAt = DateTime.UtcNow };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return team.Id;
        });
        var admin = app.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        const string url = "/Admin/Registers/Edit/complaints";
        var page = await admin.GetPageAsync(url);
        var form = (IHtmlFormElement)page.QuerySelector("form[data-testid=register-form]")!;
        using var added = await admin.PressAsync(form, new Dictionary<string, string>(), "Add task");
        page = await HtmlForms.ParseAsync(added);
        Assert.NotNull(page.QuerySelector("#k0-title-en[autofocus]"));
        var transition = page.QuerySelector("[data-testid=transitions] tr[data-transition='in_diagnosis→accepted'] [data-testid=requires-tasks-done]")!;
        var typed = new Dictionary<string, string>
        {
            ["Form.Tasks[0].Status"] = "in_diagnosis",
            ["Form.Tasks[0].TitleEn"] = Diagnose.En,
            ["Form.Tasks[0].TitlePl"] = Diagnose.Pl,
            ["Form.Tasks[0].TitleCs"] = Diagnose.Cs,
            ["Form.Tasks[0].For"] = $"team:{teamId}",
            ["Form.Tasks[0].DueInWorkingDays"] = "dva",
            [transition.GetAttribute("name")!] = "true",
        };

        // A due time that is not a number: refused, everything typed shown again.
        form = (IHtmlFormElement)page.QuerySelector("form[data-testid=register-form]")!;
        using (var refused = await admin.PressAsync(form, typed, "Save"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            page = await HtmlForms.ParseAsync(refused);
            Assert.Contains("Task 'Diagnose the goods': the due time is a whole number of working days.", page.QuerySelector("[data-testid=errors]")!.TextContent,
                StringComparison.Ordinal);
            Assert.Equal("dva", page.QuerySelector("#k0-due")!.GetAttribute("value"));
            Assert.Equal("Diagnostikujte zboží", page.QuerySelector("#k0-title-cs")!.GetAttribute("value"));
            Assert.Empty(await app.QueryAsync(db => db.TaskTemplates.ToListAsync()));
        }

        typed["Form.Tasks[0].DueInWorkingDays"] = "2";
        form = (IHtmlFormElement)page.QuerySelector("form[data-testid=register-form]")!;
        using (var saved = await admin.PressAsync(form, typed, "Save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var template = Assert.Single(await app.QueryAsync(db => db.TaskTemplates.ToListAsync()));
        Assert.Equal(("in_diagnosis", Diagnose, (int?)teamId, (string?)null, 2), (template.StatusCode, template.Title, template.TeamId, template.Role, template.DueInWorkingDays));
        Assert.True(await app.QueryAsync(db => db.WorkflowTransitions.Where(t => t.FromStatus == "in_diagnosis" && t.ToStatus == "accepted")
            .Join(db.Registers.Where(r => r.Code == "complaints"), t => t.RegisterId, r => r.Id, (t, _) => t.RequiresTasksDone).SingleAsync()));
        var audit = await app.QueryAsync(db => db.AuditEvents.Where(a => a.EntityType == "register").ToListAsync());
        Assert.Contains(audit, a => a.Action == "task_added" && a.Field == "task in_diagnosis Diagnose the goods");
        Assert.Contains(audit, a => a.Action == "transition_changed" && a.NewValue!.EndsWith("; tasks done", StringComparison.Ordinal));

        // Drawn again, the form shows the task as saved.
        page = await admin.GetPageAsync(url);
        Assert.Equal("Zdiagnozuj towar", page.QuerySelector("#k0-title-pl")!.GetAttribute("value"));
        Assert.Equal($"team:{teamId}", ((IHtmlSelectElement)page.QuerySelector("#k0-for")!).Value);
    }

    private static async Task<int> TeamAsync(DeadlineApp node, string name, params string[] members) =>
        await node.Mail.QueryAsync(async db =>
        {
            var team = new Team { Name = name, Members = [.. members], UpdatedAt = DateTime.UtcNow };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return team.Id;
        });

    private static Task<int> TemplateAsync(DeadlineApp node, string status, Action<TaskTemplate> target) =>
        node.Mail.QueryAsync(async db =>
        {
            var register = await db.Registers.SingleAsync(r => r.Code == "complaints");
            var template = new TaskTemplate { RegisterId = register.Id, StatusCode = status, Title = Diagnose, DueInWorkingDays = 2 };
            target(template);
            db.TaskTemplates.Add(template);
            await db.SaveChangesAsync();
            return template.Id;
        });

    private static Task<List<ClaimTask>> TasksAsync(DeadlineApp node, long claimId) =>
        node.Mail.QueryAsync(db => db.ClaimTasks.AsNoTracking().Where(t => t.ClaimId == claimId).OrderBy(t => t.Id).ToListAsync());

    private static Task<List<AuditEvent>> HistoryAsync(DeadlineApp node, long claimId)
    {
        var key = claimId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return node.Mail.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.EntityType == "claim" && a.EntityId == key).OrderBy(a => a.Id).ToListAsync());
    }

    private static Task<TaskScan> ScanAsync(DeadlineApp node) => node.Mail.App.Services.GetRequiredService<TaskScanner>().ScanOnceAsync();

    private static DateTime EndOfDay(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Warsaw) - TimeSpan.FromMilliseconds(1);
}
