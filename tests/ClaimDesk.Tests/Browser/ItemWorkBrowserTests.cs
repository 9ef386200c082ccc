using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>A Czech technician works on an item and records its costs on the card, in Czech.</summary>
public sealed class ItemWorkBrowserTests
{
    [BrowserFact]
    public async Task A_czech_technician_records_a_diagnosis_a_replacement_with_its_serial_and_two_costs_on_the_card()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        var api = await app.CreateApiClientAsync();
        var claim = await Integration.ClaimsApiTests.CreateAsync(api);
        var technician = await StaffAccounts.CreateAsync(app, StaffRole.Technician, "Tomáš Technik", language: "cs");
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(app.ServerAddress, "cs-CZ");
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_Email").FillAsync(technician);
        await page.Locator("#Input_Password").FillAsync(StaffAccounts.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.GotoAsync($"/Claims/{claim.Id}");

        var item = page.GetByTestId("item-work-1");
        await item.GetByText("Práce na položce 1").ClickAsync();
        await item.GetByLabel("Diagnóza").FillAsync("Vadné ložisko");
        await item.GetByLabel("Poskytnuté vyřízení").SelectOptionAsync("replacement");
        await item.GetByRole(AriaRole.Button, new() { Name = "Uložit práci na položce 1" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errors")).ToContainTextAsync("Výměna vyžaduje sériové číslo zboží vydaného náhradou.");
        await Assertions.Expect(item.GetByLabel("Diagnóza")).ToHaveValueAsync("Vadné ložisko");

        await item.GetByLabel("Sériové číslo náhradního zboží").FillAsync("SN-CZ-1");
        await item.GetByRole(AriaRole.Button, new() { Name = "Uložit práci na položce 1" }).ClickAsync();
        await Assertions.Expect(item.GetByTestId("item-replacement-serial")).ToHaveTextAsync("SN-CZ-1");
        await Assertions.Expect(item.GetByTestId("item-remedy")).ToContainTextAsync("Výměna");

        var costs = page.GetByTestId("cost-form");
        await costs.GetByLabel("Druh nákladu").SelectOptionAsync("transport");
        await costs.GetByLabel("Popis").FillAsync("Kurýr k zákazníkovi");
        await costs.GetByLabel("Částka").FillAsync("150");
        await costs.GetByLabel("Hradí").SelectOptionAsync("us");
        await costs.GetByRole(AriaRole.Button, new() { Name = "Přidat náklad" }).ClickAsync();
        await page.GetByTestId("cost-form").GetByLabel("Popis").FillAsync("Náhradní kus");
        await page.GetByTestId("cost-form").GetByLabel("Druh nákladu").SelectOptionAsync("replacement_goods");
        await page.GetByTestId("cost-form").GetByLabel("Částka").FillAsync("1 200,00");
        await page.GetByTestId("cost-form").GetByLabel("Hradí").SelectOptionAsync("supplier");
        await page.GetByTestId("cost-form").GetByRole(AriaRole.Button, new() { Name = "Přidat náklad" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("cost-lines").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("cost-total-PLN").GetByTestId("cost-total-amount")).ToContainTextAsync("PLN");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("Položka 1: Sériové číslo náhradního zboží");
        await Infrastructure.Browser.ScreenshotAsync(page, "item-work-and-costs-cs");
        var detail = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(api, $"/api/v1/claims/{claim.Id}");
        Assert.Equal(1350m, detail.GetProperty("costTotal").GetDecimal());
    }
}
