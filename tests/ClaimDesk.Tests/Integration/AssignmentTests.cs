using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>Auto-assignment: rules an administrator sets up hand new claims to a person or a team's members in turn.</summary>
public sealed class AssignmentTests
{
    private sealed record Created(long Id, string Number);

    private static async Task<HttpClient> AdministratorAsync(ClaimDeskFactory app)
    {
        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        return admin;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string formTestId, Dictionary<string, string> values)
    {
        var page = await client.GetPageAsync("/Admin/Assignment");
        return await client.PressAsync((IHtmlFormElement)page.QuerySelector($"[data-testid={formTestId}]")!, values,
            formTestId == "team-form" ? "Add team" : "Add rule");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_team_rule_hands_new_claims_to_its_members_in_turn_and_the_history_names_the_rule(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var ala = await StaffAccounts.CreateAsync(app.App, StaffRole.Operator, "Ala Operator");
        var bob = await StaffAccounts.CreateAsync(app.App, StaffRole.Operator, "Bob Operator");
        var vipDesk = await StaffAccounts.CreateAsync(app.App, StaffRole.Manager, "Vera VIP");
        var ids = await app.QueryAsync(db => db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id));
        var admin = await AdministratorAsync(app.App);

        // Two members ticked: the form posts the checkbox twice, as a browser does.
        var teamForm = (IHtmlFormElement)(await admin.GetPageAsync("/Admin/Assignment")).QuerySelector("[data-testid=team-form]")!;
        var token = ((IHtmlInputElement)teamForm.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        using (var both = await admin.PostAsync("/Admin/Assignment?handler=Team", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Team.Name", "Pralki AGD"), new("Team.Members", ids[ala]), new("Team.Members", ids[bob]),
        ])))
        {
            Assert.Equal(HttpStatusCode.Redirect, both.StatusCode);
        }

        var teamId = await app.QueryAsync(db => db.Teams.Where(t => t.Name == "Pralki AGD").Select(t => t.Id).SingleAsync());
        var vipId = ids[vipDesk];
        using (var rule = await PostAsync(admin, "rule-form", new() { ["Rule.Name"] = "VIP", ["Rule.Order"] = "1", ["Rule.CustomerTier"] = "vip", ["Rule.Target"] = $"user:{vipId}" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, rule.StatusCode);
        }

        using (var rule = await PostAsync(admin, "rule-form", new() { ["Rule.Name"] = "Jakość", ["Rule.Order"] = "10", ["Rule.Category"] = "quality", ["Rule.Target"] = $"team:{teamId}" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, rule.StatusCode);
        }

        var api = await app.App.CreateApiClientAsync(StaffRole.Operator);
        var assignees = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            using var created = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
            var claim = (await created.Content.ReadFromJsonAsync<Created>())!;
            assignees.Add(await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.AssigneeId).SingleAsync()));
        }

        Assert.Equal([ids[ala], ids[bob], ids[ala]], assignees);
        var history = await app.QueryAsync(db => db.AuditEvents.Where(a => a.Action == "auto_assigned").Select(a => a.NewValue).ToListAsync());
        Assert.Equal(["Jakość", "Jakość", "Jakość"], history);
        Assert.Equal(3, await app.QueryAsync(db => db.Teams.Where(t => t.Id == teamId).Select(t => t.Handed).SingleAsync()));

        // A transport claim matches no rule: it waits in the queue.
        var transport = ApiClients.NewClaim();
        transport["category"] = "transport";
        using (var created = await api.PostJsonAsync("/api/v1/claims", transport))
        {
            var claim = (await created.Content.ReadFromJsonAsync<Created>())!;
            Assert.Null(await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.AssigneeId).SingleAsync()));
        }

        // The assignee hears of it in the notification centre.
        Assert.Equal(2, await app.QueryAsync(db => db.Notifications.CountAsync(n => n.UserId == ids[ala] && n.Event == "claim.assigned")));
    }

    [Fact]
    public async Task A_rule_without_a_target_or_with_a_bad_order_comes_back_with_what_was_typed()
    {
        await using var app = await MailingApp.StartAsync(DatabaseProvider.Sqlite);
        var admin = await AdministratorAsync(app.App);

        using var refused = await PostAsync(admin, "rule-form", new() { ["Rule.Name"] = "Reklamacje żółte", ["Rule.Order"] = "pierwsza", ["Rule.ProductGroup"] = "pralki" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.NotNull(page.QuerySelector("[data-field='rule.order']"));
        Assert.NotNull(page.QuerySelector("[data-field='rule.target']"));
        Assert.Equal("Reklamacje żółte", page.QuerySelector("#Rule_Name")!.GetAttribute("value"));
        Assert.Equal("pierwsza", page.QuerySelector("#Rule_Order")!.GetAttribute("value"));
        Assert.Empty(await app.QueryAsync(db => db.AssignmentRules.ToListAsync()));

        var operatorClient = app.App.CreateBrowserLikeClient();
        (await operatorClient.SignInAsync(await StaffAccounts.CreateAsync(app.App, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        using var forbidden = await operatorClient.GetAsync("/Admin/Assignment");
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
    }
}
