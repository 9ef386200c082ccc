using System.Net;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClaimDesk.Tests.Integration;

/// <summary>The complaint form embedded in a company's own site: who may frame it, and the cookie a framed form needs.</summary>
public sealed class EmbedTests
{
    private const string Shop = "https://sklep.example.pl";

    private static async Task<MailingApp> StartAsync(string? origins = Shop) =>
        await MailingApp.StartAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string?> { ["ClaimDesk:Intake:FrameOrigins"] = origins });

    [Fact]
    public async Task Only_the_embeddable_form_may_be_framed_by_the_configured_sites_and_other_pages_only_by_ClaimDesk()
    {
        await using var app = await StartAsync($"{Shop}, http://127.0.0.1:8080");
        var client = app.App.CreateBrowserLikeClient();

        foreach (var path in new[] { "/embed/complaint", "/embed/complaint/sent" })
        {
            using var embed = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
            Assert.Equal($"frame-ancestors 'self' {Shop} http://127.0.0.1:8080", Assert.Single(embed.Headers.GetValues("Content-Security-Policy")));
        }

        foreach (var path in new[] { "/complaint/new", "/Account/Login", "/track" })
        {
            using var page = await client.GetAsync(path);
            Assert.Equal("frame-ancestors 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
        }

        var form = await client.GetPageAsync("/embed/complaint");
        Assert.Null(form.QuerySelector("nav"));
        Assert.Equal("/embed/complaint", form.QuerySelector("#intake-form")!.GetAttribute("action"));
    }

    [Fact]
    public async Task A_form_sent_from_the_embedded_page_is_saved_and_answered_inside_the_frame()
    {
        await using var app = await StartAsync();
        var client = app.App.CreateBrowserLikeClient();
        var form = new Dictionary<string, string>
        {
            ["Form.ContactName"] = "Jana Nováková",
            ["Form.ContactEmail"] = "jana@example.cz",
            ["Form.Language"] = "cs",
            ["Form.Items[0].ProductName"] = "Pračka Whirlpool",
            ["Form.Items[0].Quantity"] = "1",
            ["Form.Items[0].FaultDescription"] = "Příliš žluťoučký kůň: neždímá.",
            ["Form.PrivacyAccepted"] = "true",
        };

        using var sent = await client.SubmitFormAsync("/embed/complaint", form, "#intake-form");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/embed/complaint/sent", sent.Headers.Location!.OriginalString);
        var claim = Assert.Single(await app.ClaimsAsync());
        Assert.Equal(("unconfirmed", "cs"), (claim.Status, claim.ContactLanguage));
        Assert.Single(await app.MessagesAsync());
    }

    [Fact]
    public async Task Over_HTTPS_the_antiforgery_cookie_is_SameSite_None_and_Secure_so_a_form_framed_in_another_site_can_be_sent()
    {
        await using var app = await StartAsync();
        var https = app.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://claims.example.com"), AllowAutoRedirect = false });
        var http = app.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var secure = await https.GetAsync("/embed/complaint");
        using var plain = await http.GetAsync("/embed/complaint");

        var secureCookie = Assert.Single(secure.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("samesite=none", secureCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", secureCookie.Split(';').Select(p => p.Trim().ToLowerInvariant()));
        Assert.Contains("httponly", secureCookie, StringComparison.OrdinalIgnoreCase);
        var plainCookie = Assert.Single(plain.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("samesite=lax", plainCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", plainCookie.Split(';').Select(p => p.Trim().ToLowerInvariant()));
    }

    [Theory]
    [InlineData("shop.example.pl")]
    [InlineData("https://shop.example.pl/reklamacje")]
    [InlineData("ftp://shop.example.pl")]
    [InlineData("https://user@shop.example.pl")]
    public void A_frame_origin_that_is_not_an_origin_stops_the_app_with_a_line_naming_the_setting(string origin)
    {
        var error = Assert.Throws<StartupException>(() => Framing.Origins($"https://ok.example.pl {origin}"));
        Assert.Contains("ClaimDesk:Intake:FrameOrigins", error.Message, StringComparison.Ordinal);
        Assert.Contains(origin, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frame_origins_are_read_as_origins_separated_by_spaces_or_commas()
    {
        Assert.Equal(["https://a.example.pl", "http://127.0.0.1:8080", "https://b.example.cz"],
            Framing.Origins(" https://a.example.pl,http://127.0.0.1:8080  https://b.example.cz/ "));
        Assert.Empty(Framing.Origins(null));
    }
}
