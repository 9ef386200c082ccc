using System.Net.Http.Json;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>Two people correct one claim at once, each in a browser tab: the later save is refused, nothing is lost.</summary>
public sealed class StaleEditTests
{
    private sealed record Created(long Id, string Number);

    private static async Task<IPage> SignInAsync(Infrastructure.Browser browser, Uri address, string email)
    {
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return page;
    }

    [BrowserFact]
    public async Task A_stale_edit_is_refused_naming_the_other_users_change_keeps_what_was_typed_and_saves_after_review()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        using var createdResponse = await (await app.CreateApiClientAsync()).PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
        var claim = (await createdResponse.Content.ReadFromJsonAsync<Created>())!;
        var operatorEmail = await StaffAccounts.CreateAsync(app, StaffRole.Operator, "Olga Operator");
        var managerEmail = await StaffAccounts.CreateAsync(app, StaffRole.Manager, "Marta Manager");
        await using var browser = await Infrastructure.Browser.LaunchAsync();

        // Tab 1 opens the form from the card; tab 2 opens it too and corrects the mistyped e-mail first.
        var tab1 = await SignInAsync(browser, app.ServerAddress, operatorEmail);
        await tab1.GotoAsync($"/Claims/{claim.Id}");
        await tab1.GetByTestId("edit-claim").ClickAsync();
        await Assertions.Expect(tab1.Locator("#edit-form")).ToBeVisibleAsync();
        var tab2 = await SignInAsync(browser, app.ServerAddress, managerEmail);
        await tab2.GotoAsync($"/Claims/{claim.Id}/Edit");
        await tab2.Locator("#Form_ContactEmail").FillAsync("jan.kowalski@example.com");
        await tab2.GetByTestId("save-edit").ClickAsync();
        await Assertions.Expect(tab2.GetByTestId("claim-number")).ToHaveTextAsync(claim.Number);

        // Tab 1 saves what it typed over a form loaded before that change: refused, naming tab 2's user and field.
        await tab1.Locator("#Form_Description").FillAsync("Customer calls after 16:00.");
        await tab1.Locator("#item-1-quantity").FillAsync("2");
        await tab1.GetByTestId("save-edit").ClickAsync();
        var stale = tab1.GetByTestId("stale-edit");
        await Assertions.Expect(stale).ToBeVisibleAsync();
        var key = claim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var managerName = await QueryAsync(app, db => db.AuditEvents
            .Where(a => a.EntityId == key && a.Field == "contact.email").Select(a => a.ActorName).SingleAsync());
        await Assertions.Expect(stale).ToContainTextAsync(managerName!);
        await Assertions.Expect(stale).ToContainTextAsync("E-mail");
        await Assertions.Expect(stale).ToContainTextAsync("jan.kowalski@example.com");
        await Assertions.Expect(tab1.Locator("#Form_Description")).ToHaveValueAsync("Customer calls after 16:00.");
        await Assertions.Expect(tab1.Locator("#item-1-quantity")).ToHaveValueAsync("2");
        // The field tab 1 had left alone shows tab 2's value, so saving again does not turn it back.
        await Assertions.Expect(tab1.Locator("#Form_ContactEmail")).ToHaveValueAsync("jan.kowalski@example.com");
        await Infrastructure.Browser.ScreenshotAsync(tab1, "stale-edit");
        Assert.Null(await QueryAsync(app, db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.Description).SingleAsync()));

        // Reviewed, saved again: both changes are kept.
        await tab1.GetByTestId("save-edit").ClickAsync();
        await Assertions.Expect(tab1.GetByTestId("claim-number")).ToHaveTextAsync(claim.Number);
        var saved = await QueryAsync(app, db => db.Claims.Include(c => c.Lines).SingleAsync(c => c.Id == claim.Id));
        Assert.Equal("jan.kowalski@example.com", saved.ContactEmail);
        Assert.Equal("Customer calls after 16:00.", saved.Description);
        Assert.Equal(2m, saved.Lines.Single().Quantity);
    }

    private static async Task<T> QueryAsync<T>(ClaimDeskFactory app, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
