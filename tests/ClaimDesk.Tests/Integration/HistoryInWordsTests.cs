using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Histories read as words in the reader's language: no action codes (<c>created</c>, <c>deadline_changed</c>), field
/// names (<c>warrantyMonths</c>), rule ids of SLA policies (<c>sla:standard:resolution</c>) or stored timestamps.
/// </summary>
[Collection(SharedAppsGroup.Name)]
public sealed partial class HistoryInWordsTests(SharedApps apps)
{
    /// <summary>What the audit stores and a Polish page must not show.</summary>
    private static readonly string[] RawCodes =
    [
        "created", "updated", "deadline_changed", "acknowledged", "sla:", "running", "warrantyMonths", "supplierCode", "tier",
        "Changed", "Created",
    ];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_claim_card_master_data_and_sla_pages_show_their_history_in_polish_words(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var erp = await app.CreateApiClientAsync(StaffRole.Manager, ApiKeyService.MasterDataRead, ApiKeyService.MasterDataWrite);
        await erp.PutOkAsync($"/api/v1/suppliers/S-{tag}", new { name = "Amica S.A.", country = "PL" });
        var product = new { name = "Pralka Amica PA-612", ean = "5901234123457", supplierCode = $"S-{tag}", warrantyMonths = 24 };
        await erp.PutOkAsync($"/api/v1/products/P-{tag}", product);
        await erp.PutOkAsync($"/api/v1/products/P-{tag}", product with { warrantyMonths = 36 });
        var customer = new { name = "Sklep AGD", type = "business", tier = "standard" };
        await erp.PutOkAsync($"/api/v1/customers/C-{tag}", customer);
        await erp.PutOkAsync($"/api/v1/customers/C-{tag}", customer with { tier = "vip" });
        var claims = await app.CreateApiClientAsync();
        using var created = await claims.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claimId = (await created.Content.ReadFromJsonAsync<CreatedClaim>())!.Id;

        var staff = app.CreateBrowserLikeClient();
        staff.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Administrator), StaffAccounts.Password)).Dispose();

        var card = await staff.GetPageAsync($"/Claims/{claimId}");
        Assert.Equal("pl", card.DocumentElement.GetAttribute("lang"));
        var history = HistoryOf(card);
        AssertInWords(history);
        Assert.Contains("Zarejestrowano reklamację", history, StringComparison.Ordinal);
        Assert.Contains("Ustawowa odpowiedź, PL-CONS-RESP-2023: ", history, StringComparison.Ordinal);
        Assert.Contains("Realizacja (SLA), Polityka SLA „standard”: ", history, StringComparison.Ordinal);
        Assert.Contains("(Biegnie)", history, StringComparison.Ordinal);
        Assert.Contains(card.QuerySelectorAll("[data-testid=deadlines] [data-testid=rule]"), td => td.TextContent.Trim() == "Polityka SLA „standard”");

        var productHistory = HistoryOf(await staff.GetPageAsync($"/MasterData/Product?key=P-{tag}"));
        AssertInWords(productHistory);
        Assert.Contains("Utworzono", productHistory, StringComparison.Ordinal);
        Assert.Matches(@"Zmiana\s+Gwarancja \(miesiące\)\s+24\s+36", productHistory);

        var customerHistory = HistoryOf(await staff.GetPageAsync($"/MasterData/Customer?key=C-{tag}"));
        AssertInWords(customerHistory);
        Assert.Matches(@"Zmiana\s+Poziom klienta\s+standard\s+vip", customerHistory);

        var policies = await staff.GetPageAsync("/Admin/Sla");
        var vip = policies.QuerySelector("tr[data-policy=VIP] [data-testid=conditions]")!.TextContent;
        Assert.Contains("Poziom klienta: vip", vip, StringComparison.Ordinal);
        Assert.DoesNotContain("tier", vip, StringComparison.Ordinal);
    }

    private static string HistoryOf(IDocument page) =>
        Regex.Replace(page.QuerySelector("[data-testid=history]")!.QuerySelector("tbody")!.TextContent, @"\s+", " ");

    private static void AssertInWords(string history)
    {
        foreach (var code in RawCodes)
        {
            Assert.False(history.Contains(code, StringComparison.Ordinal), $"The history shows '{code}': {history}");
        }

        Assert.DoesNotMatch(StoredTimestamp(), history);
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex StoredTimestamp();

    private sealed record CreatedClaim(long Id, string Number);
}
