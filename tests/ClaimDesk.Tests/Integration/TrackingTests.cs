using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.Intake;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// After the consumer confirmed: the tracking page and its messages and files, the claim thread on the staff card,
/// files sent with the public form, and the purge of what was never confirmed.
/// </summary>
public sealed partial class TrackingTests
{
    private const string Email = "zofia@example.pl";

    private static Dictionary<string, string> Submission(bool privacyAccepted = true) => new()
    {
        ["Form.ContactName"] = "Zofia Wiśniewska",
        ["Form.ContactEmail"] = Email,
        ["Form.Language"] = "pl",
        ["Form.PurchaseDate"] = "2026-03-01",
        ["Form.Items[0].ProductName"] = "Pralka Amica PA-612",
        ["Form.Items[0].Quantity"] = "1",
        ["Form.Items[0].FaultDescription"] = "Zażółć gęślą jaźń: nie wiruje.",
        ["Form.Items[1].ProductName"] = "Czajnik Bosch TWK 3A011",
        ["Form.Items[1].Quantity"] = "1",
        ["Form.Items[1].FaultDescription"] = "Pęknięta obudowa.",
        ["Form.PrivacyAccepted"] = privacyAccepted ? "true" : "false",
    };

    /// <summary>Sends the form (multipart, with <paramref name="files"/>) from a fresh page.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, Dictionary<string, string> values, params (string Field, string FileName, byte[] Bytes)[] files)
    {
        var page = await client.GetPageAsync("/complaint/new");
        return await client.PostMultipartAsync((IHtmlFormElement)page.QuerySelector("#intake-form")!, values, files);
    }

    /// <summary>A confirmed two-item submission; returns its claims and the path of the first claim's tracking page.</summary>
    private static async Task<(List<Claim> Claims, string Tracking)> ConfirmedAsync(MailingApp app, HttpClient client)
    {
        using (var sent = await SubmitAsync(client, Submission()))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var activation = (await app.MessagesAsync()).Last(m => m.TextBody.Contains("/complaint/activate/", StringComparison.Ordinal));
        (await client.GetAsync(LinkIn(activation.TextBody, "/complaint/activate/"))).Dispose();
        var acknowledgement = (await app.MessagesAsync()).Last();
        var claims = (await app.ClaimsAsync()).TakeLast(2).ToList();
        return (claims, LinkIn(acknowledgement.TextBody, "/track/"));
    }

