using System.Net;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>The staff claim pages through HTTP, as a browser without JavaScript uses them.</summary>
[Collection(SharedAppsGroup.Name)]
public sealed class ClaimPagesTests(SharedApps apps)
{
    private static Dictionary<string, string> ValidForm(string contact = "Jan Kowalski") => new()
    {
        ["Form.Channel"] = "phone",
        ["Form.ContactName"] = contact,
        ["Form.ContactEmail"] = "jan@example.pl",
        ["Form.CustomerType"] = "consumer",
        ["Form.LegalBasis"] = "conformity",
        ["Form.RequestedRemedy"] = "repair",
        ["Form.DeliveryMethod"] = "courier_pickup",
        ["Form.PickupAddress"] = "ul. Długa 5\n00-001 Warszawa\nPolska",
        ["Form.Lines[0].ProductName"] = "Pralka Amica PA-612",
        ["Form.Lines[0].Quantity"] = "1",
        ["Form.Lines[0].UnitPrice"] = "1 499,99",
        ["Form.Lines[0].FaultDescription"] = "Nie wiruje.",
    };

    private async Task<HttpClient> SignedInAsync(DatabaseProvider provider, string role)
    {
        var app = await apps.GetAsync(provider);
        var client = app.CreateBrowserLikeClient();
        (await client.SignInAsync(await StaffAccounts.CreateAsync(app, role), StaffAccounts.Password)).Dispose();
        return client;
    }

