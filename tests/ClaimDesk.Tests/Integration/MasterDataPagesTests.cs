using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>The staff pages of master data: lists, record pages (through the API's writer) and the CSV import page.</summary>
[Collection(SharedAppsGroup.Name)]
public sealed class MasterDataPagesTests(SharedApps apps)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_manager_creates_and_edits_customers_suppliers_and_products_mistakes_come_back_as_typed_and_each_save_is_audited(
        DatabaseProvider provider)
    {
        var client = await SignedInAsync(provider, StaffRole.Manager);
        var tag = Tag();

        var supplier = await CreateAsync(client, "/MasterData/Supplier", new()
        {
            ["Form.Code"] = $"S-{tag}", ["Form.Name"] = "Amica S.A.", ["Form.Email"] = "reklamacje@amica.example", ["Form.Country"] = "Polska",
        }, mistake: ("Form.Country", "PL"));
        var product = await CreateAsync(client, "/MasterData/Product", new()
        {
            ["Form.Code"] = $"P-{tag}", ["Form.Name"] = "Pralka Amica PA-612", ["Form.Ean"] = "5906006123456",
            ["Form.SupplierCode"] = $"S-{tag}", ["Form.WarrantyMonths"] = "dwa lata",
        }, mistake: ("Form.WarrantyMonths", "24"));
        var customer = await CreateAsync(client, "/MasterData/Customer", new()
        {
            ["Form.Code"] = $"C-{tag}", ["Form.Name"] = "Sklep AGD Kowalski", ["Form.Type"] = "business", ["Form.Tier"] = "vip",
            ["Form.Email"] = "zakupy@@kowalski.pl", ["Form.Country"] = "PL",
        }, mistake: ("Form.Email", "zakupy@kowalski.pl"));

        using (var renamed = await client.SubmitFormAsync(product, new Dictionary<string, string> { ["Form.Name"] = "Pralka Amica PA-612 (2026)" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        var productPage = await client.GetPageAsync(product);
        Assert.Equal("Pralka Amica PA-612 (2026)", productPage.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal($"S-{tag}", productPage.QuerySelector("#Form_SupplierCode")!.GetAttribute("value"));
        var history = productPage.QuerySelector("[data-testid=history]")!.TextContent;
        Assert.Contains("Created", history, StringComparison.Ordinal);
        Assert.Contains("Changed Product name", history, StringComparison.Ordinal);
        Assert.Contains("Pralka Amica PA-612 (2026)", history, StringComparison.Ordinal);
        foreach (var page in new[] { supplier, customer })
        {
            Assert.Contains("Created", (await client.GetPageAsync(page)).QuerySelector("[data-testid=history]")!.TextContent, StringComparison.Ordinal);
        }

        var taken = await client.SubmitFormAsync("/MasterData/Customer", new Dictionary<string, string>
        {
            ["Form.Code"] = $"C-{tag}", ["Form.Name"] = "Someone else",
        });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("exists already", (await HtmlForms.ParseAsync(taken)).QuerySelector("[data-testid='error-Form.Code']")!.TextContent,
            StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_sales_document_gets_its_lines_added_changed_and_removed_on_its_page_without_JavaScript(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, new DateOnly(2026, 3, 1));
        var client = await SignedInAsync(provider, StaffRole.Administrator);
        var number = $"FV/{Tag()}/2026";

        var form = Form(await client.GetPageAsync("/MasterData/SalesDocument"));
        Dictionary<string, string> typed = new()
        {
            ["Form.Number"] = number, ["Form.CustomerCode"] = company.CustomerCode, ["Form.IssueDate"] = "2026-03-02", ["Form.Currency"] = "PLN",
            ["Form.Lines[0].ProductCode"] = company.Products[0].Code, ["Form.Lines[0].Quantity"] = "2",
            ["Form.Lines[0].UnitPrice"] = "1499,99", ["Form.Lines[0].SerialNumbers"] = "SN-A, SN-B",
        };
        using (var added = await client.PressAsync(form, typed, "Add line"))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            form = Form(await HtmlForms.ParseAsync(added));
        }

        Assert.Equal(company.Products[0].Code, form.QuerySelector("[name='Form.Lines[0].ProductCode']")!.GetAttribute("value"));
        Assert.Equal("2", form.QuerySelector("[name='Form.Lines[1].LineNo']")!.GetAttribute("value"));
        using (var refused = await client.PressAsync(form, new Dictionary<string, string>
        {
            ["Form.Lines[1].ProductCode"] = company.Products[1].Code, ["Form.Lines[1].Quantity"] = "pięć",
        }, "Save"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            form = Form(await HtmlForms.ParseAsync(refused));
        }

        Assert.Equal("pięć", form.QuerySelector("[name='Form.Lines[1].Quantity']")!.GetAttribute("value"));
        Assert.Contains("pięć", form.QuerySelector("[data-testid='error-Form.Lines[1].Quantity']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("SN-A, SN-B", form.QuerySelector("[name='Form.Lines[0].SerialNumbers']")!.GetAttribute("value"));
        using (var saved = await client.PressAsync(form, new Dictionary<string, string> { ["Form.Lines[1].Quantity"] = "5" }, "Save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var record = $"/MasterData/SalesDocument?key={Uri.EscapeDataString(number)}";
        form = Form(await client.GetPageAsync(record));
        Assert.Equal("1499.99", form.QuerySelector("[name='Form.Lines[0].UnitPrice']")!.GetAttribute("value"));
        using (var removed = await client.PressAsync(form, new Dictionary<string, string>(), "Remove line 1"))
        {
            form = Form(await HtmlForms.ParseAsync(removed));
        }

        Assert.Null(form.QuerySelector("[name='Form.Lines[1].ProductCode']"));
        using (var saved = await client.PressAsync(form, new Dictionary<string, string>(), "Save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await client.GetPageAsync(record);
        Assert.Equal(company.Products[1].Code, page.QuerySelector("[name='Form.Lines[0].ProductCode']")!.GetAttribute("value"));
        var history = page.QuerySelector("[data-testid=history]")!.TextContent;
        Assert.Contains("Changed Line 1", history, StringComparison.Ordinal);
        Assert.Contains($"{company.Products[0].Code} × 2 @ 1499.99 [SN-A, SN-B]", history, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_operator_reads_master_data_but_cannot_change_or_import_it(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, new DateOnly(2026, 3, 1));
        var client = await SignedInAsync(provider, StaffRole.Operator);
        var record = $"/MasterData/Customer?key={company.CustomerCode}";

        var page = await client.GetPageAsync(record);
        Assert.NotNull(page.QuerySelector("[data-testid=read-only]"));
        Assert.Empty(page.QuerySelectorAll("[data-testid=record-form] button[type=submit]"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var refused = await client.PostAsync(record, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Form.Code"] = company.CustomerCode, ["Form.Name"] = "Renamed by an operator",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(company.CustomerName, (await client.GetPageAsync(record)).QuerySelector("#Form_Name")!.GetAttribute("value"));

        using var import = await client.GetAsync("/MasterData/Import");
        Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);
        Assert.Contains("AccessDenied", import.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_lists_are_paged_and_sorted_on_the_server_and_find_records_by_code_name_EAN_and_serial_number(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, new DateOnly(2026, 3, 1));
        var tag = Tag();
        var ean = "59" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture);
        var csv = new StringBuilder("code,name,ean\n");
        for (var i = 0; i < 30; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"L{tag}-{i:00},Lista {tag} {i:00},{(i == 7 ? ean : "")}\n");
        }

        var manager = await SignedInAsync(provider, StaffRole.Manager);
        await ImportAndWaitAsync(manager, "products", csv.ToString());
        var client = await SignedInAsync(provider, StaffRole.Technician);

        var first = await client.GetPageAsync($"/MasterData/products?q=L{tag}");
        Assert.Contains("30", first.QuerySelector("[data-testid=total]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(25, Keys(first).Count);
        Assert.Equal(Enumerable.Range(25, 5).Select(i => $"L{tag}-{i:00}"), Keys(await client.GetPageAsync($"/MasterData/products?q=L{tag}&p=2")));
        var byNameDescending = Keys(await client.GetPageAsync($"/MasterData/products?q={Uri.EscapeDataString($"Lista {tag}")}&sort=name&desc=true"));
        Assert.Equal($"L{tag}-29", byNameDescending[0]);

        Assert.Equal([$"L{tag}-07"], Keys(await client.GetPageAsync($"/MasterData/products?q={ean}")));
        Assert.Equal([company.InvoiceNumber], Keys(await client.GetPageAsync($"/MasterData/sales-documents?q={company.Products[0].Serials[1]}")));
        Assert.Equal([company.InvoiceNumber], Keys(await client.GetPageAsync($"/MasterData/sales-documents?q={company.Products[2].Code}")));
        Assert.Equal([company.CustomerCode], Keys(await client.GetPageAsync($"/MasterData/customers?q={company.CustomerCode}")));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_import_page_imports_the_good_rows_of_a_CSV_with_a_tenth_bad_and_lists_every_bad_row_with_its_reason(DatabaseProvider provider)
    {
        var client = await SignedInAsync(provider, StaffRole.Manager);
        var tag = Tag();
        var csv = new StringBuilder("code;name;type;country\n");
        var bad = new Dictionary<int, string>();
        for (var i = 0; i < 300; i++)
        {
            var (name, country) = (i % 10, i % 20) switch
            {
                (4, 4) => ("", "PL"),
                (4, _) => ($"Klient {i}", "Polska"),
                _ => ($"Klient {i}", "PL"),
            };
            if (i % 10 == 4)
            {
                bad[i + 2] = i % 20 == 4 ? "name" : "country";
            }

            csv.Append(CultureInfo.InvariantCulture, $"I{tag}-{i:000};{name};business;{country}\n");
        }

        var progress = await ImportAndWaitAsync(client, "customers", csv.ToString());

        Assert.Equal("done", progress.QuerySelector("[data-testid=import-progress]")!.GetAttribute("data-state"));
        Assert.Equal("300", Count(progress, "rows"));
        Assert.Equal("270", Count(progress, "created"));
        Assert.Equal("30", Count(progress, "refused"));
        var rows = progress.QuerySelectorAll("[data-testid=refused-rows] tbody tr").ToList();
        Assert.Equal(bad.Keys.Order().Select(r => r.ToString(CultureInfo.InvariantCulture)), rows.Select(r => r.Children[0].TextContent));
        foreach (var row in rows)
        {
            var field = bad[int.Parse(row.Children[0].TextContent, CultureInfo.InvariantCulture)];
            Assert.StartsWith(field + ":", row.Children[2].TextContent.Trim(), StringComparison.Ordinal);
        }

        var download = progress.QuerySelector("[data-testid=refused-csv]")!.GetAttribute("href")!;
        var refusedCsv = await client.GetStringAsync(System.Net.WebUtility.HtmlDecode(download));
        var lines = refusedCsv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,key,column,reason", lines[0]);
        Assert.Equal(31, lines.Length);
        Assert.StartsWith($"6,I{tag}-004,name,", lines[1], StringComparison.Ordinal);

        Assert.Equal("1", (await client.GetPageAsync($"/MasterData/customers?q=I{tag}-001")).QuerySelector("[data-testid=total]")!
            .TextContent.Split(' ')[^1]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_import_page_shows_the_columns_with_a_sample_file_and_refuses_a_header_it_does_not_know(DatabaseProvider provider)
    {
        var client = await SignedInAsync(provider, StaffRole.Manager);
        var page = await client.GetPageAsync("/MasterData/Import");
        Assert.Contains("goodsIssue.pickedBy", page.QuerySelector("[data-testid=columns]")!.TextContent, StringComparison.Ordinal);
        var sample = await client.GetStringAsync("/MasterData/Import?handler=Sample&kind=products");
        Assert.StartsWith("code,name,ean,supplierCode,warrantyMonths,productGroup", sample, StringComparison.Ordinal);

        var progress = await ImportAndWaitAsync(client, "suppliers", "code,name,colour\nS-1,Amica,red\n");

        Assert.Equal("failed", progress.QuerySelector("[data-testid=import-progress]")!.GetAttribute("data-state"));
        Assert.Contains("colour", progress.QuerySelector("[data-testid=import-problem]")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Uploads the file on the import page, follows it to its progress, and polls the progress partial until it ends.</summary>
    private static async Task<IHtmlDocument> ImportAndWaitAsync(HttpClient client, string kind, string csv)
    {
        var page = await client.GetPageAsync("/MasterData/Import");
        var form = (IHtmlFormElement)page.QuerySelector("[data-testid=import-form]")!;
        using var started = await client.PostMultipartAsync(form, new Dictionary<string, string> { ["kind"] = kind },
            [("Upload", $"{kind}.csv", Encoding.UTF8.GetBytes(csv))]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var job = started.Headers.Location!.OriginalString;
        Assert.Contains("job=", job, StringComparison.Ordinal);
        var poll = (await client.GetPageAsync(job)).QuerySelector("[data-testid=import-progress]")!.GetAttribute("hx-get");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var progress = await client.GetPageAsync(poll is null ? job : System.Net.WebUtility.HtmlDecode(poll));
            var state = progress.QuerySelector("[data-testid=import-progress]")!;
            if (state.GetAttribute("data-state") != "running")
            {
                Assert.Null(state.GetAttribute("hx-trigger"));
                return await client.GetPageAsync(job);
            }

            Assert.Equal("every 1s", state.GetAttribute("hx-trigger"));
            Assert.True(DateTime.UtcNow < deadline, "The import did not end within a minute.");
            await Task.Delay(200);
        }
    }

    private async Task<HttpClient> SignedInAsync(DatabaseProvider provider, string role)
    {
        var app = await apps.GetAsync(provider);
        var client = app.CreateBrowserLikeClient();
        (await client.SignInAsync(await StaffAccounts.CreateAsync(app, role), StaffAccounts.Password)).Dispose();
        return client;
    }

    /// <summary>
    /// Submits a new record with one mistake, checks that it comes back with everything as typed and the error on the
    /// field, then corrects it; returns the record's page.
    /// </summary>
    private static async Task<string> CreateAsync(HttpClient client, string url, Dictionary<string, string> values, (string Field, string Correct) mistake)
    {
        IHtmlFormElement form;
        using (var refused = await client.SubmitFormAsync(url, values))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await HtmlForms.ParseAsync(refused);
            foreach (var (name, value) in values.Where(v => !v.Key.EndsWith("Type", StringComparison.Ordinal)))
            {
                Assert.Equal(value, page.QuerySelector($"[name='{name}']")!.GetAttribute("value"));
            }

            Assert.NotNull(page.QuerySelector($"[data-testid='error-{mistake.Field}']"));
            Assert.Single(page.QuerySelectorAll(".invalid-feedback"));
            form = Form(page);
        }

        using var saved = await client.PressAsync(form, new Dictionary<string, string> { [mistake.Field] = mistake.Correct }, "Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var location = saved.Headers.Location!.OriginalString;
        Assert.Contains("key=", location, StringComparison.Ordinal);
        return location;
    }

    private static IHtmlFormElement Form(IHtmlDocument page) => (IHtmlFormElement)page.QuerySelector("[data-testid=record-form]")!;

    private static List<string> Keys(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=records] tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    private static string Count(IHtmlDocument page, string name) => page.QuerySelector($"[data-testid={name}]")!.TextContent.Trim();

    private static string Tag() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
}
