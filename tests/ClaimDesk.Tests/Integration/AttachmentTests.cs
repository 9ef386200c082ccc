using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>Files attached to a claim from the staff claim card: stored once under their hash, downloaded as they were.</summary>
[Collection(SharedAppsGroup.Name)]
public sealed class AttachmentTests(SharedApps apps)
{
    private static Dictionary<string, string> Claim() => new()
    {
        ["Form.Channel"] = "phone",
        ["Form.ContactName"] = "Jan Kowalski",
        ["Form.ContactEmail"] = "jan@example.pl",
        ["Form.CustomerType"] = "consumer",
        ["Form.LegalBasis"] = "conformity",
        ["Form.RequestedRemedy"] = "repair",
        ["Form.DeliveryMethod"] = "courier_pickup",
        ["Form.PickupAddress"] = "ul. Długa 5\n00-001 Warszawa\nPolska",
        ["Form.Lines[0].ProductName"] = "Pralka Amica PA-612",
        ["Form.Lines[0].Quantity"] = "1",
        ["Form.Lines[0].FaultDescription"] = "Nie wiruje.",
    };

    /// <summary>A claim recorded by a new operator, signed in on the returned client (the user name is the e-mail).</summary>
    private async Task<(ClaimDeskFactory App, HttpClient Client, string Card, string User)> ClaimAsync(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var client = app.CreateBrowserLikeClient();
        var user = await StaffAccounts.CreateAsync(app, StaffRole.Operator);
        (await client.SignInAsync(user, StaffAccounts.Password)).Dispose();
        using var saved = await client.SubmitFormAsync("/Claims/New", Claim(), "#claim-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return (app, client, saved.Headers.Location!.OriginalString, user);
    }

    /// <summary>Uploads through the card's form, as a browser does: multipart with the antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string card, string fileName, byte[] bytes,
        string visibility = "internal", string clientType = "image/jpeg")
    {
        var page = await client.GetPageAsync(card);
        var form = (IHtmlFormElement)page.QuerySelector("[data-testid=attach-form]")!;
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(clientType);
        var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(visibility), "visibility" },
        };
        // The name goes out as given, unencoded, as a browser (or an attacker's script) may send it.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = $"\"{fileName}\"" };
        body.Add(file);
        return await client.PostAsync(WebUtility.HtmlDecode(form.Action), body);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_jpeg_and_a_pdf_are_stored_once_under_their_hash_and_downloaded_byte_identical_with_the_detected_type(DatabaseProvider provider)
    {
        var (app, client, card, user) = await ClaimAsync(provider);
        var (_, _, otherCard, _) = await ClaimAsync(provider);
        var jpeg = TestFiles.Jpeg();
        var pdf = TestFiles.Pdf();
        var before = TestFiles.Stored(app.Database.DataDirectory);

        using (var saved = await UploadAsync(client, card, "zdjęcie pralki.jpg", jpeg))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // The client calls the PDF a JPEG: the type stored is the one its bytes tell.
        using (var saved = await UploadAsync(client, card, "faktura.pdf", pdf, "public", clientType: "image/jpeg"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var again = await UploadAsync(client, otherCard, "same photo.jpg", jpeg))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        var added = TestFiles.Stored(app.Database.DataDirectory).Except(before).Select(p => Path.GetRelativePath(Path.Combine(app.Database.DataDirectory, "files"), p)).Order().ToList();
        var expected = new[] { TestFiles.Hash(jpeg), TestFiles.Hash(pdf) }.Select(h => Path.Combine(h[..2], h[2..4], h)).Order().ToList();
        Assert.Equal(expected, added);

        var page = await client.GetPageAsync(card);
        var rows = page.QuerySelectorAll("[data-testid=attachments] tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("zdjęcie pralki.jpg", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("image/jpeg", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(user, rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Staff only", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("application/pdf", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Staff and claimant", rows[1].TextContent, StringComparison.Ordinal);

        foreach (var (row, bytes, type, name) in new[] { (rows[0], jpeg, "image/jpeg", "zdjęcie pralki.jpg"), (rows[1], pdf, "application/pdf", "faktura.pdf") })
        {
            using var download = await client.GetAsync(row.QuerySelector("[data-testid=attachment-link]")!.GetAttribute("href"));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(type, download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal(name, download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        }
    }

    public static TheoryData<DatabaseProvider, string> Refusals
    {
        get
        {
            var data = new TheoryData<DatabaseProvider, string>();
            foreach (var provider in Providers.All)
            {
                foreach (var refusal in new[] { "20 MB", "exe renamed jpg", "path in the name" })
                {
                    data.Add(provider, refusal);
                }
            }

            return data;
        }
    }

    [Theory, MemberData(nameof(Refusals))]
    public async Task A_20_MB_file_an_exe_renamed_jpg_and_a_name_with_a_path_are_refused_with_a_clear_message_and_nothing_is_stored(
        DatabaseProvider provider, string refusal)
    {
        var (app, client, card, _) = await ClaimAsync(provider);
        var (name, bytes, message) = refusal switch
        {
            "20 MB" => ("big.jpg", TestFiles.Of(TestFiles.JpegMagic, 20 * 1024 * 1024), "The file is too large: at most 10 MB may be attached."),
            "exe renamed jpg" => ("x.jpg", TestFiles.Of([0x4D, 0x5A, 0x90, 0x00, 0x03]),
                "Only PDF documents and JPEG, PNG, GIF, WebP or HEIC images may be attached; this file is none of them."),
            _ => ("../../x.jpg", TestFiles.Jpeg(), "The file name must not contain slashes, '..' or control characters."),
        };
        var before = TestFiles.Stored(app.Database.DataDirectory);

        using var refused = await UploadAsync(client, card, name, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Equal(message, page.QuerySelector("[data-testid=errors]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=claim-number]"));
        Assert.NotNull(page.QuerySelector("[data-testid=attach-form]"));
        Assert.NotNull(page.QuerySelector("[data-testid=no-attachments]"));
        Assert.Equal(before, TestFiles.Stored(app.Database.DataDirectory));
        var again = await client.GetPageAsync(card);
        Assert.NotNull(again.QuerySelector("[data-testid=no-attachments]"));
        Assert.DoesNotContain("Attachment added", again.QuerySelector("[data-testid=history]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_upload_is_in_the_claims_history_with_who_added_which_file(DatabaseProvider provider)
    {
        var (_, client, card, user) = await ClaimAsync(provider);

        (await UploadAsync(client, card, "tabliczka znamionowa.jpg", TestFiles.Jpeg())).Dispose();

        var history = (await client.GetPageAsync(card)).QuerySelectorAll("[data-testid=history] tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        var entry = Assert.Single(history, r => r[2] == "Attachment added");
        Assert.Equal(user, entry[1]);
        Assert.Equal("tabliczka znamionowa.jpg", entry[4]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_anonymous_download_is_sent_to_sign_in_and_an_attachment_of_another_claim_is_not_found(DatabaseProvider provider)
    {
        var (app, client, card, _) = await ClaimAsync(provider);
        var (_, _, otherCard, _) = await ClaimAsync(provider);
        (await UploadAsync(client, card, "photo.jpg", TestFiles.Jpeg())).Dispose();
        var link = (await client.GetPageAsync(card)).QuerySelector("[data-testid=attachment-link]")!.GetAttribute("href")!;

        using var anonymous = await app.CreateBrowserLikeClient().GetAsync(link);
        using var wrongClaim = await client.GetAsync(link.Replace(card, otherCard, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, wrongClaim.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_far_over_the_limit_that_the_server_cuts_off_gets_a_clear_page_not_an_error(bool kestrel)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: kestrel,
            settings: new Dictionary<string, string?> { ["ClaimDesk:Attachments:MaxBytes"] = "100000" });
        using var client = kestrel
            ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = app.ServerAddress }
            : app.CreateBrowserLikeClient();
        (await client.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        using var saved = await client.SubmitFormAsync("/Claims/New", Claim(), "#claim-form");
        var card = saved.Headers.Location!.OriginalString;

        using var refused = await UploadAsync(client, card, "huge.jpg", TestFiles.Of(TestFiles.JpegMagic, 3 * 1024 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Equal("The file is too large: at most 1 MB may be attached.", page.QuerySelector("[data-testid=too-large]")!.TextContent);
        Assert.Equal(card, page.QuerySelector("[data-testid=back]")!.GetAttribute("href"));
        Assert.Empty(TestFiles.Stored(app.Database.DataDirectory));
        Assert.NotNull((await client.GetPageAsync(card)).QuerySelector("[data-testid=no-attachments]"));
    }
}
