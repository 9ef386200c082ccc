using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>An administrator edits a register's workflow in Chromium.</summary>
public sealed class WorkflowEditorBrowserTests
{
    [BrowserFact]
    public async Task Administrator_adds_a_status_and_a_transition_with_the_keyboard_and_saves()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(ClaimDeskFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(ClaimDeskFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Administration" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Registers" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "service", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add status" }).ClickAsync();

        // The new row's code takes the focus; the rest of the row is reached with Tab.
        await Assertions.Expect(page.GetByTestId("statuses").Locator("tbody tr")).ToHaveCountAsync(9);
        await Assertions.Expect(page.GetByTestId("statuses").Locator("tbody tr").Last.GetByLabel("Status code")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("on_hold");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("On hold");
        await Assertions.Expect(page.GetByLabel("Staff label in English").Last).ToHaveValueAsync("On hold");
        await page.GetByLabel("Customer label in English").Last.FillAsync("Paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add transition" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("transitions").Locator("tbody tr")).ToHaveCountAsync(12);
        await Assertions.Expect(page.GetByLabel("Staff label in English").Last).ToHaveValueAsync("On hold");
        var row = page.GetByTestId("transitions").Locator("tbody tr").Last;
        await Assertions.Expect(row.GetByLabel("From", new() { Exact = true })).ToBeFocusedAsync();
        await row.GetByLabel("From", new() { Exact = true }).SelectOptionAsync("in_diagnosis");
        await row.GetByLabel("To", new() { Exact = true }).SelectOptionAsync("on_hold");
        await row.GetByLabel("Manager", new() { Exact = true }).CheckAsync();
        await Infrastructure.Browser.ScreenshotAsync(page, "register-editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Register service was saved.");
        await Assertions.Expect(page.Locator("tr[data-register=service] [data-testid=status-count]")).ToHaveTextAsync("9");
        await page.GetByRole(AriaRole.Link, new() { Name = "service", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("Transition added Transition in_diagnosis → on_hold");
    }
}
