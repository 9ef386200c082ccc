using System.Text;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>A manager imports products from a CSV file on the import page and watches it finish, in Chromium.</summary>
public sealed class MasterDataImportBrowserTests
{
    [BrowserFact]
    public async Task Manager_uploads_a_CSV_watches_the_progress_bar_reach_done_and_sees_every_refused_row_with_its_reason()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        var email = await StaffAccounts.CreateAsync(app, StaffRole.Manager, "Marta Manager");
        var csv = new StringBuilder("code;name;ean;warrantyMonths\n");
        for (var i = 0; i < 3000; i++)
        {
            var (ean, warranty) = (i % 500) switch { 10 => ("12AB", "24"), 20 => ("5906006123456", "dwa lata"), _ => ("5906006123456", "24") };
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"B-{i:0000};Produkt {i};{ean};{warranty}\n");
        }

        var file = Path.Combine(Path.GetTempPath(), $"products-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        try
        {
            await using var browser = await Infrastructure.Browser.LaunchAsync();
            var page = await browser.NewPageAsync(app.ServerAddress);
            await page.GotoAsync("/Account/Login");
            await page.GetByLabel("E-mail").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Master data" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Import CSV" }).ClickAsync();

            await page.GetByLabel("The file holds").SelectOptionAsync("products");
            await page.GetByLabel("CSV file").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

            var progress = page.GetByTestId("import-progress");
            var bar = page.GetByRole(AriaRole.Progressbar, new() { Name = "Import progress" });
            await Assertions.Expect(bar).ToBeVisibleAsync();
            await Assertions.Expect(progress).ToHaveAttributeAsync("data-state", "done", new() { Timeout = 60_000 });
            await Assertions.Expect(bar).ToHaveAttributeAsync("aria-valuenow", "100");
            await Assertions.Expect(page.GetByTestId("import-state")).ToHaveTextAsync("Done.");
            await Assertions.Expect(page.GetByTestId("rows")).ToHaveTextAsync("3000");
            await Assertions.Expect(page.GetByTestId("created")).ToHaveTextAsync("2988");
            await Assertions.Expect(page.GetByTestId("refused")).ToHaveTextAsync("12");
            var refused = page.GetByTestId("refused-rows");
            await Assertions.Expect(refused.Locator("tbody tr")).ToHaveCountAsync(12);
            await Assertions.Expect(refused.Locator("tr", new() { HasText = "B-0010" })).ToContainTextAsync("ean");
            await Assertions.Expect(refused.Locator("tr", new() { HasText = "B-0020" })).ToContainTextAsync("'dwa lata' is not a whole number.");
            await Assertions.Expect(page.GetByTestId("refused-csv")).ToBeVisibleAsync();
            await Infrastructure.Browser.ScreenshotAsync(page, "master-data-import-done");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
