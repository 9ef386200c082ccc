using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>The paid repair on the staff claim card (issue 13, point 6), as a browser without JavaScript uses it.</summary>
[Collection(SharedAppsGroup.Name)]
public sealed class RepairQuoteCardTests(SharedApps apps)
{
    private static string Text(IDocument page, string selector) => Regex.Replace(page.QuerySelector(selector)!.TextContent, @"\s+", " ").Trim();

    [Fact]
    public async Task A_manager_sends_a_repair_quote_from_the_card_and_a_refused_one_keeps_what_was_typed()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        using var api = await app.CreateApiClientAsync(StaffRole.Manager);
        using var created = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claim = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (claimId, number) = (claim.GetProperty("id").GetInt64(), claim.GetProperty("number").GetString()!);

        var staff = app.CreateBrowserLikeClient();
        staff.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Manager), StaffAccounts.Password)).Dispose();

        var card = await staff.GetPageAsync($"/Claims/{claimId}");
        Assert.NotNull(card.QuerySelector("[data-testid=no-repair-quotes]"));

        using var refused = await staff.SubmitFormAsync($"/Claims/{claimId}", new Dictionary<string, string>
        {
            ["quote.Lines[0].Description"] = "Wymiana grzałki",
            ["quote.Lines[0].Amount"] = "0",
        }, "[data-testid=repair-quote-form]");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Contains("Kwota musi być większa od zera.", Text(page, "[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Equal("Wymiana grzałki", page.QuerySelector("#quote-line-0-description")!.GetAttribute("value"));
        Assert.Equal("0", page.QuerySelector("#quote-line-0-amount")!.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector("#quote-line-0-amount")!.GetAttribute("aria-invalid"));
        Assert.Null(page.QuerySelector("[data-testid=repair-quote]"));

        using var sent = await staff.SubmitFormAsync($"/Claims/{claimId}", new Dictionary<string, string>
        {
            ["quote.Lines[0].Description"] = "Wymiana grzałki",
            ["quote.Lines[0].Amount"] = "250,50",
            ["quote.Lines[1].Description"] = "Robocizna",
            ["quote.Lines[1].Amount"] = "120",
        }, "[data-testid=repair-quote-form]");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        card = await staff.GetPageAsync($"/Claims/{claimId}");
        var quote = card.QuerySelector("[data-testid=repair-quote]")!;
        Assert.Equal("sent", quote.GetAttribute("data-status"));
        Assert.Equal(number + "-Q1", quote.QuerySelector("[data-testid=repair-quote-number]")!.TextContent.Trim());
        Assert.Equal("Wysłano", quote.QuerySelector("[data-testid=repair-quote-status]")!.TextContent.Trim());
        Assert.Contains("370,50", quote.QuerySelector("[data-testid=repair-quote-total]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Wymiana grzałki", quote.TextContent, StringComparison.Ordinal);
    }
}
