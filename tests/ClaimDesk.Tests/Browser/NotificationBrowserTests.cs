using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>The notification centre and the template editor, in Chromium.</summary>
public sealed class NotificationBrowserTests
{
    [BrowserFact]
    public async Task A_technician_sees_an_assignment_under_the_bell_opens_the_claim_from_it_and_the_count_goes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        var address = app.ServerAddress;
        var email = await StaffAccounts.CreateAsync(app, StaffRole.Technician, "Tomasz Technik");
        using var api = await app.CreateApiClientAsync(StaffRole.Manager);
        using var created = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claim = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, number) = (claim.GetProperty("id").GetInt64(), claim.GetProperty("number").GetString()!);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var technicianId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var manager = new Actor(Actor.UserKind, "manager", "Marta Manager", [StaffRole.Manager]);
            Assert.True((await scope.ServiceProvider.GetRequiredService<ClaimCommands>().AssignAsync(id, technicianId, manager)).Succeeded);
        }

        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var bell = page.GetByRole(AriaRole.Link, new() { Name = "Notifications: 1 unread" });
        await Assertions.Expect(bell.GetByTestId("unread-count")).ToHaveTextAsync("1");
        await bell.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Claim {number} assigned to you" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/Claims/{id}$"));
        await Assertions.Expect(page.GetByTestId("claim-number")).ToHaveTextAsync(number);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Notifications: none unread" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("unread-count")).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task The_template_preview_follows_what_the_administrator_types()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        var address = app.ServerAddress;
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(ClaimDeskFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(ClaimDeskFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Administration" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Notifications", Exact = true }).First.ClickAsync();
        await page.GetByTestId("templates").GetByRole(AriaRole.Row, new() { Name = "Status changed SMS" }).GetByRole(AriaRole.Link, new() { Name = "EN" }).ClickAsync();
        await page.GetByLabel("Text").FillAsync("Hi {customer}, {number} is now {customer_status}.");

        // No button pressed: htmx draws the preview on the server as one types.
        await Assertions.Expect(page.GetByTestId("preview-body")).ToHaveTextAsync(new Regex(@"^Hi Jane Smith, RMA-\d{4}-000123 is now .+\.$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The template was saved.");
        await Assertions.Expect(page.GetByLabel("Text")).ToHaveValueAsync("Hi {customer}, {number} is now {customer_status}.");
    }
}