    private static async Task<HttpClient> StaffAsync(MailingApp app)
    {
        var staff = app.App.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app.App, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        return staff;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_message_with_a_photo_sent_on_the_tracking_page_reaches_the_claim_thread_where_staff_see_it(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var customer = app.App.CreateBrowserLikeClient();
        var (claims, tracking) = await ConfirmedAsync(app, customer);
        var photo = TestFiles.Jpeg();

        var trackPage = await customer.GetPageAsync(tracking);
        using (var sent = await customer.PostMultipartAsync((IHtmlFormElement)trackPage.QuerySelector("[data-testid=message-form]")!,
            new Dictionary<string, string> { ["body"] = "Zdjęcie pęknięcia w załączniku." }, [("files", "pęknięcie.jpg", photo)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        trackPage = await customer.GetPageAsync(tracking);
        var entry = Assert.Single(trackPage.QuerySelectorAll("[data-testid=timeline] li[data-kind=inbound]"));
        Assert.Contains("Zdjęcie pęknięcia w załączniku.", entry.TextContent, StringComparison.Ordinal);
        var fileLink = entry.QuerySelector("a")!;
        Assert.Equal("pęknięcie.jpg", fileLink.TextContent);
        Assert.Equal(photo, await customer.GetByteArrayAsync(fileLink.GetAttribute("href")));

        var staff = await StaffAsync(app);
        var card = await staff.GetPageAsync($"/Claims/{claims[0].Id}");
        var message = Assert.Single(card.QuerySelectorAll("[data-testid=thread] li"));
        Assert.Equal(MessageKind.Inbound, message.GetAttribute("data-kind"));
        Assert.Contains("Zdjęcie pęknięcia w załączniku.", message.TextContent, StringComparison.Ordinal);
        Assert.Contains(Email, message.TextContent, StringComparison.Ordinal);
        var staffLink = message.QuerySelector("[data-testid=message-file]")!;
        Assert.Equal(photo, await staff.GetByteArrayAsync(staffLink.GetAttribute("href")));

        var stored = await app.QueryAsync(db => db.ClaimAttachments.AsNoTracking().SingleAsync(a => a.ClaimId == claims[0].Id));
        Assert.Equal((AttachmentVisibility.Public, "customer", "image/jpeg"), (stored.Visibility, stored.UploadedByKind, stored.ContentType));
        Assert.NotNull(stored.MessageId);
        Assert.Empty(await app.QueryAsync(db => db.ClaimMessages.Where(m => m.ClaimId == claims[1].Id).ToListAsync()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Internal_notes_and_their_files_never_reach_the_claimant_while_messages_to_them_do(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var customer = app.App.CreateBrowserLikeClient();
        var (claims, tracking) = await ConfirmedAsync(app, customer);
        var staff = await StaffAsync(app);
        var cardPath = $"/Claims/{claims[0].Id}";
        const string Note = "Notatka: klient przysłał już trzecią reklamację.";
        const string Reply = "Prosimy o zdjęcie tabliczki znamionowej.";
        var mailsBefore = (await app.MessagesAsync()).Count;

        async Task PostAsync(string kind, string body, params (string, string, byte[])[] files)
        {
            var card = await staff.GetPageAsync(cardPath);
            using var posted = await staff.PostMultipartAsync((IHtmlFormElement)card.QuerySelector("[data-testid=message-form]")!,
                new Dictionary<string, string> { ["kind"] = kind, ["body"] = body }, files);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        await PostAsync(MessageKind.Note, Note, ("files", "wewnętrzny.pdf", TestFiles.Pdf()));
        await PostAsync(MessageKind.Outbound, Reply, ("files", "instrukcja.pdf", TestFiles.Pdf()));

        var thread = (await staff.GetPageAsync(cardPath)).QuerySelectorAll("[data-testid=thread] li");
        Assert.Equal([MessageKind.Note, MessageKind.Outbound], thread.Select(m => m.GetAttribute("data-kind")));
        Assert.Contains("Internal note", thread[0].TextContent, StringComparison.Ordinal);

        var trackHtml = await (await customer.GetAsync(tracking)).Content.ReadAsStringAsync();
        Assert.Contains(Reply, trackHtml, StringComparison.Ordinal);
        Assert.Contains("instrukcja.pdf", trackHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, trackHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("wewnętrzny.pdf", trackHtml, StringComparison.Ordinal);
        var internalFile = await app.QueryAsync(db => db.ClaimAttachments.SingleAsync(a => a.FileName == "wewnętrzny.pdf"));
        Assert.Equal(AttachmentVisibility.Internal, internalFile.Visibility);
        var token = tracking.Split('/').Last();
        using (var refused = await customer.GetAsync($"/track/{token}/files/{internalFile.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var mails = (await app.MessagesAsync()).Skip(mailsBefore).ToList();
        var mail = Assert.Single(mails);
        Assert.Equal(Email, mail.To);
        Assert.Equal($"Nowa wiadomość w sprawie reklamacji {claims[0].Number}", mail.Subject);
        Assert.Contains(Reply, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, mail.TextBody, StringComparison.Ordinal);
        var linked = await customer.GetPageAsync(LinkIn(mail.TextBody, "/track/"));
        Assert.Contains(claims[0].Number, linked.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Files_chosen_on_the_form_are_kept_when_it_comes_back_and_become_the_claims_public_attachments(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var client = app.App.CreateBrowserLikeClient();
        var photo = TestFiles.Jpeg();
        var receipt = TestFiles.Pdf();

        using var refused = await SubmitAsync(client, Submission(privacyAccepted: false),
            ("Form.Items[0].Files", "zdjęcie.jpg", photo), ("Form.Items[0].Files", "x.jpg", TestFiles.Exe()),
            ("Form.Items[1].Files", "paragon.pdf", receipt));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Contains("x.jpg", page.QuerySelector("[data-field='items[0].files']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("zdjęcie.jpg", page.QuerySelector("[data-testid=item-1] [data-testid=kept-files]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("paragon.pdf", page.QuerySelector("[data-testid=item-2] [data-testid=kept-files]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await app.ClaimsAsync());
        var stored = TestFiles.Stored(app.Database.DataDirectory).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(new[] { TestFiles.Hash(photo), TestFiles.Hash(receipt) }.Order(), stored);

        // Sent again as the page drew it (the kept files ticked), with the notice accepted: nothing is chosen twice.
        using var sent = await client.PostMultipartAsync((IHtmlFormElement)page.QuerySelector("#intake-form")!,
            new Dictionary<string, string> { ["Form.PrivacyAccepted"] = "true" }, []);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var claims = await app.ClaimsAsync();
        var attachments = await app.QueryAsync(db => db.ClaimAttachments.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(
            [(claims[0].Id, "zdjęcie.jpg", "image/jpeg"), (claims[1].Id, "paragon.pdf", "application/pdf")],
            attachments.Select(a => (a.ClaimId, a.FileName, a.ContentType)));
        Assert.All(attachments, a => Assert.Equal(AttachmentVisibility.Public, a.Visibility));
        Assert.Empty(await app.QueryAsync(db => db.PendingUploads.ToListAsync()));
    }

    [Theory]
    [InlineData("20 MB")]
    [InlineData("exe renamed jpg")]
    [InlineData("path in the name")]
    public async Task A_bad_file_on_the_public_form_is_refused_with_a_clear_message_and_nothing_is_stored(string kind)
    {
        await using var app = await MailingApp.StartAsync(DatabaseProvider.Sqlite);
        var client = app.App.CreateBrowserLikeClient();
        var (name, bytes, message) = kind switch
        {
            "20 MB" => ("big.jpg", TestFiles.Of(TestFiles.JpegMagic, 20 * 1024 * 1024), "The file is too large: at most 10 MB may be attached."),
            "exe renamed jpg" => ("x.jpg", TestFiles.Exe(), "Only PDF documents and JPEG, PNG, GIF, WebP or HEIC images may be attached"),
            _ => ("../../x.jpg", TestFiles.Jpeg(), "The file name must not contain slashes, '..' or control characters."),
        };

        using var refused = await SubmitAsync(client, Submission(), ("Form.Items[0].Files", name, bytes));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Contains(message, page.QuerySelector("[data-field='items[0].files']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Pęknięta obudowa.", page.QuerySelector("#item-1-fault")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=kept-files]"));
        Assert.Empty(await app.ClaimsAsync());
        Assert.Empty(await app.QueryAsync(db => db.PendingUploads.ToListAsync()));
        Assert.DoesNotContain(TestFiles.Stored(app.Database.DataDirectory), f => !f.Contains($"{Path.DirectorySeparatorChar}tmp", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unconfirmed_submissions_are_purged_after_thirty_days_with_their_files_and_confirmed_ones_stay(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var client = app.App.CreateBrowserLikeClient();
        var photo = TestFiles.Jpeg();
        using (var unconfirmed = await SubmitAsync(client, Submission(), ("Form.Items[0].Files", "zdjęcie.jpg", photo)))
        {
            Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        }

        var forgotten = TestFiles.Pdf();
        (await SubmitAsync(client, Submission(privacyAccepted: false), ("Form.Items[0].Files", "porzucony.pdf", forgotten))).Dispose();
        var purgedNumbers = (await app.ClaimsAsync()).Select(c => c.Number).ToList();
        var (kept, _) = await ConfirmedAsync(app, client);
        var purge = app.App.Services.GetRequiredService<IntakePurge>();

        app.Clock.Advance(TimeSpan.FromDays(29));
        var early = await purge.RunOnceAsync();
        Assert.Equal((0, 0, 1, 1), (early.Submissions, early.Claims, early.PendingUploads, early.Files));
        Assert.Equal(4, (await app.ClaimsAsync()).Count);
        Assert.DoesNotContain(TestFiles.Hash(forgotten), TestFiles.Stored(app.Database.DataDirectory).Select(Path.GetFileName));

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var due = await purge.RunOnceAsync();

        Assert.Equal((1, 2, 0, 1), (due.Submissions, due.Claims, due.PendingUploads, due.Files));
        Assert.Equal(kept.Select(c => c.Number), (await app.ClaimsAsync()).Select(c => c.Number));
        Assert.All(await app.ClaimsAsync(), c => Assert.Equal("new", c.Status));
        Assert.DoesNotContain(TestFiles.Stored(app.Database.DataDirectory), f => !f.Contains($"{Path.DirectorySeparatorChar}tmp", StringComparison.Ordinal));
        Assert.Equal(1, await app.QueryAsync(db => db.Submissions.CountAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.Customers.CountAsync()));
        Assert.Empty(await app.QueryAsync(db => db.AuditEvents.Where(a => a.NewValue != null && purgedNumbers.Contains(a.NewValue)).ToListAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(a => a.EntityType == "submission" && a.Action == IntakePurge.PurgedAction)));
        Assert.Equal((0, 0, 0, 0), await purge.RunOnceAsync() is var again ? (again.Submissions, again.Claims, again.PendingUploads, again.Files) : default);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_tampered_or_expired_tracking_link_opens_nothing_and_a_refused_message_keeps_its_text(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var customer = app.App.CreateBrowserLikeClient();
        var (_, tracking) = await ConfirmedAsync(app, customer);
        var token = tracking.Split('/').Last();
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        foreach (var path in new[] { $"/track/{tampered}", $"/track/{tampered}/label.pdf", $"/track/{tampered}/confirmation.pdf", $"/track/{tampered}/files/1" })
        {
            using var response = await customer.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var trackPage = await customer.GetPageAsync(tracking);
        using var refused = await customer.PostMultipartAsync((IHtmlFormElement)trackPage.QuerySelector("[data-testid=message-form]")!,
            new Dictionary<string, string> { ["body"] = "Zażółć gęślą jaźń." }, [("files", "../../x.jpg", TestFiles.Jpeg())]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Equal("Zażółć gęślą jaźń.", page.QuerySelector("#message-body")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=errors]"));
        Assert.Empty(await app.QueryAsync(db => db.ClaimMessages.ToListAsync()));
        Assert.DoesNotContain(TestFiles.Stored(app.Database.DataDirectory), f => !f.Contains($"{Path.DirectorySeparatorChar}tmp", StringComparison.Ordinal));

        using (var label = await customer.GetAsync($"{tracking}/label.pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, label.StatusCode);
            Assert.Equal("application/pdf", label.Content.Headers.ContentType!.MediaType);
        }

        app.Clock.Advance(TimeSpan.FromDays(366));
        using var expired = await customer.GetAsync(tracking);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    /// <summary>The path of the first link in <paramref name="text"/> that contains <paramref name="marker"/>.</summary>
    private static string LinkIn(string text, string marker)
    {
        var url = UrlPattern().Matches(text).Select(m => m.Value).First(u => u.Contains(marker, StringComparison.Ordinal));
        return new Uri(url).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
