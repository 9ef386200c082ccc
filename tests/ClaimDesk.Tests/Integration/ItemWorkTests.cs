using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// The work on a claim's items and its costs (issue 13) on the card, as a browser without JavaScript uses it, and
/// through the API: diagnosis, remedy with its facts, cost lines and their totals, the history field by field.
/// </summary>
[Collection(SharedAppsGroup.Name)]
public sealed partial class ItemWorkTests(SharedApps apps)
{
    private async Task<(ClaimDeskFactory App, HttpClient Api, long ClaimId)> ClaimAsync(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var api = await app.CreateApiClientAsync(StaffRole.Operator);
        var claim = await ClaimsApiTests.CreateAsync(api, lines: 2);
        return (app, api, claim.Id);
    }

    private static async Task<HttpClient> StaffAsync(ClaimDeskFactory app, string role = StaffRole.Technician)
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        (await client.SignInAsync(await StaffAccounts.CreateAsync(app, role), StaffAccounts.Password)).Dispose();
        return client;
    }

    private static string Text(IDocument page, string selector) => Regex.Replace(page.QuerySelector(selector)!.TextContent, @"\s+", " ").Trim();

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_technician_records_a_diagnosis_and_a_replacement_with_its_serial_on_the_card_and_the_history_names_each_field(
        DatabaseProvider provider)
    {
        var (app, api, claimId) = await ClaimAsync(provider);
        var staff = await StaffAsync(app);

        using var saved = await staff.SubmitFormAsync($"/Claims/{claimId}", new Dictionary<string, string>
        {
            ["work.Diagnosis"] = "Zużyte łożysko bębna",
            ["work.Remedy"] = "replacement",
            ["work.ReplacementSerial"] = "SN-NEW-77",
        }, "[data-testid=item-work-form-1]");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var card = await staff.GetPageAsync($"/Claims/{claimId}");
        Assert.Equal("Zużyte łożysko bębna", Text(card, "[data-testid=item-work-1] [data-testid=item-diagnosis]"));
        Assert.Equal("SN-NEW-77", Text(card, "[data-testid=item-work-1] [data-testid=item-replacement-serial]"));
        Assert.StartsWith("Wymiana", Text(card, "[data-testid=item-work-1] [data-testid=item-remedy]"), StringComparison.Ordinal);
        Assert.Equal("—", Text(card, "[data-testid=item-work-2] [data-testid=item-diagnosis]"));
        var history = Text(card, "[data-testid=history] tbody");
        Assert.Contains("Pozycja 1: Diagnoza Zużyte łożysko bębna", history, StringComparison.Ordinal);
        Assert.Contains("Pozycja 1: Przyznane rozwiązanie Wymiana", history, StringComparison.Ordinal);
        Assert.Contains("Pozycja 1: Numer seryjny towaru zastępczego SN-NEW-77", history, StringComparison.Ordinal);
        Assert.DoesNotContain("replacement", history, StringComparison.Ordinal);
        Assert.DoesNotContain("line 1", history, StringComparison.Ordinal);

        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claimId}");
        var line = detail.GetProperty("lines")[0];
        Assert.Equal("Zużyte łożysko bębna", line.GetProperty("diagnosis").GetString());
        Assert.Equal("replacement", line.GetProperty("work").GetProperty("remedy").GetString());
        Assert.Equal("SN-NEW-77", line.GetProperty("work").GetProperty("replacementSerial").GetString());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_replacement_without_a_serial_is_refused_on_the_card_and_the_form_keeps_what_was_typed(DatabaseProvider provider)
    {
        var (app, _, claimId) = await ClaimAsync(provider);
        var staff = await StaffAsync(app);

        using var refused = await staff.SubmitFormAsync($"/Claims/{claimId}", new Dictionary<string, string>
        {
            ["work.Diagnosis"] = "Pęknięta obudowa",
            ["work.SupplierStatement"] = "Dostawca uznaje wadę",
            ["work.Remedy"] = "replacement",
            ["work.ReplacementSerial"] = "",
            ["work.GoodsReceivedAt"] = "2026-01-05T09:30",
        }, "[data-testid=item-work-form-2]");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Contains("Wymiana wymaga numeru seryjnego towaru wydanego w zamian.", Text(page, "[data-testid=errors]"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=item-work-2] details[open]"));
        Assert.Equal("Pęknięta obudowa", page.QuerySelector("#work-2-diagnosis")!.TextContent);
        Assert.Equal("Dostawca uznaje wadę", page.QuerySelector("#work-2-statement")!.TextContent);
        Assert.Equal("replacement", ((IHtmlSelectElement)page.QuerySelector("#work-2-remedy")!).Value);
        Assert.Equal("2026-01-05T09:30", page.QuerySelector("#work-2-received")!.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("#work-2-serial")!.GetAttribute("aria-invalid"));

        var card = await staff.GetPageAsync($"/Claims/{claimId}");
        Assert.Equal("—", Text(card, "[data-testid=item-work-2] [data-testid=item-diagnosis]"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_API_records_an_items_work_refuses_a_replacement_without_serial_and_keeps_the_history_field_by_field(
        DatabaseProvider provider)
    {
        var (_, api, claimId) = await ClaimAsync(provider);
        var url = $"/api/v1/claims/{claimId}/lines/1/work";

        using (var refused = await api.PutAsJsonAsync(url, new { diagnosis = "Nie grzeje", remedy = "replacement" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("replacementSerial", out _), problem.ToString());
        }

        var received = DateTimeOffset.UtcNow.AddDays(-3);
        var returned = DateTimeOffset.UtcNow.AddHours(-2);
        using (var saved = await api.PutAsJsonAsync(url, new
        {
            diagnosis = "Nie grzeje", supplierStatement = "Grzałka wadliwa", remedy = "replacement", replacementSerial = "SN-API-1",
            goodsReceivedAt = received, returnedAt = returned, returnMethod = "courier", returnTrackingNumber = "620000000777",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var work = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines")[0].GetProperty("work");
            Assert.Equal("replacement", work.GetProperty("remedy").GetString());
            Assert.Equal("SN-API-1", work.GetProperty("replacementSerial").GetString());
            Assert.Equal("Grzałka wadliwa", work.GetProperty("supplierStatement").GetString());
            Assert.Equal("courier", work.GetProperty("returnMethod").GetString());
            Assert.Equal(returned.UtcDateTime, work.GetProperty("returnedAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        }

        await api.PutOkAsync(url, new
        {
            diagnosis = "Grzałka przepalona", supplierStatement = "Grzałka wadliwa", remedy = "replacement", replacementSerial = "SN-API-1",
            goodsReceivedAt = received, returnedAt = returned, returnMethod = "courier", returnTrackingNumber = "620000000777",
        });

        var history = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claimId}/history")).EnumerateArray()
            .Where(e => e.GetProperty("field").GetString() is { } field && field.StartsWith("line 1 ", StringComparison.Ordinal))
            .Select(e => (e.GetProperty("field").GetString(), e.GetProperty("oldValue").GetString(), e.GetProperty("newValue").GetString()))
            .ToList();
        Assert.Equal(("line 1 diagnosis", null, "Nie grzeje"), history[0]);
        Assert.Contains(("line 1 remedy", null, "replacement"), history);
        Assert.Contains(("line 1 replacement_serial", null, "SN-API-1"), history);
        Assert.Contains(("line 1 return_method", null, "courier"), history);
        Assert.Equal(("line 1 diagnosis", "Nie grzeje", "Grzałka przepalona"), history[^1]);
        Assert.Equal(1, history.Count(h => h.Item1 == "line 1 remedy"));

        using var missing = await api.PutAsJsonAsync($"/api/v1/claims/{claimId}/lines/9/work", new { diagnosis = "x" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_cost_lines_are_totalled_on_the_card_and_in_the_API_and_a_removed_one_leaves_the_total(DatabaseProvider provider)
    {
        var (app, api, claimId) = await ClaimAsync(provider);
        var staff = await StaffAsync(app);

        using (var added = await staff.SubmitFormAsync($"/Claims/{claimId}", new Dictionary<string, string>
        {
            ["cost.LineNo"] = "1", ["cost.Kind"] = "parts", ["cost.Description"] = "Wyświetlacz", ["cost.Amount"] = "120,50",
            ["cost.Currency"] = "PLN", ["cost.BorneBy"] = "supplier", ["cost.GlAccount"] = "501-02",
        }, "[data-testid=cost-form]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        using var posted = await api.PostJsonAsync($"/api/v1/claims/{claimId}/costs",
            new { kind = "transport", description = "Kurier do klienta", amount = 80m, borneBy = "us" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var costs = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(200.50m, costs.GetProperty("total").GetDecimal());
        Assert.Equal("PLN", costs.GetProperty("currency").GetString());
        var pln = costs.GetProperty("totals")[0];
        Assert.Equal(("PLN", 200.50m, 80m, 120.50m, 0m), (pln.GetProperty("currency").GetString(), pln.GetProperty("amount").GetDecimal(),
            pln.GetProperty("borneByUs").GetDecimal(), pln.GetProperty("borneBySupplier").GetDecimal(), pln.GetProperty("borneByCustomer").GetDecimal()));
        Assert.Equal(["parts", "transport"], costs.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("kind").GetString()));
        var transportId = costs.GetProperty("lines")[1].GetProperty("id").GetInt64();
        Assert.EndsWith($"/costs/{transportId}", posted.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claimId}");
        Assert.Equal(200.50m, detail.GetProperty("costTotal").GetDecimal());
        Assert.Equal(2, detail.GetProperty("costs").GetProperty("lines").GetArrayLength());
        Assert.Equal(1, detail.GetProperty("costs").GetProperty("lines")[0].GetProperty("lineNo").GetInt32());

        var card = await staff.GetPageAsync($"/Claims/{claimId}");
        Assert.Equal(2, card.QuerySelectorAll("[data-testid=cost-lines] tbody tr").Length);
        Assert.Equal("200,50 PLN", Text(card, "[data-testid=cost-total-PLN] [data-testid=cost-total-amount]"));
        Assert.Equal("120,50 PLN", Text(card, "[data-testid=cost-lines] tbody tr:first-child [data-testid=cost-amount]"));

        var remove = (IHtmlFormElement)card.QuerySelector($"[data-testid=cost-{transportId}] form")!;
        using (var removed = await staff.PressAsync(remove, new Dictionary<string, string>(), "Usuń"))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        var left = await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claimId}/costs");
        Assert.Equal(120.50m, left.GetProperty("total").GetDecimal());
        Assert.Equal(1, left.GetProperty("lines").GetArrayLength());
        var history = Text(await staff.GetPageAsync($"/Claims/{claimId}"), "[data-testid=history] tbody");
        Assert.Contains("Dodano koszt Części · 120,50 PLN · Dostawca · Pozycja 1: Wyświetlacz [GL 501-02]", history, StringComparison.Ordinal);
        Assert.Contains("Usunięto koszt Transport · 80,00 PLN · My: Kurier do klienta", history, StringComparison.Ordinal);
        Assert.Contains("Suma kosztów 120,50 200,50", history, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refused_cost_keeps_what_was_typed_and_a_changed_cost_is_audited_field_by_field(DatabaseProvider provider)
    {
        var (app, api, claimId) = await ClaimAsync(provider);
        var staff = await StaffAsync(app);

        using var refused = await staff.SubmitFormAsync($"/Claims/{claimId}", new Dictionary<string, string>
        {
            ["cost.Kind"] = "labour", ["cost.Description"] = "Diagnoza w serwisie", ["cost.Amount"] = "dużo", ["cost.BorneBy"] = "customer",
        }, "[data-testid=cost-form]");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Equal("Diagnoza w serwisie", page.QuerySelector("#cost-description")!.GetAttribute("value"));
        Assert.Equal("dużo", page.QuerySelector("#cost-amount")!.GetAttribute("value"));
        Assert.Equal("labour", ((IHtmlSelectElement)page.QuerySelector("#cost-kind")!).Value);
        Assert.Equal("customer", ((IHtmlSelectElement)page.QuerySelector("#cost-borne-by")!).Value);

        using var posted = await api.PostJsonAsync($"/api/v1/claims/{claimId}/costs",
            new { kind = "labour", description = "Diagnoza", amount = 80m, currency = "CZK", borneBy = "customer" });
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lines")[0].GetProperty("id").GetInt64();
        using (var changed = await api.PutAsJsonAsync($"/api/v1/claims/{claimId}/costs/{id}",
            new { kind = "labour", description = "Diagnoza", amount = 95m, currency = "CZK", borneBy = "us" }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            var costs = await changed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(0m, costs.GetProperty("total").GetDecimal());
            Assert.Equal(("CZK", 95m), (costs.GetProperty("totals")[0].GetProperty("currency").GetString(), costs.GetProperty("totals")[0].GetProperty("amount").GetDecimal()));
        }

        var history = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claimId}/history")).EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString(), e.GetProperty("oldValue").GetString(), e.GetProperty("newValue").GetString())).ToList();
        Assert.Contains(($"cost {id} amount", "80.00", "95.00"), history);
        Assert.Contains(($"cost {id} borne_by", "customer", "us"), history);
        Assert.DoesNotContain(history, h => h.Item1 == $"cost {id} description");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_closed_claim_refuses_work_on_its_items_and_new_costs(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var api = await app.CreateApiClientAsync(StaffRole.Manager);
        var claim = await ClaimsApiTests.CreateAsync(api);
        using (var cancelled = await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/transitions", new { to = "cancelled", reason = "Klient wycofał reklamację" }))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        using var work = await api.PutAsJsonAsync($"/api/v1/claims/{claim.Id}/lines/1/work", new { diagnosis = "Za późno" });
        using var cost = await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/costs",
            new { kind = "other", description = "Za późno", amount = 1m, borneBy = "us" });

        Assert.Equal(HttpStatusCode.Conflict, work.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, cost.StatusCode);
        var staff = await StaffAsync(app, StaffRole.Manager);
        var card = await staff.GetPageAsync($"/Claims/{claim.Id}");
        Assert.Null(card.QuerySelector("[data-testid=item-work-form-1]"));
        Assert.Null(card.QuerySelector("[data-testid=cost-form]"));
    }

    [Fact]
    public async Task The_item_work_and_costs_api_is_described_in_the_openapi_document()
    {
        var client = (await apps.GetAsync(DatabaseProvider.Sqlite)).CreateClient();

        var paths = (await client.GetFromJsonAsync<JsonElement>("/api/docs/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/claims/{idOrNumber}/lines/{lineNo}/work").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/v1/claims/{idOrNumber}/costs").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/claims/{idOrNumber}/costs").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/claims/{idOrNumber}/costs/{costId}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/api/v1/claims/{idOrNumber}/costs/{costId}").TryGetProperty("put", out _));
    }
}
