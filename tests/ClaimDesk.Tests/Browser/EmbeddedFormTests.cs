using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>The complaint form in an iframe of the company's own site, in Chromium, which enforces frame-ancestors.</summary>
public sealed class EmbeddedFormTests
{
    [BrowserFact]
    public async Task A_consumer_files_a_complaint_in_the_shops_frame_and_a_site_not_allowed_cannot_frame_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var shop = new StaticSite();
        await using var stranger = new StaticSite();
        await using var app = new ClaimDeskFactory(database, kestrel: true, settings: new Dictionary<string, string?>
        {
            ["ClaimDesk:Intake:FrameOrigins"] = shop.Origin,
            ["ClaimDesk:Mail:PollSeconds"] = "0",
        });
        var address = app.ServerAddress;
        var framing = $"<!DOCTYPE html><html><body><h1>Sklep</h1><iframe src=\"{new Uri(address, "/embed/complaint")}\" width=\"900\" height=\"1400\"></iframe></body></html>";
        shop.Html = framing;
        stranger.Html = framing;
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);

        await page.GotoAsync($"{shop.Origin}/reklamacje.html");
        var frame = page.FrameLocator("iframe");
        await frame.GetByLabel("Your name").FillAsync("Zofia Wiśniewska");
        await frame.GetByLabel("E-mail").FillAsync("zofia@example.pl");
        await frame.GetByLabel("Product name").FillAsync("Pralka Amica PA-612");
        await frame.GetByLabel("What is wrong with it").FillAsync("Zażółć gęślą jaźń: nie wiruje.");
        await frame.GetByLabel("I have read the privacy notice.").CheckAsync();
        await frame.GetByRole(AriaRole.Button, new() { Name = "Send the complaint" }).ClickAsync();
        await Assertions.Expect(frame.GetByTestId("sent")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sklep");
        await Infrastructure.Browser.ScreenshotAsync(page, "embedded-form-sent");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClaimDesk.Web.Data.AppDbContext>();
            Assert.Equal("Zażółć gęślą jaźń: nie wiruje.", Assert.Single(db.ClaimLines).FaultDescription);
        }

        // The browser refuses to show the form inside a site that is not in ClaimDesk:Intake:FrameOrigins.
        var elsewhere = await browser.NewPageAsync(address);
        var refused = elsewhere.WaitForResponseAsync(r => r.Url.Contains("/embed/complaint", StringComparison.Ordinal));
        await elsewhere.GotoAsync($"{stranger.Origin}/phishing.html");
        Assert.Equal(200, (await refused).Status);
        await elsewhere.WaitForTimeoutAsync(500);
        var embedded = elsewhere.Frames.Single(f => f != elsewhere.MainFrame);
        Assert.Equal(0, await embedded.Locator("#intake-form").CountAsync());
        Assert.Equal(1, await elsewhere.Locator("iframe").CountAsync());
    }
}
