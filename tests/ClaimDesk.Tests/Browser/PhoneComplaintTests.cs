using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>An operator takes a complaint on the phone and decides it, in Chromium.</summary>
public sealed class PhoneComplaintTests
{
    [BrowserFact]
    public async Task Operator_records_a_phone_complaint_with_two_items_accepts_one_rejects_the_other_and_sees_partial_acceptance()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        var address = app.ServerAddress;
        var email = await StaffAccounts.CreateAsync(app, StaffRole.Operator, "Olga Operator");
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New complaint" }).ClickAsync();

        await page.GetByLabel("Channel").SelectOptionAsync("phone");
        await page.GetByLabel("Contact person").FillAsync("Zofia Wiśniewska");
        await page.GetByLabel("Phone").FillAsync("+48 601 222 333");
        await page.GetByLabel("E-mail").FillAsync("zofia@example.pl");
        await page.GetByLabel("Requested remedy").SelectOptionAsync("replacement");
        await page.GetByLabel("Product", new() { Exact = true }).FillAsync("Pralka Amica PA-612");
        await page.GetByLabel("Serial number").FillAsync("SN-PA612-0001");
        await page.GetByLabel("Unit price").FillAsync("1 499,99");
        await page.GetByLabel("Fault description").FillAsync("Nie wiruje.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();

        var second = page.GetByTestId("line-2");
        await second.GetByLabel("Product", new() { Exact = true }).FillAsync("Czajnik Bosch TWK 3A011");
        await second.GetByLabel("Fault description").FillAsync("Pęknięta obudowa.");
        await Assertions.Expect(page.GetByTestId("line-1").GetByLabel("Unit price")).ToHaveValueAsync("1 499,99");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save complaint" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("claim-number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^RMA-\d{4}-\d{6}$"));
        await Assertions.Expect(page.GetByTestId("claim-status")).ToHaveTextAsync("New");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept item 1" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("line-1").GetByTestId("line-decision")).ToContainTextAsync("Accepted");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reject item 2" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Reject item 2" });
        await dialog.GetByLabel("Reason for the rejection").FillAsync("Uszkodzenie mechaniczne z winy użytkownika.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("claim-decision")).ToHaveTextAsync("Partially accepted");
        await Assertions.Expect(page.GetByTestId("line-2").GetByTestId("line-decision")).ToContainTextAsync("Uszkodzenie mechaniczne");
        var history = page.GetByTestId("history");
        await Assertions.Expect(history).ToContainTextAsync("Claim recorded");
        await Assertions.Expect(history).ToContainTextAsync("Decision on item 1");
        await Assertions.Expect(history).ToContainTextAsync("Reason for item 2");
        await Assertions.Expect(history.Locator("tr", new() { HasText = "Claim decision" })).ToContainTextAsync("Partially accepted");
        await Infrastructure.Browser.ScreenshotAsync(page, "claim-partially-accepted");
    }
}
