using System.Text.RegularExpressions;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>A partner files an RMA from an invoice in the portal and prints its label; staff look ERP data up as they type.</summary>
public sealed partial class PortalBrowserTests
{
    [BrowserFact]
    public async Task Partner_signs_in_files_an_RMA_from_three_invoice_lines_and_prints_its_label()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        var address = app.ServerAddress;
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-400));
        var email = await PartnerAccounts.CreateAsync(app, company.CustomerId, "Paweł Partner");
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);

        await page.GotoAsync("/portal/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(PartnerAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("company")).ToHaveTextAsync(company.CustomerName);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Claims", Exact = true })).ToHaveCountAsync(0);

        await page.GetByTestId("portal-nav").GetByRole(AriaRole.Link, new() { Name = "New RMA" }).ClickAsync();
        await page.GetByLabel("Invoice or other sales document").FillAsync(company.InvoiceNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show its lines" }).ClickAsync();
        for (var line = 1; line <= 3; line++)
        {
            await page.GetByLabel($"Claim line {line}").CheckAsync();
            await page.GetByLabel($"Fault of line {line}").FillAsync($"Usterka {line}");
        }

        await page.GetByLabel("Quantity of line 2").FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the RMA" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='picks[1].quantity']")).ToContainTextAsync("at most 5 can be claimed");
        await Assertions.Expect(page.GetByLabel("Fault of line 3")).ToHaveValueAsync("Usterka 3");
        await page.GetByLabel("Quantity of line 2").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the RMA" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("status-message")).ToContainTextAsync("with 3 items");
        var number = Regex.Match(await page.GetByTestId("claim-number").TextContentAsync() ?? "", @"RMA-\d{4}-\d{6}").Value;
        await Assertions.Expect(page.GetByTestId("line-reference")).ToHaveTextAsync([$"{number}-01", $"{number}-02", $"{number}-03"]);
        await Assertions.Expect(page.GetByTestId("line-unit-price")).ToHaveTextAsync(["1,499.99", "249.50", "89.90"]);
        await Infrastructure.Browser.ScreenshotAsync(page, "portal-rma");

        await page.GetByTestId("label-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("label-number")).ToHaveTextAsync(number);
        await Assertions.Expect(page.GetByTestId("label-items").Locator("tbody tr")).ToHaveCountAsync(3);
        await page.EvaluateAsync("() => { window.printed = false; window.print = () => { window.printed = true; }; }");
        await page.GetByTestId("print").ClickAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.printed"));
        await Infrastructure.Browser.ScreenshotAsync(page, "portal-label");
    }

    [BrowserFact]
    public async Task Staff_intake_looks_up_the_customer_and_a_sold_serial_number_as_the_operator_types()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        var address = app.ServerAddress;
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10));
        var email = await StaffAccounts.CreateAsync(app, StaffRole.Operator);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync("/Claims/New");

        var customer = page.GetByLabel("Customer code (ERP)");
        await customer.PressSequentiallyAsync(company.CustomerCode[..6]);
        await Assertions.Expect(page.Locator($"#customer-options option[value='{company.CustomerCode}']")).ToHaveCountAsync(1);
        await customer.FillAsync(company.CustomerCode);
        await Assertions.Expect(page.GetByLabel("Customer name or company")).ToHaveValueAsync(company.CustomerName);

        var serial = company.Products[0].Serials[1];
        var serialInput = page.GetByLabel("Serial number");
        await serialInput.PressSequentiallyAsync(serial[..8]);
        await Assertions.Expect(page.Locator($"#line-0-serial-options option[value='{serial}']")).ToHaveCountAsync(1);
        await serialInput.FillAsync(serial);
        await Assertions.Expect(page.GetByLabel("Product", new() { Exact = true })).ToHaveValueAsync("Pralka Amica PA-612");
        await Assertions.Expect(page.GetByLabel("Invoice or receipt")).ToHaveValueAsync(company.InvoiceNumber);
        await Assertions.Expect(page.GetByLabel("Unit price")).ToHaveValueAsync("1499.99");
    }

    [BrowserFact]
    public async Task Staff_intake_offers_the_sale_of_a_typed_serial_number_to_another_customer_and_fills_it_in_when_chosen()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10));
        var email = await StaffAccounts.CreateAsync(app, StaffRole.Operator);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync("/Claims/New");

        await page.GetByLabel("Contact person").FillAsync("Zofia Wiśniewska");
        await page.GetByLabel("Phone").FillAsync("+48 601 222 333");
        await page.GetByLabel("Product", new() { Exact = true }).FillAsync("Pralka z pudełka");
        await page.GetByLabel("Serial number").FillAsync(company.Products[0].Serials[0]);
        await page.GetByLabel("Quantity").FocusAsync();

        // The sale shows beside the item as a suggestion; the form is as typed until staff choose it.
        var sale = page.GetByTestId("line-1-sale");
        await Assertions.Expect(sale).ToContainTextAsync(company.CustomerName);
        await Assertions.Expect(sale).ToContainTextAsync(company.InvoiceNumber);
        await Assertions.Expect(page.GetByLabel("Customer code (ERP)")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByLabel("Invoice or receipt")).ToHaveValueAsync("");
        await Infrastructure.Browser.ScreenshotAsync(page, "intake-sale-suggestion");

        await sale.GetByRole(AriaRole.Button, new() { Name = "Use this sale" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Customer code (ERP)")).ToHaveValueAsync(company.CustomerCode);
        await Assertions.Expect(page.GetByLabel("Customer name or company")).ToHaveValueAsync(company.CustomerName);
        await Assertions.Expect(page.GetByLabel("Invoice or receipt")).ToHaveValueAsync(company.InvoiceNumber);
        await Assertions.Expect(page.GetByLabel("Product", new() { Exact = true })).ToHaveValueAsync("Pralka z pudełka");
        await Assertions.Expect(page.GetByLabel("Contact person")).ToHaveValueAsync("Zofia Wiśniewska");
    }
}
