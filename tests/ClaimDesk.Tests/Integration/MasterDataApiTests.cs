using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ClaimDesk.Tests.Integration;

[Collection(SharedAppsGroup.Name)]
public sealed class MasterDataApiTests(SharedApps apps, ITestOutputHelper output)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_customer_upsert_answers_created_then_updated_then_unchanged_and_writes_nothing_when_identical(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var api = await MasterDataClientAsync(app);
        var code = "C-" + Guid.NewGuid().ToString("N")[..8];
        var customer = new { name = "Sklep AGD Kowalski", tier = "standard", taxId = "PL5260001246", email = "zakupy@kowalski.pl", country = "pl" };

        using (var created = await api.PutAsJsonAsync($"/api/v1/customers/{code}", customer))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("created", created.Headers.GetValues("Upsert-Result").Single());
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("PL", body.GetProperty("country").GetString());
            Assert.Equal("business", body.GetProperty("type").GetString());
        }

        using (var updated = await api.PutAsJsonAsync($"/api/v1/customers/{code}", customer with { tier = "vip" }))
        {
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
            Assert.Equal("updated", updated.Headers.GetValues("Upsert-Result").Single());
        }

        var before = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{code}");
        var auditBefore = await AuditCountAsync(app, "customer", code);
        using (var unchanged = await api.PutAsJsonAsync($"/api/v1/customers/{code}", customer with { tier = "vip" }))
        {
            Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
            Assert.Equal("unchanged", unchanged.Headers.GetValues("Upsert-Result").Single());
        }

        var after = await api.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{code}");
        Assert.Equal("vip", after.GetProperty("tier").GetString());
        Assert.Equal(before.GetProperty("updatedAt").GetDateTime(), after.GetProperty("updatedAt").GetDateTime());
        Assert.Equal(2, auditBefore);
        Assert.Equal(auditBefore, await AuditCountAsync(app, "customer", code));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_sales_document_is_stored_with_its_lines_goods_issue_and_shipment_and_a_changed_line_is_audited(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var api = await MasterDataClientAsync(app);
        var (customer, product) = await CustomerAndProductAsync(api);
        var number = "FV/" + Guid.NewGuid().ToString("N")[..8];
        var document = SalesDocument(number, customer, product, lines: 2);

        using (var created = await api.PutAsJsonAsync($"/api/v1/sales-documents/{Uri.EscapeDataString(number)}", document))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sales-documents/{Uri.EscapeDataString(number)}");
        Assert.Equal(customer, stored.GetProperty("customerCode").GetString());
        Assert.Equal("WZ/" + number, stored.GetProperty("goodsIssue").GetProperty("number").GetString());
        Assert.Equal("Anna Nowak", stored.GetProperty("goodsIssue").GetProperty("pickedBy").GetString());
        Assert.Equal("inpost", stored.GetProperty("shipment").GetProperty("carrier").GetString());
        var lines = stored.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([1, 2], lines.Select(l => l.GetProperty("lineNo").GetInt32()));
        Assert.Equal(["SN-1-1", "SN-1-2"], lines[0].GetProperty("serialNumbers").EnumerateArray().Select(s => s.GetString()));

        var changed = SalesDocument(number, customer, product, lines: 2, price: 999.99m);
        using (var updated = await api.PutAsJsonAsync($"/api/v1/sales-documents/{Uri.EscapeDataString(number)}", changed))
        {
            Assert.Equal("updated", updated.Headers.GetValues("Upsert-Result").Single());
        }

        await using var scope = app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents
            .Where(a => a.EntityType == "sales_document" && a.EntityId == number).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["created", "updated", "updated"], audit.Select(a => a.Action));
        Assert.Equal(["line 1", "line 2"], audit.Skip(1).Select(a => a.Field));
        Assert.EndsWith("@ 999.99 [SN-1-1, SN-1-2]", audit[1].NewValue, StringComparison.Ordinal);
        Assert.Equal("api_key", audit[0].ActorType);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task References_to_unknown_customers_products_and_suppliers_are_refused_naming_the_field(DatabaseProvider provider)
    {
        var api = await MasterDataClientAsync(await apps.GetAsync(provider));
        var (customer, product) = await CustomerAndProductAsync(api);

        using var productResponse = await api.PutAsJsonAsync("/api/v1/products/P-ORPHAN", new { name = "Bez dostawcy", supplierCode = "NO-SUCH-SUPPLIER" });
        Assert.Equal(HttpStatusCode.BadRequest, productResponse.StatusCode);
        var productErrors = (await productResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("NO-SUCH-SUPPLIER", productErrors.GetProperty("supplierCode")[0].GetString(), StringComparison.Ordinal);

        var document = SalesDocument("FV/UNKNOWN", "NO-SUCH-CUSTOMER", product, lines: 2);
        ((List<Dictionary<string, object?>>)document["lines"]!)[1]["productCode"] = "NO-SUCH-PRODUCT";
        using var documentResponse = await api.PutAsJsonAsync("/api/v1/sales-documents/FV%2FUNKNOWN", document);
        Assert.Equal(HttpStatusCode.BadRequest, documentResponse.StatusCode);
        var errors = (await documentResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("NO-SUCH-CUSTOMER", errors.GetProperty("customerCode")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("NO-SUCH-PRODUCT", errors.GetProperty("lines[1].productCode")[0].GetString(), StringComparison.Ordinal);
        Assert.False(errors.TryGetProperty("lines[0].productCode", out _));

        using var mismatch = await api.PutAsJsonAsync("/api/v1/sales-documents/FV%2FOTHER", document);
        var mismatchErrors = (await mismatch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("FV/UNKNOWN", mismatchErrors.GetProperty("number")[0].GetString(), StringComparison.Ordinal);

        using var missing = await api.GetAsync("/api/v1/sales-documents/FV%2FUNKNOWN");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.NotNull(customer);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_key_without_the_master_data_scope_cannot_write_master_data(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var claimsOnly = await app.CreateApiClientAsync();
        var readOnly = await app.CreateApiClientAsync(scopes: ApiKeyService.MasterDataRead);

        using var refused = await claimsOnly.PutAsJsonAsync("/api/v1/customers/C-SCOPE", new { name = "X" });
        using var readRefused = await readOnly.PutAsJsonAsync("/api/v1/customers/C-SCOPE", new { name = "X" });
        using var list = await readOnly.GetAsync("/api/v1/customers?pageSize=5");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_CSV_with_a_tenth_of_bad_rows_imports_the_good_ones_and_lists_every_bad_row_with_its_reason(DatabaseProvider provider)
    {
        var api = await MasterDataClientAsync(await apps.GetAsync(provider));
        var prefix = "CSV-" + Guid.NewGuid().ToString("N")[..6];
        await api.PutOkAsync($"/api/v1/suppliers/{prefix}-S", new { name = "Amica S.A.", country = "PL" });
        var csv = new StringBuilder("code;name;ean;supplierCode;warrantyMonths;productGroup\n");
        var expectedBad = new Dictionary<int, string>();
        for (var i = 0; i < 200; i++)
        {
            var row = i + 2;
            var (name, supplier, warranty, ean) = (i % 10, i % 40) switch
            {
                (3, 3) => ("", $"{prefix}-S", "24", "5901234123457"),
                (3, 13) => ("Pralka", "NO-SUCH-SUPPLIER", "24", "5901234123457"),
                (3, 23) => ("Pralka", $"{prefix}-S", "dwa lata", "5901234123457"),
                (3, _) => ("Pralka", $"{prefix}-S", "24", "59012X"),
                _ => ($"Pralka {i}", $"{prefix}-S", "24", "5901234123457"),
            };
            if (i % 10 == 3)
            {
                expectedBad[row] = (i % 40) switch { 3 => "name", 13 => "supplierCode", 23 => "warrantyMonths", _ => "ean" };
            }

            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i:000};{name};{ean};{supplier};{warranty};pralki\n");
        }

        var report = await ImportAsync(api, "products", csv.ToString(), "text/csv");

        Assert.Equal(200, report.GetProperty("rows").GetInt32());
        Assert.Equal(180, report.GetProperty("created").GetInt32());
        Assert.Equal(20, report.GetProperty("refused").GetInt32());
        var refused = report.GetProperty("refusedRows").EnumerateArray().ToList();
        Assert.Equal(expectedBad.Keys.Order(), refused.Select(r => r.GetProperty("row").GetInt32()));
        foreach (var row in refused)
        {
            var field = expectedBad[row.GetProperty("row").GetInt32()];
            Assert.True(row.GetProperty("errors").TryGetProperty(field, out var messages), $"row {row} names {field}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }

        var again = await ImportAsync(api, "products", csv.ToString(), "text/csv");
        Assert.Equal(180, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, again.GetProperty("created").GetInt32() + again.GetProperty("updated").GetInt32());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_sales_document_in_CSV_takes_a_row_per_line_and_a_bad_line_refuses_its_document_naming_the_row(DatabaseProvider provider)
    {
        var api = await MasterDataClientAsync(await apps.GetAsync(provider));
        var (customer, product) = await CustomerAndProductAsync(api);
        var tag = Guid.NewGuid().ToString("N")[..6];
        const string Head = "number,customerCode,issueDate,currency,goodsIssue.number,goodsIssue.pickedBy,goodsIssue.packedBy,shipment.carrier,shipment.trackingNumber,lineNo,productCode,quantity,unitPrice,serialNumbers";
        var csv = $"""
            {Head}
            A-{tag},{customer},2026-03-01,PLN,WZ/1,Anna Nowak,Jan Wiśniewski,dpd,TRK1,1,{product},1,"1499,99",SN-A1
            A-{tag},{customer},2026-03-01,PLN,WZ/1,Anna Nowak,Jan Wiśniewski,dpd,TRK1,2,{product},2,10.50,SN-A2|SN-A3
            B-{tag},{customer},2026-03-02,PLN,WZ/2,Anna Nowak,Jan Wiśniewski,dpd,TRK2,1,{product},1,5,
            B-{tag},{customer},2026-03-02,PLN,WZ/2,Anna Nowak,Jan Wiśniewski,dpd,TRK2,2,NO-SUCH-PRODUCT,1,5,

            """;

        var report = await ImportAsync(api, "sales-documents", csv, "text/csv; charset=utf-8");

        Assert.Equal(4, report.GetProperty("rows").GetInt32());
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("refused").GetInt32());
        var refused = report.GetProperty("refusedRows").EnumerateArray().ToList();
        Assert.Equal([4, 5], refused.Select(r => r.GetProperty("row").GetInt32()));
        Assert.True(refused[1].GetProperty("errors").TryGetProperty("productCode", out _));
        Assert.True(refused[0].GetProperty("errors").TryGetProperty("row", out _));
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sales-documents/A-{tag}");
        var lines = stored.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(1499.99m, lines[0].GetProperty("unitPrice").GetDecimal());
        Assert.Equal(["SN-A2", "SN-A3"], lines[1].GetProperty("serialNumbers").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Jan Wiśniewski", stored.GetProperty("goodsIssue").GetProperty("packedBy").GetString());
    }

    /// <summary>
    /// 100,000 sales-document lines (25,000 documents of 4 lines) as NDJSON: all created, then the same file again
    /// changes nothing — every document unchanged, the same rows in the tables, no new audit events.
    /// </summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Importing_100000_sales_document_lines_as_NDJSON_twice_creates_them_once_and_then_changes_nothing(DatabaseProvider provider)
    {
        const int Documents = 25_000;
        const int LinesPerDocument = 4;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ClaimDeskFactory(database);
        var api = await MasterDataClientAsync(app);
        api.Timeout = TimeSpan.FromMinutes(15);
        var customers = string.Join('\n', Enumerable.Range(0, 100).Select(i =>
            JsonSerializer.Serialize(new { code = $"K{i:000}", name = $"Klient {i}", tier = i % 10 == 0 ? "vip" : "standard" })));
        var products = string.Join('\n', Enumerable.Range(0, 500).Select(i =>
            JsonSerializer.Serialize(new { code = $"P{i:000}", name = $"Produkt {i}", warrantyMonths = 24 })));
        Assert.Equal(100, (await ImportAsync(api, "customers", customers, "application/x-ndjson")).GetProperty("created").GetInt32());
        Assert.Equal(500, (await ImportAsync(api, "products", products, "application/x-ndjson")).GetProperty("created").GetInt32());
        var ndjson = new StringBuilder();
        for (var d = 0; d < Documents; d++)
        {
            ndjson.AppendLine(JsonSerializer.Serialize(new
            {
                number = $"FV/2026/{d:000000}", customerCode = $"K{d % 100:000}", issueDate = "2026-03-01", currency = "PLN",
                goodsIssue = new { number = $"WZ/2026/{d:000000}", pickedBy = "Anna Nowak", packedBy = "Jan Wiśniewski" },
                shipment = new { carrier = "inpost", trackingNumber = $"6{d:000000000000}" },
                lines = Enumerable.Range(1, LinesPerDocument).Select(l => new
                {
                    lineNo = l, productCode = $"P{(d + l) % 500:000}", quantity = 1, unitPrice = 99.99m + l, serialNumbers = new[] { $"SN{d}-{l}" },
                }),
            }));
        }

        var text = ndjson.ToString();
        var watch = Stopwatch.StartNew();
        var first = await ImportAsync(api, "sales-documents", text, "application/x-ndjson");
        var firstTime = watch.Elapsed;
        var counts = await CountsAsync(app);
        watch.Restart();
        var second = await ImportAsync(api, "sales-documents", text, "application/x-ndjson");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: first import {firstTime.TotalSeconds:0.0} s ({Documents * LinesPerDocument / firstTime.TotalSeconds:0} lines/s), repeated {watch.Elapsed.TotalSeconds:0.0} s"));

        Assert.Equal((Documents, 0, 0, 0), (first.GetProperty("created").GetInt32(), first.GetProperty("updated").GetInt32(),
            first.GetProperty("unchanged").GetInt32(), first.GetProperty("refused").GetInt32()));
        Assert.Equal((0, 0, Documents, 0), (second.GetProperty("created").GetInt32(), second.GetProperty("updated").GetInt32(),
            second.GetProperty("unchanged").GetInt32(), second.GetProperty("refused").GetInt32()));
        Assert.Equal((Documents, Documents * LinesPerDocument), (counts.Documents, counts.Lines));
        Assert.Equal(counts, await CountsAsync(app));
    }

    private static async Task<(int Documents, int Lines, int Audit)> CountsAsync(ClaimDeskFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.SalesDocuments.CountAsync(), await db.SalesDocumentLines.CountAsync(),
            await db.AuditEvents.CountAsync(a => a.EntityType == "sales_document"));
    }

    private static Task<HttpClient> MasterDataClientAsync(ClaimDeskFactory app) =>
        app.CreateApiClientAsync(scopes: [ApiKeyService.MasterDataRead, ApiKeyService.MasterDataWrite]);

    private static async Task<int> AuditCountAsync(ClaimDeskFactory app, string entityType, string entityId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents
            .CountAsync(a => a.EntityType == entityType && a.EntityId == entityId);
    }

    private static async Task<(string Customer, string Product)> CustomerAndProductAsync(HttpClient api)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await api.PutOkAsync($"/api/v1/suppliers/S-{tag}", new { name = "Amica S.A.", taxId = "PL7870005683", country = "PL" });
        await api.PutOkAsync($"/api/v1/customers/C-{tag}", new { name = "Sklep AGD", tier = "vip" });
        await api.PutOkAsync($"/api/v1/products/P-{tag}", new { name = "Pralka Amica PA-612", ean = "5901234123457", supplierCode = $"S-{tag}", warrantyMonths = 24 });
        return ($"C-{tag}", $"P-{tag}");
    }

    private static Dictionary<string, object?> SalesDocument(string number, string customer, string product, int lines, decimal price = 1499.99m) => new()
    {
        ["number"] = number,
        ["customerCode"] = customer,
        ["issueDate"] = "2026-03-01",
        ["saleDate"] = "2026-02-28",
        ["currency"] = "PLN",
        ["goodsIssue"] = new { number = "WZ/" + number, pickedBy = "Anna Nowak", packedBy = "Jan Wiśniewski" },
        ["shipment"] = new { carrier = "InPost", trackingNumber = "620000000001" },
        ["lines"] = Enumerable.Range(1, lines).Select(l => new Dictionary<string, object?>
        {
            ["lineNo"] = l, ["productCode"] = product, ["quantity"] = 2, ["unitPrice"] = price,
            ["serialNumbers"] = new[] { $"SN-{l}-1", $"SN-{l}-2" },
        }).ToList(),
    };

    private static async Task<JsonElement> ImportAsync(HttpClient api, string kind, string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await api.PostAsync($"/api/v1/{kind}/import", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
