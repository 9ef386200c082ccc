using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// What the program relies on a status for is its role, category and decision, chosen in the workflow editor, never
/// its code: an administrator may call every status what they like.
/// </summary>
public sealed partial class StatusRoleTests
{
    private static readonly string[] WebForm =
    [
        "Form.ContactName=Zofia Wiśniewska", "Form.ContactEmail=zofia@example.pl", "Form.Language=pl", "Form.PurchaseDate=2026-03-01",
        "Form.Items[0].ProductName=Pralka Amica PA-612", "Form.Items[0].FaultDescription=Nie wiruje.", "Form.PrivacyAccepted=true",
    ];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Renaming_every_status_of_the_complaints_workflow_in_the_editor_keeps_a_claim_s_way_from_the_web_form_to_closed(
        DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var admin = app.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();

        // Every code gets a new name, as an administrator types it into the editor; roles and all else stay.
        var editor = await admin.GetPageAsync("/Admin/Registers/Edit/complaints");
        var renames = editor.QuerySelectorAll("input[name^='Form.Statuses['][name$='].Code']")
            .ToDictionary(input => input.GetAttribute("name")!, input => "rk_" + input.GetAttribute("value"));
        Assert.Equal(13, renames.Count);
        using (var saved = await admin.SubmitFormAsync("/Admin/Registers/Edit/complaints", renames, "form[data-testid=register-form]"))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        }

        var statuses = await app.QueryAsync(db => db.WorkflowStatuses.AsNoTracking()
            .Where(s => db.Registers.Any(r => r.Id == s.RegisterId && r.Code == "complaints")).ToListAsync());
        Assert.All(statuses, s => Assert.StartsWith("rk_", s.Code, StringComparison.Ordinal));
        Assert.Equal("rk_unconfirmed", Assert.Single(statuses, s => s.Role == StatusRole.AwaitingConfirmation).Code);
        Assert.Equal("rk_resolved", Assert.Single(statuses, s => s.Role == StatusRole.Resolved).Code);
        var standard = await app.QueryAsync(db => db.SlaPolicies.AsNoTracking().SingleAsync(p => p.Name == "standard"));
        // The policy pauses in the new codes and keeps the old ones (the paid-repairs register has them; histories name them).
        Assert.Equal(["unconfirmed", "rk_unconfirmed", "waiting_for_customer", "rk_waiting_for_customer", "waiting_for_goods", "rk_waiting_for_goods"],
            standard.PauseStatuses);

        // A consumer files from the web form and confirms from the e-mail.
        var consumer = app.App.CreateBrowserLikeClient();
        using (var sent = await consumer.SubmitFormAsync("/complaint/new",
            WebForm.Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]), "#intake-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var claim = Assert.Single(await app.ClaimsAsync());
        Assert.Equal("rk_unconfirmed", claim.Status);
        var activation = Assert.Single(await app.MessagesAsync()).TextBody;
        (await consumer.GetAsync(new Uri(Link().Matches(activation).First(m => m.Value.Contains("/complaint/activate/", StringComparison.Ordinal)).Value).PathAndQuery)).Dispose();
        claim = Assert.Single(await app.ClaimsAsync());
        Assert.Equal("rk_new", claim.Status);
        Assert.Contains(await app.MessagesAsync(), m => m.Subject.Contains(claim.Number, StringComparison.Ordinal));

        // Staff carry it through: waiting for the goods, the goods in, accepted, resolved, closed.
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        foreach (var to in (string[])["rk_waiting_for_goods", "rk_in_review"])
        {
            await MoveAsync(api, claim.Id, to);
        }

        claim = Assert.Single(await app.ClaimsAsync());
        Assert.NotNull(claim.GoodsReceivedAt);
        foreach (var to in (string[])["rk_accepted", "rk_in_resolution", "rk_resolved"])
        {
            await MoveAsync(api, claim.Id, to);
        }

        claim = Assert.Single(await app.ClaimsAsync());
        Assert.NotNull(claim.DecidedAt);
        Assert.NotNull(claim.ResolvedAt);
        Assert.NotNull(claim.ClosedAt);
        var deadlines = await app.QueryAsync(db => db.ClaimDeadlines.AsNoTracking().Where(d => d.ClaimId == claim.Id).ToListAsync());
        Assert.Equal(["PL-CONS-RESP-2023", "sla:standard:resolution"], deadlines.Select(d => d.RuleId).Order(StringComparer.Ordinal));
        Assert.All(deadlines, d => Assert.Equal(DeadlineState.Met, d.State));
        await MoveAsync(api, claim.Id, "rk_closed");
    }

    private static async Task MoveAsync(HttpClient api, long id, string to)
    {
        using var moved = await api.PostAsJsonAsync($"/api/v1/claims/{id}/transitions", new { to });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, $"→ {to}: {(int)moved.StatusCode} {await moved.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
