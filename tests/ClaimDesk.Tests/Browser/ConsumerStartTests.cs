using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>A consumer who only knows the company's ClaimDesk address finds the way to the form and to their claim.</summary>
public sealed class ConsumerStartTests
{
    [BrowserFact]
    public async Task A_polish_consumer_reaches_the_form_and_find_my_claim_from_the_start_address_by_visible_links()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(app.ServerAddress, locale: "pl-PL");

        await page.GotoAsync("/");
        // Staff still land on their sign-in, in the browser's language.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Zaloguj się" })).ToBeVisibleAsync();
        var customers = page.GetByRole(AriaRole.Navigation, new() { Name = "Dla klientów" });

        await customers.GetByRole(AriaRole.Link, new() { Name = "Złóż reklamację" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(app.ServerAddress, "/complaint/new").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Złóż reklamację" })).ToBeVisibleAsync();

        await page.GoBackAsync();
        await customers.GetByRole(AriaRole.Link, new() { Name = "Znajdź moją reklamację" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(app.ServerAddress, "/track").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Znajdź moją reklamację" })).ToBeVisibleAsync();
    }
}
