using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.Notifications;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// The claim's value in the rules (issue 13): an approval rule "value above 5,000 → acceptance needs a Manager" refuses
/// an Operator's acceptance on the card and in the API with a clear message and lets a Manager's through; a value
/// condition chooses an assignment rule, an SLA policy and a notification rule. Every rule is set on its admin page.
/// </summary>
public sealed class ValueRulesTests
{
    private const string BigClaimMessage = "Claims worth more than 5,000.00 PLN can be accepted only by: Manager (rule 'Big claims').";

    private sealed record Created(long Id, string Number);

    private static async Task<HttpClient> SignedInAsync(ClaimDeskFactory app, string email, string password)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.SignInAsync(email, password)).Dispose();
        return client;
    }

    private static Task<HttpClient> AdministratorAsync(ClaimDeskFactory app) =>
        SignedInAsync(app, ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword);

    private static async Task<HttpResponseMessage> PressAsync(HttpClient client, string page, string formTestId, Dictionary<string, string> values, string button)
    {
        var drawn = await client.GetPageAsync(page);
        return await client.PressAsync((IHtmlFormElement)drawn.QuerySelector($"[data-testid={formTestId}]")!, values, button);
    }

    /// <summary>A claim through the API of <paramref name="lines"/> washing machines at 1,499.99 each: four are worth 5,999.96.</summary>
    private static async Task<Created> CreateClaimAsync(HttpClient api, int lines)
    {
        using var created = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim(lines));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<Created>())!;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_approval_rule_refuses_an_operators_acceptance_of_a_claim_worth_more_on_the_card_and_in_the_API_and_lets_a_manager_accept_it(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var admin = await AdministratorAsync(app.App);
        using (var added = await PressAsync(admin, "/Admin/Approvals", "approval-rule-form",
            new() { ["Rule.Name"] = "Big claims", ["Rule.ValueAbove"] = "5000", ["Rule.Decision"] = "acceptance" }, "Add rule"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        Assert.Contains("value>5000.00; acceptance; roles=Manager", await app.QueryAsync(db => db.AuditEvents
            .Where(a => a.EntityType == "approval_rule" && a.Action == "created").Select(a => a.NewValue).SingleAsync()), StringComparison.Ordinal);
        var api = await app.App.CreateApiClientAsync(StaffRole.Operator);
        var big = await CreateClaimAsync(api, lines: 4);
        var small = await CreateClaimAsync(api, lines: 3);
        var operatorClient = await SignedInAsync(app.App, await StaffAccounts.CreateAsync(app.App, StaffRole.Operator), StaffAccounts.Password);

        // The card: the move is refused with the rule's message, and the comment typed comes back.
        using (var refused = await operatorClient.SubmitFormAsync($"/Claims/{big.Id}", new Dictionary<string, string> { ["comment"] = "Klient czeka na decyzję." },
            "#move-accepted form"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var page = await HtmlForms.ParseAsync(refused);
            Assert.Contains(BigClaimMessage, page.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("Klient czeka na decyzję.", page.QuerySelector("#move-accepted-comment")!.TextContent);
            Assert.Contains("Refused: status change", page.QuerySelector("[data-testid=history]")!.TextContent, StringComparison.Ordinal);
        }

        // Accepting one item on the card is an acceptance too.
        using (var refused = await operatorClient.SubmitFormAsync($"/Claims/{big.Id}", new Dictionary<string, string>(), "[data-testid=line-1] form"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains(BigClaimMessage, (await HtmlForms.ParseAsync(refused)).QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        }

        // The API: 403 problems with the message, for the move and for a line.
        using (var moved = await api.PostJsonAsync($"/api/v1/claims/{big.Number}/transitions", new { to = "accepted" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
            var problem = await moved.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(BigClaimMessage, problem.GetProperty("detail").GetString());
            Assert.Equal(["Manager"], problem.GetProperty("allowedRoles").EnumerateArray().Select(r => r.GetString()));
        }

        using (var decided = await api.PostJsonAsync($"/api/v1/claims/{big.Number}/lines/2/decision", new { decision = "accepted" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, decided.StatusCode);
            Assert.Equal(BigClaimMessage, (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }

        Assert.Equal(("new", "pending", "pending"), await app.QueryAsync(async db =>
        {
            var claim = await db.Claims.Include(c => c.Lines).SingleAsync(c => c.Id == big.Id);
            return (claim.Status, Core.Common.Codes.Of(claim.Lines[0].Decision), Core.Common.Codes.Of(claim.Lines[1].Decision));
        }));

        // A claim worth no more than the rule's amount the operator accepts; the big one a manager does.
        using (var accepted = await api.PostJsonAsync($"/api/v1/claims/{small.Number}/transitions", new { to = "accepted" }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var manager = await SignedInAsync(app.App, await StaffAccounts.CreateAsync(app.App, StaffRole.Manager), StaffAccounts.Password);
        using (var accepted = await manager.SubmitFormAsync($"/Claims/{big.Id}", new Dictionary<string, string>(), "#move-accepted form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        Assert.Equal("accepted", await app.QueryAsync(db => db.Claims.Where(c => c.Id == big.Id).Select(c => c.Status).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_approval_rule_in_Polish_names_the_amount_as_Poles_write_it_and_a_mistyped_amount_comes_back_as_typed(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var admin = await AdministratorAsync(app.App);
        using (var refused = await PressAsync(admin, "/Admin/Approvals", "approval-rule-form",
            new() { ["Rule.Name"] = "Duże reklamacje", ["Rule.ValueAbove"] = "pięć tysięcy" }, "Add rule"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await HtmlForms.ParseAsync(refused);
            Assert.NotNull(page.QuerySelector("[data-field='rule.valueAbove']"));
            Assert.Equal("pięć tysięcy", page.QuerySelector("#Rule_ValueAbove")!.GetAttribute("value"));
            Assert.Equal("Duże reklamacje", page.QuerySelector("#Rule_Name")!.GetAttribute("value"));
        }

        using (var added = await PressAsync(admin, "/Admin/Approvals", "approval-rule-form",
            new() { ["Rule.Name"] = "Duże reklamacje", ["Rule.ValueAbove"] = "5000" }, "Add rule"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var api = await app.App.CreateApiClientAsync(StaffRole.Operator);
        var big = await CreateClaimAsync(api, lines: 4);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        using var moved = await api.PostJsonAsync($"/api/v1/claims/{big.Id}/transitions", new { to = "accepted" });

        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        Assert.Equal("Reklamacje o wartości powyżej 5\u00a0000,00 PLN może uznać tylko: Manager (reguła „Duże reklamacje”).",
            (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_approval_rule_on_the_cost_total_refuses_an_operators_acceptance_once_the_costs_pass_its_amount(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var admin = await AdministratorAsync(app.App);
        using (var added = await PressAsync(admin, "/Admin/Approvals", "approval-rule-form",
            new() { ["Rule.Name"] = "Costly", ["Rule.CostTotalAbove"] = "500" }, "Add rule"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var api = await app.App.CreateApiClientAsync(StaffRole.Operator);
        var claim = await CreateClaimAsync(api, lines: 1);
        foreach (var amount in new[] { 300m, 250m })
        {
            using var cost = await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/costs",
                new { kind = "parts", description = "Łożysko bębna", amount, currency = "PLN", borneBy = "us" });
            Assert.True(cost.IsSuccessStatusCode, await cost.Content.ReadAsStringAsync());
        }

        using var moved = await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/transitions", new { to = "accepted" });

        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        Assert.Equal("Claims whose costs total more than 500.00 PLN can be accepted only by: Manager (rule 'Costly').",
            (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_value_condition_chooses_the_assignment_rule_the_SLA_policy_and_the_notification_rule_of_a_claim_worth_more(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var admin = await AdministratorAsync(app.App);
        var managerEmail = await StaffAccounts.CreateAsync(app.App, StaffRole.Manager, "Marta Manager");
        var technicianEmail = await StaffAccounts.CreateAsync(app.App, StaffRole.Technician, "Tomek Technik");
        var ids = await app.QueryAsync(db => db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id));

        using (var rule = await PressAsync(admin, "/Admin/Assignment", "rule-form",
            new() { ["Rule.Name"] = "Duże", ["Rule.Order"] = "1", ["Rule.ValueAbove"] = "5000", ["Rule.Target"] = $"user:{ids[managerEmail]}" }, "Add rule"))
        {
            Assert.Equal(HttpStatusCode.Redirect, rule.StatusCode);
        }

        using (var policy = await admin.SubmitFormAsync("/Admin/Sla/Edit", new Dictionary<string, string>
        {
            ["Form.Name"] = "Big claims", ["Form.Order"] = "5", ["Form.ValueAbove"] = "5000", ["Form.ResolutionAmount"] = "5",
            ["Form.ResolutionUnit"] = "working_days",
        }, "[data-testid=sla-form]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, policy.StatusCode);
        }

        using (var rule = await PressAsync(admin, "/Admin/Notifications", "rule-form", new()
        {
            ["Rule.Event"] = NotificationEvent.ClaimCreated, ["Rule.Recipient"] = NotificationRecipient.User, ["Rule.UserId"] = ids[technicianEmail],
            ["Rule.Channel"] = NotificationChannel.InApp, ["Rule.ValueAbove"] = "5000",
        }, "Add rule"))
        {
            Assert.Equal(HttpStatusCode.Redirect, rule.StatusCode);
        }

        var api = await app.App.CreateApiClientAsync(StaffRole.Operator);
        var big = await CreateClaimAsync(api, lines: 4);
        var small = await CreateClaimAsync(api, lines: 3);

        var assignees = await app.QueryAsync(db => db.Claims.Where(c => c.Id == big.Id || c.Id == small.Id).ToDictionaryAsync(c => c.Id, c => c.AssigneeId));
        Assert.Equal(ids[managerEmail], assignees[big.Id]);
        Assert.Null(assignees[small.Id]);

        var deadlines = await app.QueryAsync(db => db.ClaimDeadlines.Where(d => d.ClaimId == big.Id || d.ClaimId == small.Id)
            .Select(d => new { d.ClaimId, d.RuleId }).ToListAsync());
        Assert.Contains(deadlines, d => d.ClaimId == big.Id && d.RuleId == "sla:Big claims:resolution");
        Assert.Contains(deadlines, d => d.ClaimId == small.Id && d.RuleId == "sla:standard:resolution");
        Assert.DoesNotContain(deadlines, d => d.ClaimId == big.Id && d.RuleId == "sla:standard:resolution");

        var told = await app.QueryAsync(db => db.Notifications.Where(n => n.UserId == ids[technicianEmail] && n.Event == NotificationEvent.ClaimCreated)
            .Select(n => n.ClaimId).ToListAsync());
        Assert.Equal([big.Id], told);

        // The pages show the conditions with the currency.
        Assert.Contains("value above 5,000.00 PLN", (await admin.GetPageAsync("/Admin/Assignment")).QuerySelector("[data-rule='Duże']")!.TextContent,
            StringComparison.Ordinal);
        Assert.Contains("5,000.00 PLN", (await admin.GetPageAsync("/Admin/Sla")).QuerySelector("[data-policy='Big claims'] [data-testid=conditions]")!.TextContent,
            StringComparison.Ordinal);
        Assert.Contains("value above 5,000.00 PLN", (await admin.GetPageAsync("/Admin/Notifications"))
            .QuerySelector($"[data-testid=rules] tr[data-recipient=user]")!.TextContent, StringComparison.Ordinal);
    }
}
