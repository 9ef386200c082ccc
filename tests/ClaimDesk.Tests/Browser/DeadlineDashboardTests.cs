using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.Deadlines;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>A manager sees, in Chromium, a Polish consumer complaint nearing deemed acceptance (issue 6).</summary>
public sealed class DeadlineDashboardTests
{
    [BrowserFact]
    public async Task The_dashboard_shows_a_consumer_complaint_without_a_response_on_day_12_as_deemed_accepted_risk_and_the_manager_has_the_in_app_alarm()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var clock = new SettableTimeProvider();
        await using var app = new ClaimDeskFactory(database, kestrel: true, services: clock.Install);
        var address = app.ServerAddress;
        var manager = await StaffAccounts.CreateAsync(app, StaffRole.Manager, "Marek Manager");
        var api = await app.CreateApiClientAsync();
        using var created = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
        var number = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content))
            .GetProperty("number").GetString()!;

        // Twelve days on, nobody has responded: the scanner alarms the managers, the dashboard shows the risk.
        clock.Advance(TimeSpan.FromDays(12));
        Assert.Equal(1, (await app.Services.GetRequiredService<DeadlineScanner>().ScanOnceAsync()).Alarms);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(manager);
        await page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The alarm waits under the bell, with the news of the new claim from twelve days ago.
        await Assertions.Expect(page.GetByTestId("unread-count")).ToHaveTextAsync("2");

        var risk = page.GetByTestId("deemed-risk");
        await Assertions.Expect(risk.GetByTestId("deemed-risk-count")).ToHaveTextAsync("1");
        await Assertions.Expect(risk).ToContainTextAsync("Deemed-accepted risk");
        await Infrastructure.Browser.ScreenshotAsync(page, "dashboard-deemed-accepted-risk");
        await risk.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("claim-number")).ToHaveTextAsync(number);
        var statutory = page.GetByTestId("deadlines").Locator("tr[data-rule='PL-CONS-RESP-2023']");
        await Assertions.Expect(statutory).ToContainTextAsync("Statutory response");
        await Assertions.Expect(statutory).ToContainTextAsync("Running");

        await page.GetByTestId("bell").ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Claim {number} may be deemed accepted");
        await Infrastructure.Browser.ScreenshotAsync(page, "deemed-accepted-alarm-in-app");
    }
}
