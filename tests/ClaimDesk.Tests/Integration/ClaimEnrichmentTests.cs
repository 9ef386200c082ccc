using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>Claim lines that name an invoice line or a serial number take their facts from the ERP (issue 5, part 2).</summary>
[Collection(SharedAppsGroup.Name)]
public sealed class ClaimEnrichmentTests(SharedApps apps)
{
    private static readonly DateOnly SaleDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-400);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_claim_of_three_invoice_lines_takes_customer_prices_dates_shipment_and_warranty_from_the_invoice(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var api = await app.CreateApiClientAsync();

        using var response = await api.PostAsJsonAsync("/api/v1/claims", Claim(company, (1, 1m), (2, 2m), (3, 1m)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var number = created.GetProperty("number").GetString()!;
        Assert.Equal([$"{number}-01", $"{number}-02", $"{number}-03"],
            created.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("referenceNumber").GetString()));

        var claim = await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{number}");
        Assert.Equal(company.CustomerCode, claim.GetProperty("customer").GetProperty("code").GetString());
        Assert.Equal(1499.99m + 2 * 249.50m + 89.90m, claim.GetProperty("value").GetDecimal());
        var lines = claim.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(company.Products.Select(p => p.Name), lines.Select(l => l.GetProperty("productName").GetString()));
        Assert.Equal(company.Products.Select(p => p.UnitPrice), lines.Select(l => l.GetProperty("unitPrice").GetDecimal()));
        Assert.All(lines, l => Assert.Equal(SaleDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.GetProperty("purchaseDate").GetString()));
        Assert.All(lines, l => Assert.Equal(company.InvoiceNumber, l.GetProperty("salesDocumentNumber").GetString()));
        var erp = lines.Select(l => l.GetProperty("erp")).ToList();
        Assert.Equal([1, 2, 3], erp.Select(e => e.GetProperty("salesDocumentLineNo").GetInt32()));
        Assert.All(erp, e => Assert.Equal("Jan Wiśniewski", e.GetProperty("packedBy").GetString()));
        Assert.All(erp, e => Assert.Equal("620000000001", e.GetProperty("trackingNumber").GetString()));
        // A business buyer: 24 months' guarantee still runs after 400 days, 12 months' does not, no guarantee tells nothing.
        Assert.True(erp[0].GetProperty("underWarranty").GetBoolean());
        Assert.Equal(SaleDate.AddMonths(24).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), erp[0].GetProperty("warrantyEnd").GetString());
        Assert.False(erp[1].GetProperty("underWarranty").GetBoolean());
        Assert.Equal(JsonValueKind.Null, erp[2].GetProperty("underWarranty").ValueKind);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Claiming_more_of_an_invoice_line_than_was_sold_less_what_is_claimed_is_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var api = await app.CreateApiClientAsync();
        using (var first = await api.PostAsJsonAsync("/api/v1/claims", Claim(company, (2, 2m))))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var refused = await api.PostAsJsonAsync("/api/v1/claims", Claim(company, (1, 1m), (2, 4m)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("lines[1].quantity").EnumerateArray()).GetString();
        Assert.Equal($"Line 2 of {company.InvoiceNumber} sold 5, and 2 of it is already claimed: at most 3 can be claimed.", message);

        // The refused claim saved nothing: all that is left of line 2 can still be claimed.
        using (var rest = await api.PostAsJsonAsync("/api/v1/claims", Claim(company, (2, 3m))))
        {
            Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RMAs_for_the_same_invoice_line_sent_at_the_same_moment_never_claim_more_than_was_sold(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var api = await app.CreateApiClientAsync();

        // Six RMAs of 2 kettles each, of the 5 sold, all at once: two can be accepted, and two are.
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var response = await api.PostAsJsonAsync("/api/v1/claims", Claim(company, (2, 2m)));
            return response.StatusCode;
        }));

        Assert.Equal(2, answers.Count(a => a == HttpStatusCode.Created));
        Assert.Equal(4, answers.Count(a => a == HttpStatusCode.BadRequest));
        await using var scope = app.Services.CreateAsyncScope();
        var claimed = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ClaimLines
            .Where(l => l.SalesDocumentNumber == company.InvoiceNumber && l.SalesDocumentLineNo == 2).SumAsync(l => l.Quantity);
        Assert.Equal(4m, claimed);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_serial_number_alone_finds_the_product_and_invoice_it_was_sold_on(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var api = await app.CreateApiClientAsync();
        var body = Claim(company);
        body["lines"] = new[]
        {
            new Dictionary<string, object?> { ["serialNumber"] = company.Products[0].Serials[1], ["faultDescription"] = "Nie wiruje." },
            new Dictionary<string, object?> { ["serialNumber"] = "SN-NOBODY-SOLD", ["faultDescription"] = "?" },
        };

        using var unknown = await api.PostAsJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("No sale of serial number SN-NOBODY-SOLD is known: type the product.",
            problem.GetProperty("errors").GetProperty("lines[1].productName")[0].GetString());

        body["lines"] = new[] { new Dictionary<string, object?> { ["serialNumber"] = company.Products[0].Serials[1], ["faultDescription"] = "Nie wiruje." } };
        using var response = await api.PostAsJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        var line = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{number}")).GetProperty("lines")[0];
        Assert.Equal(company.Products[0].Code, line.GetProperty("productCode").GetString());
        Assert.Equal(company.InvoiceNumber, line.GetProperty("salesDocumentNumber").GetString());
        Assert.Equal(1499.99m, line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal("WZ/" + company.InvoiceNumber[3..], line.GetProperty("erp").GetProperty("goodsIssueNumber").GetString());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_claim_that_names_no_customer_is_not_put_on_the_account_of_the_company_whose_invoice_it_names(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var api = await app.CreateApiClientAsync();
        var body = Claim(company, (1, 1m));
        body.Remove("customer");

        using var response = await api.PostAsJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        var claim = await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{number}");
        // The invoice the caller named gives the line its facts; the claimant stays who the caller said.
        Assert.Equal(company.Products[0].Name, claim.GetProperty("lines")[0].GetProperty("productName").GetString());
        var customer = claim.GetProperty("customer");
        Assert.NotEqual(company.CustomerCode, customer.TryGetProperty("code", out var code) ? code.GetString() : null);
        Assert.Equal("Piotr Kowalski", customer.GetProperty("name").GetString());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Claims
            .AnyAsync(c => c.Number == number && c.CustomerId == company.CustomerId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_serial_number_is_looked_up_only_among_the_sales_to_the_customer_the_claim_names(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var other = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate, "Hurtownia Delta");
        var api = await app.CreateApiClientAsync();
        var serial = company.Products[0].Serials[0];
        var body = Claim(company);
        body["lines"] = new[] { new Dictionary<string, object?> { ["serialNumber"] = serial, ["faultDescription"] = "Nie wiruje." } };

        body.Remove("customer");
        using (var nobody = await api.PostAsJsonAsync("/api/v1/claims", body))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
            var problem = await nobody.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal($"Serial number {serial} is looked up only among the sales to the customer the claim names: name the customer, or type the product.",
                problem.GetProperty("errors").GetProperty("lines[0].productName")[0].GetString());
        }

        body["customer"] = new Dictionary<string, object?> { ["code"] = other.CustomerCode };
        using var another = await api.PostAsJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.BadRequest, another.StatusCode);
        var text = await another.Content.ReadAsStringAsync();
        Assert.Contains($"No sale of serial number {serial} is known: type the product.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(company.InvoiceNumber, text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task What_a_line_names_stays_as_typed_when_its_serial_number_is_on_the_customers_invoice(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var api = await app.CreateApiClientAsync();
        var body = Claim(company);
        body["lines"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["productName"] = "Pralka (opis klienta)", ["serialNumber"] = company.Products[0].Serials[0], ["unitPrice"] = 1299m,
                ["faultDescription"] = "Nie wiruje.",
            },
        };

        using var response = await api.PostAsJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
        var line = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{number}")).GetProperty("lines")[0];
        Assert.Equal("Pralka (opis klienta)", line.GetProperty("productName").GetString());
        Assert.Equal(1299m, line.GetProperty("unitPrice").GetDecimal());
        // What the line left blank comes from the customer's invoice.
        Assert.Equal(company.InvoiceNumber, line.GetProperty("salesDocumentNumber").GetString());
        Assert.Equal(SaleDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), line.GetProperty("purchaseDate").GetString());
        Assert.Equal("WZ/" + company.InvoiceNumber[3..], line.GetProperty("erp").GetProperty("goodsIssueNumber").GetString());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_staff_form_offers_the_sale_of_a_serial_number_to_another_customer_and_fills_it_in_only_when_asked(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var staff = app.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app, Core.Security.StaffRole.Operator), StaffAccounts.Password)).Dispose();
        var serial = company.Products[0].Serials[1];
        var values = new Dictionary<string, string>
        {
            ["Form.ContactName"] = "Zofia Wiśniewska", ["Form.ContactPhone"] = "+48 601 222 333",
            ["Form.Lines[0].ProductName"] = "Pralka z pudełka", ["Form.Lines[0].SerialNumber"] = serial,
            ["Form.Lines[0].FaultDescription"] = "Nie wiruje.",
        };
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await staff.GetPageAsync("/Claims/New")).QuerySelector("#claim-form")!;

        using var found = await staff.PressAsync(form, values, "Find the sale");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var page = await HtmlForms.ParseAsync(found);
        var suggestion = page.QuerySelector("[data-testid=line-1-sale]")!.TextContent;
        Assert.Contains(company.CustomerName, suggestion, StringComparison.Ordinal);
        Assert.Contains(company.InvoiceNumber, suggestion, StringComparison.Ordinal);
        Assert.Contains(company.Products[0].Name, suggestion, StringComparison.Ordinal);
        // Only a suggestion: nothing of the form changed.
        Assert.Equal("", page.QuerySelector("#Form_CustomerCode")!.GetAttribute("value") ?? "");
        Assert.Equal("", page.QuerySelector("#line-0-document")!.GetAttribute("value") ?? "");
        Assert.Equal("Pralka z pudełka", page.QuerySelector("#line-0-name")!.GetAttribute("value"));

        form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#claim-form")!;
        using var used = await staff.PressAsync(form, new Dictionary<string, string>(), "Use this sale");
        page = await HtmlForms.ParseAsync(used);
        Assert.Equal(company.CustomerCode, page.QuerySelector("#Form_CustomerCode")!.GetAttribute("value"));
        Assert.Equal(company.CustomerName, page.QuerySelector("#Form_CustomerName")!.GetAttribute("value"));
        Assert.Equal(company.InvoiceNumber, page.QuerySelector("#line-0-document")!.GetAttribute("value"));
        Assert.Equal("Pralka z pudełka", page.QuerySelector("#line-0-name")!.GetAttribute("value"));
        Assert.Equal("Zofia Wiśniewska", page.QuerySelector("#Form_ContactName")!.GetAttribute("value"));

        // Staff chose the company: the claim is on its account, with the invoice's facts for what the line left blank.
        form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#claim-form")!;
        using var saved = await staff.PressAsync(form, new Dictionary<string, string>(), "Save complaint");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = long.Parse(saved.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
        await using var scope = app.Services.CreateAsyncScope();
        var claim = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Claims.Include(c => c.Lines).SingleAsync(c => c.Id == id);
        Assert.Equal(company.CustomerId, claim.CustomerId);
        Assert.Equal("Pralka z pudełka", claim.Lines[0].ProductName);
        Assert.Equal(1499.99m, claim.Lines[0].UnitPrice);
        Assert.Equal(1, claim.Lines[0].SalesDocumentLineNo);
    }

    /// <summary>A claim by phone naming the company and the invoice lines, with (line, quantity) pairs.</summary>
    private static Dictionary<string, object?> Claim(ErpCompany company, params (int LineNo, decimal Quantity)[] lines) => new()
    {
        ["channel"] = "phone",
        ["customer"] = new Dictionary<string, object?> { ["code"] = company.CustomerCode },
        ["contact"] = new Dictionary<string, object?> { ["name"] = "Piotr Kowalski", ["email"] = "piotr@example.pl" },
        ["customerType"] = "business",
        ["legalBasis"] = "warranty_b2b",
        ["requestedRemedy"] = "repair",
        ["deliveryMethod"] = "customer_ships",
        ["lines"] = lines.Select(l => new Dictionary<string, object?>
        {
            ["salesDocumentNumber"] = company.InvoiceNumber, ["salesDocumentLineNo"] = l.LineNo, ["quantity"] = l.Quantity,
            ["faultDescription"] = "Uszkodzone w transporcie.",
        }).ToList(),
    };
}
