using System.Globalization;
using System.Text.RegularExpressions;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>A consumer files a complaint on the web form, confirms it from the e-mail and follows it, in Chromium.</summary>
public sealed partial class WebComplaintTests
{
    [BrowserFact]
    public async Task Consumer_files_two_items_confirms_from_the_email_and_follows_the_claim()
    {
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true, settings: new Dictionary<string, string?>
        {
            ["ClaimDesk:Mail:PollSeconds"] = "0",
            ["ClaimDesk:Smtp:Host"] = "127.0.0.1",
            ["ClaimDesk:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["ClaimDesk:Smtp:From"] = "ClaimDesk <reklamacje@claimdesk.test>",
        });
        var address = app.ServerAddress;
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(address);

        await page.GotoAsync("/complaint/new");
        await page.GetByLabel("Your name").FillAsync("Zofia Wiśniewska");
        await page.GetByLabel("E-mail").FillAsync("zofia@example.pl");
        await page.GetByLabel("Language of our messages").SelectOptionAsync("pl");
        await page.GetByLabel("Shop").FillAsync("Sklep Żółw");
        await page.GetByLabel("Receipt or invoice number").FillAsync("PAR/7");
        await page.GetByLabel("Product name").FillAsync("Pralka Amica PA-612");
        await page.GetByLabel("What is wrong with it").FillAsync("Zażółć gęślą jaźń: nie wiruje.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        var second = page.GetByTestId("item-2");
        await second.GetByLabel("Product name").FillAsync("Czajnik Bosch TWK 3A011");
        await second.GetByLabel("What is wrong with it").FillAsync("Pęknięta obudowa.");
        await Assertions.Expect(page.GetByTestId("item-1").GetByLabel("Product name")).ToHaveValueAsync("Pralka Amica PA-612");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the complaint" }).ClickAsync();

        // Without the privacy notice ticked the form comes back, with what was typed.
        await Assertions.Expect(page.Locator("[data-field=privacyAccepted]")).ToBeVisibleAsync();
        await Assertions.Expect(second.GetByLabel("What is wrong with it")).ToHaveValueAsync("Pęknięta obudowa.");
        await page.GetByLabel("I have read the privacy notice.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the complaint" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sent")).ToBeVisibleAsync();

        Assert.Equal(1, await dispatcher.DispatchOnceAsync());
        var activation = Assert.Single(await smtp.MessagesAsync());
        await page.GotoAsync(Link(activation.Text!, "/complaint/activate/"));
        await Assertions.Expect(page.GetByTestId("activated")).ToContainTextAsync(new Regex(@"RMA-\d{4}-\d{6}, RMA-\d{4}-\d{6}"));

        Assert.Equal(1, await dispatcher.DispatchOnceAsync());
        var acknowledgement = Assert.Single(await smtp.MessagesAsync(), m => m.MessageId != activation.MessageId);
        Assert.Single(acknowledgement.Attachments);
        await page.GotoAsync(Link(acknowledgement.Text!, "/track/"));
        await Assertions.Expect(page.GetByTestId("customer-status")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.GetByTestId("timeline").Locator("li")).ToHaveCountAsync(2);
        await Infrastructure.Browser.ScreenshotAsync(page, "web-complaint-tracking");
    }

    private static string Link(string text, string marker) =>
        UrlPattern().Matches(text).Select(m => m.Value).First(u => u.Contains(marker, StringComparison.Ordinal));

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
