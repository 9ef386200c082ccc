using System.Net;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>The printable RMA label of a claim: the PDF that staff download and the page they print from.</summary>
[Collection(SharedAppsGroup.Name)]
public sealed class RmaLabelTests(SharedApps apps)
{
    private const string Diacritics = "Zażółć gęślą jaźń";

    private static Dictionary<string, string> TwoItems(string language = "pl") => new()
    {
        ["Form.Channel"] = "phone",
        ["Form.ContactName"] = Diacritics,
        ["Form.ContactEmail"] = "zazolc@example.pl",
        ["Form.ContactPhone"] = "+48 600 100 200",
        ["Form.ContactLanguage"] = language,
        ["Form.CustomerType"] = "consumer",
        ["Form.LegalBasis"] = "conformity",
        ["Form.RequestedRemedy"] = "repair",
        ["Form.DeliveryMethod"] = "courier_pickup",
        ["Form.PickupAddress"] = "ul. Długa 5\n00-001 Warszawa\nPolska",
        ["Form.Lines[0].ProductName"] = Diacritics,
        ["Form.Lines[0].SerialNumber"] = "SN-ŻÓŁW-1",
        ["Form.Lines[0].Quantity"] = "1",
        ["Form.Lines[0].FaultDescription"] = "Nie wiruje.",
        ["Form.Lines[1].ProductName"] = "Suszarka Bosch WTX87",
        ["Form.Lines[1].SerialNumber"] = "SN-2",
        ["Form.Lines[1].Quantity"] = "2",
        ["Form.Lines[1].FaultDescription"] = "Hałasuje.",
    };

    private static async Task<HttpClient> SignedInAsync(ClaimDeskFactory app, string role = StaffRole.Operator)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.SignInAsync(await StaffAccounts.CreateAsync(app, role), StaffAccounts.Password)).Dispose();
        return client;
    }

    /// <summary>Records a claim through the staff form; returns the card's address and the claim number.</summary>
    private static async Task<(string Card, string Number)> RecordAsync(HttpClient client, Dictionary<string, string> form)
    {
        using var saved = await client.SubmitFormAsync("/Claims/New", form, "#claim-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var card = saved.Headers.Location!.OriginalString;
        var number = (await client.GetPageAsync(card)).QuerySelector("[data-testid=claim-number]")!.TextContent;
        return (card, number);
    }

    private static async Task<byte[]> DownloadLabelAsync(HttpClient client, string card, string number)
    {
        using var response = await client.GetAsync($"{card}/label.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{number}.pdf", response.Content.Headers.ContentDisposition.FileName);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_label_pdf_reads_the_number_the_sender_with_polish_letters_and_both_items_and_its_qr_code_scans_as_the_number(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var client = await SignedInAsync(app);
        var (card, number) = await RecordAsync(client, TwoItems());

        var pdf = await DownloadLabelAsync(client, card, number);

        var text = await PdfTools.TextAsync(pdf);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains(Diacritics, text, StringComparison.Ordinal);
        Assert.Contains($"{number}-01", text, StringComparison.Ordinal);
        Assert.Contains($"{number}-02", text, StringComparison.Ordinal);
        Assert.Contains("SN-ŻÓŁW-1", text, StringComparison.Ordinal);
        Assert.Contains("Suszarka Bosch WTX87", text, StringComparison.Ordinal);
        Assert.Contains("+48 600 100 200", text, StringComparison.Ordinal);
        Assert.Contains("Adres zwrotny", text, StringComparison.Ordinal);
        Assert.Contains("Nadawca", text, StringComparison.Ordinal);
        Assert.Equal([number], await PdfTools.CodesAsync(pdf));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_claim_card_links_to_the_label_pdf_and_the_printable_label(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var client = await SignedInAsync(app, StaffRole.Technician);
        var (card, _) = await RecordAsync(await SignedInAsync(app), TwoItems());

        var page = await client.GetPageAsync(card);

        Assert.Equal($"{card}/label.pdf", page.QuerySelector("[data-testid=label-pdf]")!.GetAttribute("href"));
        Assert.Equal($"{card}/label", page.QuerySelector("[data-testid=label-page]")!.GetAttribute("href"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_anonymous_visitor_asking_for_a_label_is_sent_to_sign_in(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var (card, _) = await RecordAsync(await SignedInAsync(app), TwoItems());
        var anonymous = app.CreateBrowserLikeClient();

        using var pdf = await anonymous.GetAsync($"{card}/label.pdf");
        using var page = await anonymous.GetAsync($"{card}/label");

        Assert.Equal(HttpStatusCode.Redirect, pdf.StatusCode);
        Assert.StartsWith("/Account/Login", pdf.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_or_deleted_claim_has_no_label(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var client = await SignedInAsync(app);
        var (card, _) = await RecordAsync(client, TwoItems());
        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        using (var deleted = await admin.SubmitFormAsync(card, new Dictionary<string, string>(), "form[action*='handler=Delete']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        using var unknownPdf = await client.GetAsync("/Claims/987654321/label.pdf");
        using var unknownPage = await client.GetAsync("/Claims/987654321/label");
        using var deletedPdf = await client.GetAsync($"{card}/label.pdf");
        using var deletedPage = await client.GetAsync($"{card}/label");

        Assert.Equal(HttpStatusCode.NotFound, unknownPdf.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedPdf.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedPage.StatusCode);
    }

    [Fact]
    public async Task The_label_returns_the_goods_to_the_configured_organisation_in_the_claimants_language()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, settings: new Dictionary<string, string?>
        {
            ["ClaimDesk:Organisation:Name"] = "Servis Brno s.r.o.",
            ["ClaimDesk:Organisation:Address"] = "Příční 12\n602 00 Brno\nČeská republika",
        });
        var client = await SignedInAsync(app);
        var (card, number) = await RecordAsync(client, TwoItems(language: "cs"));

        var text = await PdfTools.TextAsync(await DownloadLabelAsync(client, card, number));
        var page = await client.GetPageAsync($"{card}/label");

        foreach (var expected in new[] { "Servis Brno s.r.o.", "Příční 12", "602 00 Brno", "Česká republika", "Zpáteční adresa", "Odesílatel", "Položky" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
            Assert.Contains(expected, page.QuerySelector("[data-testid=rma-label]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(number, page.QuerySelector("[data-testid=label-number]")!.TextContent);
        Assert.Equal("cs", page.QuerySelector("[data-testid=rma-label]")!.GetAttribute("lang"));
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=label-items] tbody tr").Length);
        Assert.Equal("window.print()", page.QuerySelector("[data-testid=print]")!.GetAttribute("onclick"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_a_configured_address_the_label_names_only_claimdesk_as_the_return_address(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var client = await SignedInAsync(app);
        var (card, _) = await RecordAsync(client, TwoItems(language: "en"));

        var page = await client.GetPageAsync($"{card}/label");

        var returnAddress = page.QuerySelector("[aria-labelledby=return-heading]")!;
        Assert.Equal(["Return address", "ClaimDesk"], returnAddress.QuerySelectorAll("h2, div > div").Select(e => e.TextContent.Trim()));
    }
}