    private static async Task<string> RecordAsync(HttpClient client, Dictionary<string, string> form)
    {
        using var saved = await client.SubmitFormAsync("/Claims/New", form, "#claim-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return saved.Headers.Location!.OriginalString;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refused_intake_form_shows_the_problems_and_keeps_everything_typed(DatabaseProvider provider)
    {
        var client = await SignedInAsync(provider, StaffRole.Operator);
        var form = ValidForm("Zażółć Gęślą");
        form["Form.ContactEmail"] = "zazolc@@example";
        form["Form.Lines[0].Quantity"] = "-3";

        using var refused = await client.SubmitFormAsync("/Claims/New", form, "#claim-form");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.NotNull(page.QuerySelector("[data-field='contact.email']"));
        Assert.NotNull(page.QuerySelector("[data-field='lines[0].quantity']"));
        Assert.Equal("Zażółć Gęślą", page.QuerySelector("#Form_ContactName")!.GetAttribute("value"));
        Assert.Equal("zazolc@@example", page.QuerySelector("#Form_ContactEmail")!.GetAttribute("value"));
        Assert.Equal("1 499,99", page.QuerySelector("#line-0-price")!.GetAttribute("value"));
        Assert.Equal("Nie wiruje.", page.QuerySelector("#line-0-fault")!.TextContent);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Script_typed_into_the_form_is_stored_as_typed_and_shown_escaped(DatabaseProvider provider)
    {
        var client = await SignedInAsync(provider, StaffRole.Operator);
        const string hostile = "<script>alert('x')</script>'; DROP TABLE claims; --";
        var form = ValidForm(hostile);
        form["Form.Lines[0].FaultDescription"] = hostile;

        var card = await RecordAsync(client, form);
        using var response = await client.GetAsync(card);
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Equal(hostile, page.QuerySelector("[data-testid=line-1] td:nth-child(5)")!.TextContent);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_operator_is_refused_overturning_a_rejection_in_the_ui_and_the_attempt_is_in_the_history(DatabaseProvider provider)
    {
        var client = await SignedInAsync(provider, StaffRole.Operator);
        var card = await RecordAsync(client, ValidForm());
        using (var rejected = await client.SubmitFormAsync(card, new Dictionary<string, string> { ["reason"] = "Uszkodzenie mechaniczne" }, "#move-rejected form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        }

        var page = await client.GetPageAsync(card);
        Assert.Equal("Rejected", page.QuerySelector("[data-testid=claim-status]")!.TextContent);
        Assert.Null(page.QuerySelector("#move-accepted"));

        var token = page.QuerySelector("#move-closed input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forced = await client.PostAsync($"{card}?handler=Transition", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["to"] = "accepted", ["reason"] = "Changed my mind",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        var refusedPage = await HtmlForms.ParseAsync(forced);
        var error = refusedPage.QuerySelector("[data-testid=errors]")!.TextContent;
        Assert.Contains("Rejected", error, StringComparison.Ordinal);
        Assert.Contains("Manager", error, StringComparison.Ordinal);
        Assert.DoesNotContain("rejected", error, StringComparison.Ordinal);
        Assert.Contains("Refused: status change", refusedPage.QuerySelector("[data-testid=history]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_claim_number_or_line_reference_typed_into_the_search_opens_the_claim(DatabaseProvider provider)
    {
        var client = await SignedInAsync(provider, StaffRole.Technician);
        var operatorClient = await SignedInAsync(provider, StaffRole.Operator);
        var card = await RecordAsync(operatorClient, ValidForm());
        var number = (await client.GetPageAsync(card)).QuerySelector("[data-testid=claim-number]")!.TextContent;

        using var byNumber = await client.GetAsync($"/Claims?q={number.ToLowerInvariant()}");
        using var byReference = await client.GetAsync($"/Claims?q={number}-01");

        Assert.Equal(card, byNumber.Headers.Location!.OriginalString);
        Assert.Equal(card, byReference.Headers.Location!.OriginalString);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_claim_list_is_paged_and_sorted_on_the_server(DatabaseProvider provider)
    {
        var client = await SignedInAsync(provider, StaffRole.Operator);
        var marker = $"Paging {Guid.NewGuid():N}"[..20];
        for (var i = 0; i < 3; i++)
        {
            await RecordAsync(client, ValidForm($"{marker} {i}"));
        }

        var page = await client.GetPageAsync($"/Claims?q={Uri.EscapeDataString(marker)}&sort=contact&desc=false");

        var contacts = page.QuerySelectorAll("[data-testid=claims] tbody tr td:nth-child(3)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([$"{marker} 0", $"{marker} 1", $"{marker} 2"], contacts);
        Assert.Contains("3", page.QuerySelector("nav .text-muted")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_an_administrator_deletes_a_claim_and_the_deletion_is_soft_and_audited(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var operatorClient = await SignedInAsync(provider, StaffRole.Operator);
        var card = await RecordAsync(operatorClient, ValidForm());
        var id = long.Parse(card.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var operatorPage = await operatorClient.GetPageAsync(card);
        Assert.Null(operatorPage.QuerySelector("form[action*='handler=Delete']"));
        var token = operatorPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var refused = await operatorClient.PostAsync($"{card}?handler=Delete",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        using var deleted = await admin.SubmitFormAsync(card, new Dictionary<string, string>(), "form[action*='handler=Delete']");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        using var gone = await admin.GetAsync(card);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimDesk.Web.Data.AppDbContext>();
        Assert.True(db.Claims.Any(c => c.Id == id && c.IsDeleted));
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var actions = db.AuditEvents.Where(a => a.EntityType == "claim" && a.EntityId == key).Select(a => a.Action).ToList();
        Assert.Contains("delete_refused", actions);
        Assert.Contains("deleted", actions);
    }

    [Fact]
    public async Task The_dashboard_counts_a_newly_recorded_claim_as_open_and_received_today()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database);
        var client = app.CreateBrowserLikeClient();
        (await client.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Operator), StaffAccounts.Password)).Dispose();

        await RecordAsync(client, ValidForm());
        await RecordAsync(client, ValidForm());

        var dashboard = await client.GetPageAsync("/");
        Assert.Equal("2", dashboard.QuerySelector("[data-testid=claims-open]")!.TextContent);
        Assert.Equal("2", dashboard.QuerySelector("[data-testid=claims-today]")!.TextContent);
        Assert.Equal("0", dashboard.QuerySelector("[data-testid=claims-closed]")!.TextContent);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_operator_takes_a_claim_a_manager_reassigns_it_and_the_card_and_history_show_who(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var operatorClient = await SignedInAsync(provider, StaffRole.Operator);
        var card = await RecordAsync(operatorClient, ValidForm());
        Assert.Equal("Nobody", (await operatorClient.GetPageAsync(card)).QuerySelector("[data-testid=claim-assignee]")!.TextContent);

        using (var taken = await operatorClient.SubmitFormAsync(card, new Dictionary<string, string>(), "form[action*='handler=Assign']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        }

        Assert.Equal("Operator", (await operatorClient.GetPageAsync(card)).QuerySelector("[data-testid=claim-assignee]")!.TextContent);

        await StaffAccounts.CreateAsync(app, StaffRole.Technician, "Tomasz Technik");
        var manager = app.CreateBrowserLikeClient();
        (await manager.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Manager), StaffAccounts.Password)).Dispose();
        var managerPage = await manager.GetPageAsync(card);
        var technicianId = managerPage.QuerySelectorAll("#assignee option").Single(o => o.TextContent == "Tomasz Technik").GetAttribute("value")!;
        using (var assigned = await manager.SubmitFormAsync(card, new Dictionary<string, string> { ["assignee"] = technicianId }, "form[action*='handler=Assign']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        }

        var after = await manager.GetPageAsync(card);
        Assert.Equal("Tomasz Technik", after.QuerySelector("[data-testid=claim-assignee]")!.TextContent);
        var history = after.QuerySelector("[data-testid=history]")!.TextContent;
        Assert.Contains("Assignee", history, StringComparison.Ordinal);
        Assert.Contains("Tomasz Technik", history, StringComparison.Ordinal);

        var token = (await operatorClient.GetPageAsync(card)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var refused = await operatorClient.PostAsync($"{card}?handler=Assign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["assignee"] = "",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Tomasz Technik", (await HtmlForms.ParseAsync(refused)).QuerySelector("[data-testid=claim-assignee]")!.TextContent);
    }
}
