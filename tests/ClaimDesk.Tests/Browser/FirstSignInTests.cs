using System.Text.RegularExpressions;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>A new installation, used by a person in Chromium from the first sign-in on.</summary>
public sealed partial class FirstSignInTests
{
    [BrowserFact]
    public async Task Administrator_changes_the_generated_password_creates_an_operator_who_then_signs_in()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, adminPassword: null, kestrel: true);
        var address = app.ServerAddress;
        var generated = OneTimePassword().Match(app.Logs.Entries.Single(e => e.EventId.Id == 1001).Message).Groups[1].Value;
        await using var browser = await Infrastructure.Browser.LaunchAsync();

        var admin = await browser.NewPageAsync(address);
        await admin.GotoAsync("/");
        await admin.GetByLabel("E-mail").FillAsync(ClaimDeskFactory.AdminEmail);
        await admin.GetByLabel("Password").FillAsync(generated);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(admin.GetByTestId("forced-change")).ToBeVisibleAsync();
        await admin.GetByLabel("Current password").FillAsync(generated);
        await admin.GetByLabel("New password", new() { Exact = true }).FillAsync("Chosen-By-Admin-2026");
        await admin.GetByLabel("Repeat the new password").FillAsync("Chosen-By-Admin-2026");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Administrator" })).ToBeVisibleAsync();
        await Infrastructure.Browser.ScreenshotAsync(admin, "dashboard-administrator");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Administration" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "New user" }).ClickAsync();
        await admin.GetByLabel("E-mail").FillAsync("olga.operator@example.com");
        await admin.GetByLabel("Full name").FillAsync("Olga Operator");
        await admin.GetByLabel("Language", new() { Exact = true }).SelectOptionAsync("pl");
        await admin.GetByLabel("Operator").CheckAsync();
        await admin.GetByLabel("Initial password").FillAsync("Olga-Start-2026");
        await admin.GetByLabel("Must choose a new password at the next sign-in").UncheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("olga.operator@example.com");
        await Assertions.Expect(admin.GetByTestId("users")).ToContainTextAsync("Olga Operator");
        await Infrastructure.Browser.ScreenshotAsync(admin, "users-list");

        var operatorPage = await browser.NewPageAsync(address);
        await operatorPage.GotoAsync("/Account/Login");
        await operatorPage.GetByLabel("E-mail").FillAsync("olga.operator@example.com");
        await operatorPage.GetByLabel("Password").FillAsync("Olga-Start-2026");
        await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Olga's own language is Polish: signing in switches the interface to it.
        await Assertions.Expect(operatorPage.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await Assertions.Expect(operatorPage.GetByTestId("signed-in-user")).ToHaveTextAsync("Olga Operator");
        await Assertions.Expect(operatorPage.GetByTestId("roles")).ToContainTextAsync("Operator");
        await Assertions.Expect(operatorPage.GetByRole(AriaRole.Link, new() { Name = "Pulpit" })).ToBeVisibleAsync();
        await Assertions.Expect(operatorPage.Locator("a[href='/Admin/Users']")).ToHaveCountAsync(0);
        await Infrastructure.Browser.ScreenshotAsync(operatorPage, "dashboard-operator-pl");

        // The administrator disables Olga by ticking the box, as a person does; she can no longer sign in.
        await admin.GetByRole(AriaRole.Link, new() { Name = "olga.operator@example.com" }).ClickAsync();
        await admin.GetByLabel("Disabled (cannot sign in)").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("users")).ToContainTextAsync("Disabled");
        var again = await browser.NewPageAsync(address);
        await again.GotoAsync("/Account/Login");
        await again.GetByLabel("E-mail").FillAsync("olga.operator@example.com");
        await again.GetByLabel("Password").FillAsync("Olga-Start-2026");
        await again.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(again.GetByTestId("errors")).ToContainTextAsync("disabled");
    }

    [BrowserFact]
    public async Task The_language_switcher_turns_the_sign_in_page_czech_and_keeps_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);

        await page.GotoAsync("/Account/Login");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to ClaimDesk" })).ToBeVisibleAsync();
        await page.GetByLabel("Interface language").SelectOptionAsync("cs");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "cs");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Přihlášení do ClaimDesk" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "cs");
        await Infrastructure.Browser.ScreenshotAsync(page, "sign-in-cs");
    }

    [GeneratedRegex("one-time password (\\S+) ")]
    private static partial Regex OneTimePassword();
}
