using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>
/// A Polish consumer files a complaint from the web form, and a Polish administrator walks the pages they use every day:
/// none of them shows English words or codes the program stores (the captions and codes a walk once found).
/// </summary>
public sealed partial class PolishWalkTests
{
    [BrowserFact]
    public async Task A_polish_administrator_meets_no_english_word_or_stored_code_on_the_pages_of_a_day()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(app.ServerAddress, locale: "pl-PL");

        // The consumer, from the web form in Polish, with the shop named; then the link in the e-mail.
        await page.GotoAsync("/complaint/new");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
        await page.Locator("#Form_ContactName").FillAsync("Zofia Wiśniewska");
        await page.Locator("#Form_ContactEmail").FillAsync("zofia@example.pl");
        await page.Locator("#Form_Shop").FillAsync("Sklep Żółw");
        await page.Locator("#item-0-name").FillAsync("Pralka Amica PA-612");
        await page.Locator("#item-0-fault").FillAsync("Nie wiruje.");
        await page.Locator("#Form_PrivacyAccepted").CheckAsync();
        await page.Locator("#intake-form [type=submit].btn-primary").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sent")).ToBeVisibleAsync();
        var activation = await QueryAsync(app, db => db.OutboxMessages.Select(m => m.TextBody).SingleAsync());
        await page.GotoAsync(new Uri(ActivationLink().Match(activation).Value).PathAndQuery);
        await Assertions.Expect(page.GetByTestId("activated")).ToBeVisibleAsync();
        var webClaim = await QueryAsync(app, db => db.Claims.Select(c => c.Id).SingleAsync());

        // The ERP's records, changed once, and a phone claim with its statutory and SLA deadlines.
        var erp = await app.CreateApiClientAsync(StaffRole.Manager, ApiKeyService.MasterDataRead, ApiKeyService.MasterDataWrite);
        await erp.PutOkAsync("/api/v1/suppliers/S-AMICA", new { name = "Amica S.A.", country = "PL" });
        await erp.PutOkAsync("/api/v1/products/P-612", new { name = "Pralka Amica PA-612", supplierCode = "S-AMICA", warrantyMonths = 24 });
        await erp.PutOkAsync("/api/v1/products/P-612", new { name = "Pralka Amica PA-612", supplierCode = "S-AMICA", warrantyMonths = 36 });
        await erp.PutOkAsync("/api/v1/customers/C-AGD", new { name = "Sklep AGD", type = "business", tier = "standard" });
        await erp.PutOkAsync("/api/v1/customers/C-AGD", new { name = "Sklep AGD", type = "business", tier = "vip" });
        using var created = await (await app.CreateApiClientAsync()).PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
        var phoneClaim = (await created.Content.ReadFromJsonAsync<CreatedClaim>())!.Id;
        var adminId = await QueryAsync(app, db => db.Users.Where(u => u.Email == ClaimDeskFactory.AdminEmail).Select(u => u.Id).SingleAsync());

        // The administrator signs in at the same browser, in Polish.
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_Email").FillAsync(ClaimDeskFactory.AdminEmail);
        await page.Locator("#Input_Password").FillAsync(ClaimDeskFactory.AdminPassword);
        await page.Locator("main [type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-menu")).ToBeVisibleAsync();
        await page.GotoAsync("/Admin/Sla");
        var slaPolicy = await page.Locator("tr[data-policy=standard] a").GetAttributeAsync("href");

        string[] pages =
        [
            "/", "/Claims", $"/Claims/{webClaim}", $"/Claims/{phoneClaim}", "/Board", "/MasterData", "/MasterData/Product?key=P-612",
            "/MasterData/Supplier?key=S-AMICA", "/MasterData/Customer?key=C-AGD", "/Admin/Sla", slaPolicy!, "/Admin/Webhooks",
            "/Admin/Webhooks/Create", "/Admin/Users", $"/Admin/Users/Edit/{adminId}",
        ];
        foreach (var path in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl");
            var text = await page.Locator("main").InnerTextAsync();
            foreach (var english in Banned().Matches(text).Select(m => m.Value).Distinct())
            {
                Assert.Fail($"{path} shows '{english}' to a Polish reader:\n{text}");
            }
        }

        // The claim from the web says where it was bought, in Polish.
        await page.GotoAsync($"/Claims/{webClaim}");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Sklep: Sklep Żółw");
        await Infrastructure.Browser.ScreenshotAsync(page, "polish-walk-claim-card");
    }

    private static async Task<T> QueryAsync<T>(ClaimDeskFactory app, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>
    /// The English words and stored codes the walk of the report found on Polish pages. A webhook's event names
    /// (<c>claim.created</c>) are what its receiver is sent, so they are shown as they are.
    /// </summary>
    [GeneratedRegex(@"Shop:|\bName\b|(?<![.\w])(?:created|updated|deadline_changed|running)\b|sla:|\btier =")]
    private static partial Regex Banned();

    [GeneratedRegex(@"https?://\S+/complaint/activate/\S+")]
    private static partial Regex ActivationLink();

    private sealed record CreatedClaim(long Id, string Number);
}
