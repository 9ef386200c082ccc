using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.Deadlines;
using ClaimDesk.Web.Features.Intake;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Features.Notifications;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Deadlines kept with each change and watched by the scanner (issue 6): reminders, escalations and the day-12 alarm
/// go out once, at the right time, by e-mail — also with two nodes on one PostgreSQL — and a customer made VIP gets
/// the VIP due times, recorded in the claims' history.
/// </summary>
public sealed class DeadlineTests
{
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reminder_goes_to_the_assignee_once_at_the_lead_time_and_an_escalation_to_the_managers_once_after_the_breach(DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var operatorEmail = await StaffAccounts.CreateAsync(node.Mail.App, StaffRole.Operator, "Olga Operator", "en");
        var managerEmail = await StaffAccounts.CreateAsync(node.Mail.App, StaffRole.Manager, "Marek Manager", "pl");
        var claim = await node.CreateBusinessClaimAsync(assigneeEmail: operatorEmail);

        // Standard SLA: resolved within 14 calendar days of the day received, due at the end of that day (Warsaw).
        var deadline = Assert.Single(await node.DeadlinesAsync(claim.Id));
        Assert.Equal(("sla:standard:resolution", DeadlineState.Running), (deadline.RuleId, deadline.State));
        Assert.Equal(EndOfDay(LocalDate(node.Now).AddDays(14)), deadline.DueAt);

        node.MoveTo(deadline.DueAt.AddHours(-24).AddMinutes(-1));
        Assert.Equal(0, (await node.ScanAsync()).Reminders);
        Assert.Empty(await node.NotificationsAsync(NotificationEvent.DeadlineApproaching));
        Assert.Empty(await node.Mail.MessagesAsync());

        // The reminder: in the assignee's notification centre (the seeded rule), once.
        node.MoveTo(deadline.DueAt.AddHours(-24).AddMinutes(1));
        Assert.Equal(1, (await node.ScanAsync()).Reminders);
        Assert.Equal(0, (await node.ScanAsync()).Reminders);
        var reminder = Assert.Single(await node.NotificationsAsync(NotificationEvent.DeadlineApproaching));
        Assert.Equal((operatorEmail, $"Deadline approaching on {claim.Number}"), (reminder.User, reminder.Title));
        Assert.Contains("sla:standard:resolution", reminder.Body, StringComparison.Ordinal);
        Assert.Empty(await node.Mail.MessagesAsync());

        // The escalation: the managers in the application and by e-mail (in their language), the assignee in the application.
        node.MoveTo(deadline.DueAt.AddMinutes(1));
        var breach = await node.ScanAsync();
        Assert.Equal((1, 1), (breach.ClaimsRecomputed, breach.Escalations));
        Assert.Equal(new DeadlineScan(0, 0, 0, 0), await node.ScanAsync());
        var escalations = await node.NotificationsAsync(NotificationEvent.DeadlineBreached);
        Assert.Equal([managerEmail, operatorEmail], escalations.Select(n => n.User).Order(StringComparer.Ordinal));
        Assert.Equal($"Przekroczony termin w reklamacji {claim.Number}", Assert.Single(escalations, n => n.User == managerEmail).Title);
        var escalation = Assert.Single(await node.Mail.MessagesAsync());
        Assert.Equal((managerEmail, $"Przekroczony termin w reklamacji {claim.Number}"), (escalation.To, escalation.Subject));
        Assert.Equal(DeadlineState.Breached, Assert.Single(await node.DeadlinesAsync(claim.Id)).State);

        // The breach is in the claim's history, once, by the system.
        var changes = await node.DeadlineHistoryAsync(claim.Id);
        Assert.Equal(2, changes.Count);
        Assert.EndsWith(" breached", changes[1].NewValue, StringComparison.Ordinal);
        Assert.Equal(Actor.SystemKind, changes[1].ActorType);

        // The e-mail goes out through the dispatcher, once.
        Assert.Equal(1, await node.Mail.Dispatcher.DispatchOnceAsync());
        Assert.Equal([$"Przekroczony termin w reklamacji {claim.Number}"], (await node.Mail.PickupFilesAsync()).Select(f => f.Subject));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_Polish_consumer_complaint_without_a_response_alarms_the_managers_once_on_day_12_and_shows_as_at_risk_until_the_deadline_passes_then_as_deemed_accepted(DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var managerEmail = await StaffAccounts.CreateAsync(node.Mail.App, StaffRole.Manager, "Marek Manager", "pl");
        var claim = await node.CreateClaimAsync(ApiClients.NewClaim());
        var received = LocalDate(node.Now);
        var response = Assert.Single(await node.DeadlinesAsync(claim.Id), d => d.RuleId == "PL-CONS-RESP-2023");
        Assert.Equal(EndOfDay(received.AddDays(14)), response.DueAt);

        node.MoveTo(StartOfDay(received.AddDays(12)).AddMinutes(-1));
        Assert.Equal(0, (await node.ScanAsync()).Alarms);
        Assert.Equal("0", (await node.DashboardAsync(managerEmail)).QuerySelector("[data-testid=deemed-risk-count]")!.TextContent.Trim());

        node.MoveTo(StartOfDay(received.AddDays(12)).AddMinutes(1));
        Assert.Equal(1, (await node.ScanAsync()).Alarms);
        Assert.Equal(0, (await node.ScanAsync()).Alarms);
        var alarm = Assert.Single(await node.Mail.MessagesAsync());
        Assert.Equal((managerEmail, $"Reklamacja {claim.Number} może zostać uznana z mocy prawa"), (alarm.To, alarm.Subject));
        var inApp = Assert.Single(await node.NotificationsAsync(NotificationEvent.DeemedAcceptanceRisk));
        Assert.Equal((managerEmail, alarm.Subject), (inApp.User, inApp.Title));

        var dashboard = await node.DashboardAsync(managerEmail);
        Assert.Equal("1", dashboard.QuerySelector("[data-testid=deemed-risk-count]")!.TextContent.Trim());
        var item = dashboard.QuerySelector($"[data-testid=deemed-risk] [data-claim='{claim.Number}'] a")!;
        Assert.Equal($"/Claims/{claim.Id}", item.GetAttribute("href"));
        Assert.Equal("0", dashboard.QuerySelector("[data-testid=deemed-accepted-count]")!.TextContent.Trim());

        // Day 15 without a response: the claim is deemed accepted; it leaves the risk list for the "deemed accepted" one.
        node.MoveTo(StartOfDay(received.AddDays(15)).AddMinutes(1));
        await node.ScanAsync();
        var late = await node.DashboardAsync(managerEmail);
        Assert.Equal("0", late.QuerySelector("[data-testid=deemed-risk-count]")!.TextContent.Trim());
        Assert.Equal("1", late.QuerySelector("[data-testid=deemed-accepted-count]")!.TextContent.Trim());
        Assert.NotNull(late.QuerySelector($"[data-testid=deemed-accepted] [data-claim='{claim.Number}'] a"));
        Assert.Equal("Ryzyko uznania z mocy prawa", late.QuerySelector("[data-testid=deemed-risk] h3")!.TextContent.Trim());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_pre_sale_claim_and_a_supplier_claim_carry_no_statutory_deadline_and_raise_no_deemed_acceptance_alarm(DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var managerEmail = await StaffAccounts.CreateAsync(node.Mail.App, StaffRole.Manager, "Marek Manager", "pl");
        var presale = await node.CreateClaimAsync(ApiClients.NewClaim(register: "presale"));
        var erp = await node.Mail.App.CreateApiClientAsync(scopes: [ApiKeyService.MasterDataRead, ApiKeyService.MasterDataWrite]);
        using (var put = await erp.PutAsJsonAsync("/api/v1/suppliers/S-AMICA", new { name = "Amica S.A.", country = "PL" }))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var supplierClaim = ApiClients.NewClaim(register: "supplier");
        supplierClaim["supplier"] = new Dictionary<string, object?> { ["code"] = "S-AMICA" };
        var supplier = await node.CreateClaimAsync(supplierClaim);
        var complaint = await node.CreateClaimAsync(ApiClients.NewClaim());
        var received = LocalDate(node.Now);

        foreach (var claim in new[] { presale, supplier })
        {
            Assert.DoesNotContain(await node.DeadlinesAsync(claim.Id), d => StatutoryRules.All.Any(r => r.Id == d.RuleId));
        }

        Assert.Contains(await node.DeadlinesAsync(complaint.Id), d => d.RuleId == "PL-CONS-RESP-2023");

        // Day 12 and day 15: only the customer complaint alarms and shows on the dashboard.
        node.MoveTo(StartOfDay(received.AddDays(12)).AddMinutes(1));
        Assert.Equal(1, (await node.ScanAsync()).Alarms);
        var alarm = Assert.Single(await node.NotificationsAsync(NotificationEvent.DeemedAcceptanceRisk));
        Assert.Contains(complaint.Number, alarm.Title, StringComparison.Ordinal);
        node.MoveTo(StartOfDay(received.AddDays(15)).AddMinutes(1));
        await node.ScanAsync();
        var dashboard = await node.DashboardAsync(managerEmail);
        Assert.Equal([complaint.Number], dashboard.QuerySelectorAll("[data-testid=deemed-accepted] [data-claim]").Select(e => e.GetAttribute("data-claim")));
        Assert.Single(await node.NotificationsAsync(NotificationEvent.DeemedAcceptanceRisk));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_schema_script_removes_statutory_deadlines_wrongly_given_to_pre_sale_claims_with_history_and_a_new_next_due_time(
        DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var presale = await node.CreateClaimAsync(ApiClients.NewClaim(register: "presale"));
        var complaint = await node.CreateClaimAsync(ApiClients.NewClaim());
        var sla = Assert.Single(await node.DeadlinesAsync(presale.Id));
        var wrongDue = new DateTime(node.Now.Ticks - (node.Now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddDays(3);

        // The data as the earlier version left it: PL-CONS-RESP on the pre-sale claim, due before its SLA deadline.
        await node.Mail.QueryAsync(async db =>
        {
            db.ClaimDeadlines.Add(new StoredDeadline
            {
                ClaimId = presale.Id, Kind = DeadlineKind.StatutoryResponse, RuleId = "PL-CONS-RESP-2023", DueAt = wrongDue, State = DeadlineState.Running,
            });
            await db.SaveChangesAsync();
            return await db.Claims.Where(c => c.Id == presale.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.NextDueAt, wrongDue));
        });
        var complaintBefore = await node.DeadlinesAsync(complaint.Id);

        var script = SchemaScript.For(provider).Single(s => s.Name.EndsWith("statutory_scope", StringComparison.Ordinal));
        await node.Mail.QueryAsync(db => db.Database.ExecuteSqlRawAsync(script.Sql));

        Assert.Equal([sla], await node.DeadlinesAsync(presale.Id));
        Assert.Equal(complaintBefore, await node.DeadlinesAsync(complaint.Id));
        var nextDue = await node.Mail.QueryAsync(db => db.Claims.Where(c => c.Id == presale.Id).Select(c => c.NextDueAt).SingleAsync());
        Assert.Equal(sla.DueAt, nextDue!.Value, TimeSpan.FromMilliseconds(1));
        var removal = (await node.DeadlineHistoryAsync(presale.Id))[^1];
        Assert.Equal((Actor.SystemKind, ClaimDeadlines.Describe("PL-CONS-RESP-2023", wrongDue, DeadlineState.Running), (string?)null),
            (removal.ActorType, removal.OldValue, removal.NewValue));
    }

    [PostgresFact]
    public async Task Two_nodes_scanning_at_once_on_one_PostgreSQL_send_each_reminder_and_escalation_once()
    {
        await using var first = await DeadlineApp.StartAsync(DatabaseProvider.Postgres);
        await using var second = await DeadlineApp.StartAsync(DatabaseProvider.Postgres, onDatabaseOf: first);
        var operatorEmail = await StaffAccounts.CreateAsync(first.Mail.App, StaffRole.Operator, "Olga Operator", "en");
        var managerEmail = await StaffAccounts.CreateAsync(first.Mail.App, StaffRole.Manager, "Marek Manager", "en");
        var claims = new List<(long Id, string Number)>();
        for (var i = 0; i < 8; i++)
        {
            claims.Add(await first.CreateBusinessClaimAsync(assigneeEmail: operatorEmail));
        }

        var due = (await first.DeadlinesAsync(claims[0].Id)).Single().DueAt;
        foreach (var node in (DeadlineApp[])[first, second])
        {
            node.MoveTo(due.AddHours(-1));
        }

        await Task.WhenAll(first.ScanAsync(), second.ScanAsync(), first.ScanAsync(), second.ScanAsync());
        var reminders = await first.NotificationsAsync(NotificationEvent.DeadlineApproaching);
        Assert.All(reminders, n => Assert.Equal(operatorEmail, n.User));
        Assert.Equal(claims.Select(c => $"Deadline approaching on {c.Number}").Order(), reminders.Select(n => n.Title).Order());

        foreach (var node in (DeadlineApp[])[first, second])
        {
            node.MoveTo(due.AddMinutes(1));
        }

        await Task.WhenAll(first.ScanAsync(), second.ScanAsync(), first.ScanAsync(), second.ScanAsync());
        var escalations = await first.Mail.MessagesAsync();
        Assert.All(escalations, m => Assert.Equal(managerEmail, m.To));
        Assert.Equal(claims.Select(c => $"Deadline breached on {c.Number}").Order(), escalations.Select(m => m.Subject).Order());
        var inApp = await first.NotificationsAsync(NotificationEvent.DeadlineBreached);
        Assert.Equal(2 * claims.Count, inApp.Count);
        Assert.Equal(claims.Count, inApp.Count(n => n.User == managerEmail));
        foreach (var (id, _) in claims)
        {
            var history = await first.DeadlineHistoryAsync(id);
            Assert.Single(history, h => h.NewValue!.EndsWith(" breached", StringComparison.Ordinal));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_customer_made_VIP_through_the_API_gets_the_VIP_due_times_on_its_open_claims_recorded_in_their_history(DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var erp = await node.Mail.App.CreateApiClientAsync(StaffRole.Operator, ApiKeyService.MasterDataRead, ApiKeyService.MasterDataWrite);
        var customer = new { name = "Hurtownia AGD Sp. z o.o.", type = "business", tier = "standard", taxId = "5260001246", country = "PL" };
        (await erp.PutAsJsonAsync("/api/v1/customers/K-100", customer)).EnsureSuccessStatusCode();
        var open = await node.CreateBusinessClaimAsync(customerCode: "K-100");
        var closed = await node.CreateBusinessClaimAsync(customerCode: "K-100");
        await node.CommandAsync(commands => commands.TransitionAsync(closed.Id, "cancelled", DeadlineApp.Cancel, DeadlineApp.Manager));
        var closedBefore = await node.DeadlinesAsync(closed.Id);
        Assert.Equal("sla:standard:resolution", Assert.Single(await node.DeadlinesAsync(open.Id)).RuleId);

        using (var vip = await erp.PutAsJsonAsync("/api/v1/customers/K-100", customer with { tier = "vip" }))
        {
            Assert.Equal(HttpStatusCode.OK, vip.StatusCode);
        }

        var received = LocalDate((await node.Mail.QueryAsync(db => db.Claims.SingleAsync(c => c.Id == open.Id))).ReceivedAt);
        var deadline = Assert.Single(await node.DeadlinesAsync(open.Id));
        Assert.Equal(("sla:VIP:resolution", DeadlineState.Running), (deadline.RuleId, deadline.State));
        Assert.Equal(EndOfDay(HolidayCalendar.For(Jurisdiction.Pl).AddWorkingDays(received, 3)), deadline.DueAt);
        Assert.Equal(deadline.DueAt, (await node.Mail.QueryAsync(db => db.Claims.SingleAsync(c => c.Id == open.Id))).NextDueAt);
        Assert.Equal(closedBefore, await node.DeadlinesAsync(closed.Id));

        // The history: the standard target went away, the VIP one came, both by the ERP's API key.
        var changes = (await node.DeadlineHistoryAsync(open.Id)).Skip(1).ToList();
        Assert.Equal(2, changes.Count);
        Assert.StartsWith("sla:VIP:resolution ", changes[0].NewValue, StringComparison.Ordinal);
        Assert.Null(changes[0].OldValue);
        Assert.StartsWith("sla:standard:resolution ", changes[1].OldValue, StringComparison.Ordinal);
        Assert.Null(changes[1].NewValue);
        Assert.All(changes, c => Assert.Equal(Actor.ApiKeyKind, c.ActorType));

        // The card shows the deadline and the change in words.
        var admin = node.Mail.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var card = await admin.GetPageAsync($"/Claims/{open.Id}");
        var row = card.QuerySelector("[data-testid=deadlines] tr[data-rule='sla:VIP:resolution']")!;
        Assert.Equal("running", row.GetAttribute("data-state"));
        Assert.Contains(DeadlineApp.Local(deadline.DueAt).ToString("g", CultureInfo.GetCultureInfo("en")), row.TextContent, StringComparison.Ordinal);
        Assert.Contains(card.QuerySelectorAll("[data-testid=history] td"), td => td.TextContent.StartsWith("Resolution (SLA), SLA policy “VIP”: ", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_claim_list_shows_the_next_due_time_and_sorts_by_it_earliest_first(DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var later = await node.CreateBusinessClaimAsync();
        node.MoveTo(node.Now.AddDays(-3));
        var earlier = await node.CreateBusinessClaimAsync();
        var noDeadline = await node.CreateBusinessClaimAsync();
        await node.CommandAsync(commands => commands.TransitionAsync(noDeadline.Id, "cancelled", DeadlineApp.Cancel, DeadlineApp.Manager));

        var admin = node.Mail.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var page = await admin.GetPageAsync("/Claims?sort=due&desc=false");
        var rows = page.QuerySelectorAll("[data-testid=claims] tbody tr").Select(r => r.QuerySelector("a")!.TextContent).ToList();
        Assert.Equal([earlier.Number, later.Number, noDeadline.Number], rows);
        var dueOfEarlier = (await node.DeadlinesAsync(earlier.Id)).Single().DueAt;
        Assert.Equal(DeadlineApp.Local(dueOfEarlier).ToString("g", CultureInfo.GetCultureInfo("en")),
            page.QuerySelectorAll("[data-testid=claims] tbody tr")[0].QuerySelector("[data-testid=due]")!.TextContent.Trim());
        Assert.Equal("—", page.QuerySelectorAll("[data-testid=claims] tbody tr")[2].QuerySelector("[data-testid=due]")!.TextContent.Trim());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_tracking_page_shows_the_date_the_law_gives_the_customer(DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var claim = await node.CreateClaimAsync(ApiClients.NewClaim());
        var due = (await node.DeadlinesAsync(claim.Id)).Single(d => d.RuleId == "PL-CONS-RESP-2023").DueAt;
        string link;
        await using (var scope = node.Mail.App.Services.CreateAsyncScope())
        {
            link = scope.ServiceProvider.GetRequiredService<TrackingLinks>().Issue(claim.Id, "http://localhost");
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        var client = node.Mail.App.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        var page = await client.GetPageAsync(new Uri(link).PathAndQuery);
        var dates = page.QuerySelector("[data-testid=dates]")!;
        Assert.Contains("Musimy odpowiedzieć do", dates.TextContent, StringComparison.Ordinal);
        Assert.Equal(DeadlineApp.Local(due).ToString("g", CultureInfo.GetCultureInfo("pl")),
            Assert.Single(dates.QuerySelectorAll("[data-testid=statutory-date]")).TextContent.Trim());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_administrator_changes_the_standard_policy_and_open_claims_follow_while_a_mistake_keeps_what_was_typed(DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var claim = await node.CreateBusinessClaimAsync();
        var admin = node.Mail.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var index = await admin.GetPageAsync("/Admin/Sla");
        Assert.Equal(["VIP", "standard"], index.QuerySelectorAll("[data-testid=sla-policies] tbody tr").Select(r => r.GetAttribute("data-policy")!));
        var edit = index.QuerySelector("tr[data-policy=standard] a")!.GetAttribute("href")!;

        using (var refused = await admin.SubmitFormAsync(edit, new Dictionary<string, string> { ["Form.ResolutionAmount"] = "dziesięć" }, "[data-testid=sla-form]"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await HtmlForms.ParseAsync(refused);
            Assert.Contains("Enter a whole number from 1 to 366.", page.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("dziesięć", page.QuerySelector("#Form_ResolutionAmount")!.GetAttribute("value"));
        }

        using (var saved = await admin.SubmitFormAsync(edit, new Dictionary<string, string>
        {
            ["Form.ResolutionAmount"] = "5", ["Form.ResolutionUnit"] = "working_days",
        }, "[data-testid=sla-form]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var received = LocalDate((await node.Mail.QueryAsync(db => db.Claims.SingleAsync(c => c.Id == claim.Id))).ReceivedAt);
        var deadline = Assert.Single(await node.DeadlinesAsync(claim.Id));
        Assert.Equal(EndOfDay(HolidayCalendar.For(Jurisdiction.Pl).AddWorkingDays(received, 5)), deadline.DueAt);
        Assert.Equal(2, (await node.DeadlineHistoryAsync(claim.Id)).Count);
        var policyHistory = await node.Mail.QueryAsync(db => db.AuditEvents.Where(a => a.EntityType == StoredSlaPolicy.EntityType).ToListAsync());
        Assert.Equal(("14 calendar_days", "5 working_days"), (Assert.Single(policyHistory).OldValue, policyHistory[0].NewValue));
    }

    private static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Warsaw));

    private static DateTime StartOfDay(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Warsaw);

    private static DateTime EndOfDay(DateOnly date) => StartOfDay(date.AddDays(1)) - TimeSpan.FromMilliseconds(1);
}

/// <summary>A node of the app with a settable clock, mail through the outbox, and its deadline scanner driven by the test.</summary>
internal sealed class DeadlineApp : IAsyncDisposable
{
    public static readonly Actor Manager = new(Actor.UserKind, null, "test manager", [StaffRole.Manager]);

    public static readonly TransitionInput Cancel = new(new Dictionary<string, string?> { ["reason"] = "Withdrawn by the customer." }, []);

    private HttpClient? _api;

    private DeadlineApp(MailingApp mail) => Mail = mail;

    public MailingApp Mail { get; }

    public DateTime Now => Mail.Clock.GetUtcNow().UtcDateTime;

    public static async Task<DeadlineApp> StartAsync(DatabaseProvider provider, DeadlineApp? onDatabaseOf = null) =>
        new(await MailingApp.StartAsync(provider, onDatabaseOf: onDatabaseOf?.Mail, settings: new Dictionary<string, string?>
        {
            ["ClaimDesk:Deadlines:ReminderHours"] = "24",
            ["ClaimDesk:Deadlines:AlarmDay"] = "12",
        }));

    public void MoveTo(DateTime utc) => Mail.Clock.Advance(utc - Now);

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"));

    /// <summary>The in-app notifications of an event, with the e-mail of the user each went to.</summary>
    public Task<List<(string User, string Title, string Body)>> NotificationsAsync(string ev) =>
        Mail.QueryAsync(async db => (await db.Notifications.AsNoTracking().Where(n => n.Event == ev).OrderBy(n => n.Id)
                .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => new { u.Email, n.Title, n.Body }).ToListAsync())
            .Select(n => (n.Email!, n.Title, n.Body)).ToList());

    public Task<DeadlineScan> ScanAsync() => Mail.App.Services.GetRequiredService<DeadlineScanner>().ScanOnceAsync();

    public async Task<(long Id, string Number)> CreateClaimAsync(Dictionary<string, object?> body)
    {
        _api ??= await Mail.App.CreateApiClientAsync();
        // What these tests follow is the mail of deadlines: the claim's acknowledgement stays out of their outbox.
        await Mail.AcknowledgeIntakeAsync(false);
        using var response = await _api.PostAsJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetInt64(), created.GetProperty("number").GetString()!);
    }

    /// <summary>A B2B claim (no statutory deadline, the SLA alone), given to the staff member with that e-mail.</summary>
    public async Task<(long Id, string Number)> CreateBusinessClaimAsync(string? assigneeEmail = null, string? customerCode = null)
    {
        var body = ApiClients.NewClaim();
        body["customerType"] = "business";
        body["legalBasis"] = "warranty_b2b";
        if (customerCode is not null)
        {
            body["customer"] = new Dictionary<string, object?> { ["code"] = customerCode, ["name"] = "Hurtownia AGD Sp. z o.o." };
        }

        var claim = await CreateClaimAsync(body);
        if (assigneeEmail is not null)
        {
            var id = await Mail.QueryAsync(db => db.Users.Where(u => u.Email == assigneeEmail).Select(u => u.Id).SingleAsync());
            await CommandAsync(commands => commands.AssignAsync(claim.Id, id, Manager));
        }

        return claim;
    }

    public async Task CommandAsync(Func<ClaimCommands, Task<ClaimOutcome>> command)
    {
        await using var scope = Mail.App.Services.CreateAsyncScope();
        var outcome = await command(scope.ServiceProvider.GetRequiredService<ClaimCommands>());
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    public Task<List<ClaimDeadline>> DeadlinesAsync(long claimId) =>
        Mail.QueryAsync(async db => (await db.ClaimDeadlines.AsNoTracking().Where(d => d.ClaimId == claimId).OrderBy(d => d.Id).ToListAsync())
            .Select(d => d.ToDeadline()).ToList());

    public Task<List<AuditEvent>> DeadlineHistoryAsync(long claimId)
    {
        var key = claimId.ToString(CultureInfo.InvariantCulture);
        return Mail.QueryAsync(db => db.AuditEvents.AsNoTracking()
            .Where(a => a.EntityType == Claim.EntityType && a.EntityId == key && a.Action == ClaimDeadlines.ChangedAction)
            .OrderBy(a => a.Id).ToListAsync());
    }

    public async Task<AngleSharp.Html.Dom.IHtmlDocument> DashboardAsync(string email)
    {
        var client = Mail.App.CreateBrowserLikeClient();
        (await client.SignInAsync(email, StaffAccounts.Password)).Dispose();
        return await client.GetPageAsync("/");
    }

    public async ValueTask DisposeAsync()
    {
        _api?.Dispose();
        await Mail.DisposeAsync();
    }
}
