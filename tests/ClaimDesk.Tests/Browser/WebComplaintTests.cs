using System.Globalization;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Security;
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
        await page.GetByTestId("item-1").GetByLabel("Photos or documents (JPEG, PNG, PDF …; optional)").SetInputFilesAsync(
            new FilePayload { Name = "pralka.jpg", MimeType = "image/jpeg", Buffer = TestFiles.Jpeg() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the complaint" }).ClickAsync();

        // Without the privacy notice ticked the form comes back, with what was typed and the photo kept.
        await Assertions.Expect(page.Locator("[data-field=privacyAccepted]")).ToBeVisibleAsync();
        await Assertions.Expect(second.GetByLabel("What is wrong with it")).ToHaveValueAsync("Pęknięta obudowa.");
        await Assertions.Expect(page.GetByTestId("item-1").GetByTestId("kept-files")).ToContainTextAsync("pralka.jpg");
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
        await Assertions.Expect(page.GetByTestId("document-link")).ToHaveTextAsync("pralka.jpg");

        // The consumer writes with a photo; it reaches the claim's thread, where staff read it and open the photo.
        await page.GetByLabel("Your message").FillAsync("Zażółć gęślą jaźń — zdjęcie tabliczki znamionowej.");
        var photo = TestFiles.Jpeg();
        await page.GetByLabel("Photos or documents (JPEG, PNG, PDF …; at most 5 files)").SetInputFilesAsync(
            new FilePayload { Name = "tabliczka.jpg", MimeType = "image/jpeg", Buffer = photo });
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-message")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("timeline").Locator("li[data-kind=inbound]")).ToContainTextAsync("zdjęcie tabliczki znamionowej");
        await Infrastructure.Browser.ScreenshotAsync(page, "web-complaint-tracking");
        var number = (await page.Locator("h1").TextContentAsync())!.Split(' ').Last();

        var operatorEmail = await StaffAccounts.CreateAsync(app, StaffRole.Operator);
        var staff = await browser.NewPageAsync(address);
        await staff.GotoAsync("/Account/Login");
        await staff.GetByLabel("E-mail").FillAsync(operatorEmail);
        await staff.GetByLabel("Password").FillAsync(StaffAccounts.Password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Looking up the number in the list opens its card.
        await Assertions.Expect(staff.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await staff.GotoAsync("/Claims");
        await staff.GetByPlaceholder("Number, reference, serial number or name").FillAsync(number);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(staff.Locator("h1")).ToContainTextAsync(number);
        var message = staff.GetByTestId("thread").Locator("li[data-kind=inbound]");
        await Assertions.Expect(message).ToContainTextAsync("Zażółć gęślą jaźń — zdjęcie tabliczki znamionowej.");
        await Assertions.Expect(message.GetByTestId("message-file")).ToHaveTextAsync("tabliczka.jpg");
        var download = await staff.RunAndWaitForDownloadAsync(() => message.GetByTestId("message-file").ClickAsync());
        Assert.Equal(photo, await File.ReadAllBytesAsync(await download.PathAsync()));
        await Infrastructure.Browser.ScreenshotAsync(staff, "web-complaint-staff-thread");
    }

    private static string Link(string text, string marker) =>
        UrlPattern().Matches(text).Select(m => m.Value).First(u => u.Contains(marker, StringComparison.Ordinal));

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
