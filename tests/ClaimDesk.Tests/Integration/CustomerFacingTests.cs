using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.Notifications;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// What the claimant reads (issues 11 and 18): the decision on each item with the reason of a rejection in the status
/// e-mail and on the tracking page, in their language; who wrote to them, as the organisation; and the pages that
/// answer the links of our e-mails, also when a link opens nothing.
/// </summary>
public sealed partial class CustomerFacingTests
{
    private const string Organisation = "Elektro-Serwis Sp. z o.o.";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rejected_items_reason_reaches_the_claimant_in_the_status_email_and_on_the_tracking_page_in_Polish_and_Czech(
        DatabaseProvider provider)
    {
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var app = await MailingApp.StartAsync(provider, smtp);

        // A Polish claim of two items: one accepted, one rejected, in one move.
        var (polishId, polishNumber) = await CreateClaimAsync(app, "pl", "jan@example.pl", lines: 2);
        await TransitionAsync(app, polishId, "in_review");
        var pending = await TrackingPageAsync(app, smtp, "jan@example.pl", "pl");
        Assert.NotEmpty(pending.QuerySelectorAll("[data-testid=statutory-date]"));
        Assert.Equal(["Oczekuje na decyzję", "Oczekuje na decyzję"], Decisions(pending));

        const string PolishReason = "Uszkodzenie mechaniczne bębna, nie wada fabryczna.";
        await TransitionAsync(app, polishId, "accepted", new
        {
            to = "accepted",
            lines = new object[] { new { lineNo = 1, decision = "accepted" }, new { lineNo = 2, decision = "rejected", reason = PolishReason } },
        });
        var polishMail = await LastMailAsync(app, smtp, "jan@example.pl");
        Assert.Contains($"Nasza decyzja:\n- {polishNumber}-01 Pralka Amica PA-611: Uznana\n- {polishNumber}-02 Pralka Amica PA-612: Odrzucona (Powód: {PolishReason})",
            polishMail.Text!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var polishPage = await TrackingPageAsync(app, smtp, "jan@example.pl", "pl");
        Assert.Equal(["Uznana", "Odrzucona"], Decisions(polishPage));
        Assert.Equal($"Powód: {PolishReason}", polishPage.QuerySelector("[data-testid=line-2] [data-testid=line-reason]")!.TextContent.Trim());
        Assert.Null(polishPage.QuerySelector("[data-testid=line-1] [data-testid=line-reason]"));

        // Answered: the page no longer promises a response by the statutory date.
        Assert.Empty(polishPage.QuerySelectorAll("[data-testid=statutory-date]"));
        Assert.DoesNotContain("Musimy odpowiedzieć do", polishPage.Body!.TextContent, StringComparison.Ordinal);

        // A Czech claim rejected whole: the reason in Czech words around it.
        const string CzechReason = "Vada vznikla nesprávným používáním.";
        var (czechId, czechNumber) = await CreateClaimAsync(app, "cs", "jana@example.cz", lines: 1);
        await TransitionAsync(app, czechId, "rejected", new { to = "rejected", reason = CzechReason });
        var czechMail = await LastMailAsync(app, smtp, "jana@example.cz");
        Assert.StartsWith($"Reklamace {czechNumber}:", czechMail.Subject, StringComparison.Ordinal);
        Assert.Contains($"Naše rozhodnutí:\n- {czechNumber}-01 Pralka Amica PA-611: Zamítnutá (Důvod: {CzechReason})",
            czechMail.Text!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var czechPage = await TrackingPageAsync(app, smtp, "jana@example.cz", "cs");
        Assert.Equal(["Zamítnutá"], Decisions(czechPage));
        Assert.Equal($"Důvod: {CzechReason}", czechPage.QuerySelector("[data-testid=line-1] [data-testid=line-reason]")!.TextContent.Trim());
        Assert.Empty(czechPage.QuerySelectorAll("[data-testid=statutory-date]"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_status_change_before_any_decision_says_nothing_of_one_by_email_or_text_message(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["ClaimDesk:Organisation:Name"] = Organisation });
        var (emailId, emailNumber) = await CreateClaimAsync(app, "pl", "jan@example.pl", lines: 1);
        var (smsId, smsNumber) = await CreateClaimAsync(app, "en", null, lines: 1, phone: "+48 600 100 200");
        await TransitionAsync(app, emailId, "in_review");
        await TransitionAsync(app, smsId, "in_review");
        await TransitionAsync(app, smsId, "rejected", new { to = "rejected", reason = "Dropped." });

        var messages = await app.MessagesAsync();
        var mail = messages.Single(m => m.To == "jan@example.pl").TextBody.ReplaceLineEndings("\n");
        Assert.DoesNotContain("decyzja", mail, StringComparison.OrdinalIgnoreCase);
        Assert.Matches($@"to teraz: [^\n]+\.\n\nReklamację możesz śledzić tutaj:\n", mail);
        var texts = messages.Where(m => m.Kind == Web.Infrastructure.Mail.OutboxMessage.SmsKind).Select(m => m.TextBody).ToList();
        Assert.Equal(2, texts.Count);
        Assert.Matches($@"^{Regex.Escape(Organisation)}: complaint {smsNumber} is now: [^.]+\. http\S+/track/\S+$", texts[0]);
        Assert.Matches($@"^{Regex.Escape(Organisation)}: complaint {smsNumber} is now: [^.]+\. Our decision: {smsNumber}-01: Rejected \(Reason: Dropped\.\)\. http\S+/track/\S+$", texts[1]);
        Assert.NotEqual(emailNumber, smsNumber);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_message_from_staff_shows_the_organisation_not_the_staff_login_on_the_tracking_page_in_the_portal_and_in_the_email(
        DatabaseProvider provider)
    {
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var app = await MailingApp.StartAsync(provider, smtp, settings: new Dictionary<string, string?> { ["ClaimDesk:Organisation:Name"] = Organisation });
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app.App, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-100));
        var (id, _) = await CreateClaimAsync(app, "pl", "sklep@example.pl", lines: 1, customerCode: company.CustomerCode);
        var operatorEmail = await StaffAccounts.CreateAsync(app.App, StaffRole.Operator, "Olga Nowak");
        const string Reply = "Prosimy o zdjęcie tabliczki znamionowej.";
        await PostAsStaffAsync(app, operatorEmail, id, Reply);

        var mail = await LastMailAsync(app, smtp, "sklep@example.pl");
        Assert.Contains($"{Organisation} przesyła nową wiadomość w sprawie Twojej reklamacji", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(operatorEmail, mail.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Olga Nowak", mail.Text, StringComparison.Ordinal);

        var customer = app.App.CreateBrowserLikeClient();
        customer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        var page = await customer.GetPageAsync(LinkIn(mail.Text!, "/track/"));
        var entry = Assert.Single(page.QuerySelectorAll("[data-testid=timeline] li[data-kind=outbound]"));
        Assert.StartsWith($"Wiadomość od: {Organisation}:", entry.QuerySelector("strong")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(operatorEmail, page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);

        var partner = await PartnerAccounts.SignedInAsync(app.App, company.CustomerId);
        var portal = await partner.GetPageAsync($"/portal/claims/{id.ToString(CultureInfo.InvariantCulture)}");
        var portalEntry = Assert.Single(portal.QuerySelectorAll("[data-testid=timeline] li[data-kind=outbound]"));
        Assert.Contains(Reply, portalEntry.TextContent, StringComparison.Ordinal);
        Assert.Contains(Organisation, portalEntry.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(operatorEmail, portal.Body!.TextContent, StringComparison.OrdinalIgnoreCase);

        // Staff still see who wrote it.
        var stored = await app.QueryAsync(db => db.ClaimMessages.AsNoTracking().SingleAsync(m => m.ClaimId == id));
        Assert.Equal(operatorEmail, stored.AuthorName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task With_staff_names_shown_the_claimant_sees_the_display_name_with_the_organisation_and_still_no_address(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["ClaimDesk:Organisation:Name"] = Organisation, ["ClaimDesk:Organisation:ShowStaffNames"] = "true",
        });
        var (id, _) = await CreateClaimAsync(app, "cs", "jana@example.cz", lines: 1);
        var named = await StaffAccounts.CreateAsync(app.App, StaffRole.Operator, "Olga Nowak");
        var unnamed = await StaffAccounts.CreateAsync(app.App, StaffRole.Operator, "x@internal.example");
        await PostAsStaffAsync(app, named, id, "První zpráva.");
        await PostAsStaffAsync(app, unnamed, id, "Druhá zpráva.");

        var mails = (await app.MessagesAsync()).Where(m => m.To == "jana@example.cz").Select(m => m.TextBody).ToList();
        Assert.Contains($"Olga Nowak, {Organisation} Vám posílá novou zprávu", mails[0], StringComparison.Ordinal);
        Assert.Contains($"{Organisation} Vám posílá novou zprávu", mails[1], StringComparison.Ordinal);
        Assert.All(mails, m => Assert.DoesNotContain("@internal.example", m, StringComparison.Ordinal));

        var customer = app.App.CreateBrowserLikeClient();
        customer.DefaultRequestHeaders.AcceptLanguage.ParseAdd("cs");
        var page = await customer.GetPageAsync(LinkIn(mails[1], "/track/"));
        Assert.Equal([$"Zpráva od: Olga Nowak, {Organisation}:", $"Zpráva od: {Organisation}:"],
            page.QuerySelectorAll("[data-testid=timeline] li[data-kind=outbound] strong").Select(e => e.TextContent.Trim()));
        Assert.DoesNotContain(named, page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_page_after_activation_links_each_claims_tracking_page_and_label(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var client = app.App.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        var activation = await SubmitAsync(app, client);

        using var opened = await client.GetAsync(activation);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var page = await HtmlForms.ParseAsync(opened);
        var claims = await app.ClaimsAsync();
        var items = page.QuerySelectorAll("[data-testid=activated-claim]");
        Assert.Equal(claims.Select(c => c.Number), items.Select(i => i.QuerySelector("strong")!.TextContent));
        foreach (var (item, claim) in items.Zip(claims))
        {
            var tracking = await client.GetPageAsync(item.QuerySelector("[data-testid=tracking-link]")!.GetAttribute("href")!);
            Assert.Contains(claim.Number, tracking.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            using var label = await client.GetAsync(item.QuerySelector("[data-testid=label-link]")!.GetAttribute("href"));
            Assert.Equal(HttpStatusCode.OK, label.StatusCode);
            Assert.Equal("application/pdf", label.Content.Headers.ContentType!.MediaType);
            Assert.Contains(claim.Number, await PdfTools.TextAsync(await label.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }

        Assert.Equal("Etykieta RMA do wydruku (PDF)", items[0].QuerySelector("[data-testid=label-link]")!.TextContent);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Used_expired_and_unknown_links_show_the_consumer_where_to_go_on_in_their_language_with_their_status_codes(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var client = app.App.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("cs");
        var activation = await SubmitAsync(app, client);
        (await client.GetAsync(activation)).Dispose();
        var tracking = LinkIn((await app.MessagesAsync()).Last().TextBody, "/track/");
        var expiring = await SubmitAsync(app, client);
        var unknownToken = new string('A', 43);

        async Task<IHtmlDocument> ExpectAsync(string path, HttpStatusCode code, string heading)
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(code, response.StatusCode);
            var page = await HtmlForms.ParseAsync(response);
            Assert.Equal(heading, page.QuerySelector("main h1")!.TextContent.Trim());
            Assert.Equal(["/track", "/complaint/new"], page.QuerySelectorAll("[data-testid=consumer-links] a").Select(a => a.GetAttribute("href")));
            Assert.Equal(["Najít moji reklamaci", "Podat novou reklamaci"], page.QuerySelectorAll("[data-testid=consumer-links] a").Select(a => a.TextContent.Trim()));
            Assert.DoesNotContain("Zpět na přehled", page.Body!.TextContent, StringComparison.Ordinal);
            Assert.Null(page.QuerySelector("main a[href='/']"));
            return page;
        }

        await ExpectAsync(activation, HttpStatusCode.Gone, "Tento odkaz již byl použit");
        await ExpectAsync($"/complaint/activate/{unknownToken}", HttpStatusCode.NotFound, "Tento odkaz nefunguje");
        await ExpectAsync($"/track/{unknownToken}", HttpStatusCode.NotFound, "Tento odkaz nefunguje");
        await ExpectAsync($"/track/{unknownToken}/label.pdf", HttpStatusCode.NotFound, "Tento odkaz nefunguje");

        app.Clock.Advance(TimeSpan.FromDays(8));
        await ExpectAsync(expiring, HttpStatusCode.Gone, "Platnost tohoto odkazu vypršela");
        app.Clock.Advance(TimeSpan.FromDays(366));
        var expired = await ExpectAsync(tracking, HttpStatusCode.NotFound, "Platnost tohoto odkazu vypršela");
        Assert.NotNull(expired.QuerySelector("[data-testid=link-expired]"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_installation_from_before_decisions_gets_the_new_status_texts_unless_an_administrator_edited_them(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        const string Seeded = "Dzień dobry, {customer},\n\nstatus Twojej reklamacji {number} to teraz: {customer_status}.\n\nReklamację możesz śledzić tutaj:\n{tracking_link}\n\n{organisation}";
        const string Edited = "Reklamace {number}: {customer_status}. Náš vlastní text.";
        await app.QueryAsync(async db =>
        {
            var templates = await db.NotificationTemplates.Where(t => t.Event == NotificationEvent.StatusChanged && t.Channel == NotificationChannel.Email).ToListAsync();
            templates.Single(t => t.Language == "pl").Body = Seeded;
            templates.Single(t => t.Language == "cs").Body = Edited;
            return await db.SaveChangesAsync();
        });

        var script = SchemaScript.For(provider).Single(s => s.Name == "decision");
        await app.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = script.Sql;
            return await command.ExecuteNonQueryAsync();
        });

        var bodies = await app.QueryAsync(db => db.NotificationTemplates.AsNoTracking()
            .Where(t => t.Event == NotificationEvent.StatusChanged).ToDictionaryAsync(t => (t.Channel, t.Language), t => t.Body));
        Assert.Equal(NotificationDefaults.Template(NotificationEvent.StatusChanged, NotificationChannel.Email, "pl").Body, bodies[(NotificationChannel.Email, "pl")]);
        Assert.Contains("{decision}", bodies[(NotificationChannel.Email, "pl")], StringComparison.Ordinal);
        Assert.Equal(Edited, bodies[(NotificationChannel.Email, "cs")]);
        Assert.All(bodies.Where(b => b.Key != (NotificationChannel.Email, "cs") && b.Key.Channel != NotificationChannel.InApp),
            b => Assert.Contains("{decision}", b.Value, StringComparison.Ordinal));
    }

    private static async Task<string> SubmitAsync(MailingApp app, HttpClient client)
    {
        var form = new Dictionary<string, string>
        {
            ["Form.ContactName"] = "Jana Nováková",
            ["Form.ContactEmail"] = "jana@example.cz",
            ["Form.Language"] = "cs",
            ["Form.PurchaseDate"] = "2026-03-01",
            ["Form.Items[0].ProductName"] = "Pračka Amica PA-612",
            ["Form.Items[0].Quantity"] = "1",
            ["Form.Items[0].FaultDescription"] = "Neodstřeďuje.",
            ["Form.Items[1].ProductName"] = "Rychlovarná konvice Bosch",
            ["Form.Items[1].Quantity"] = "1",
            ["Form.Items[1].FaultDescription"] = "Prasklý kryt.",
            ["Form.PrivacyAccepted"] = "true",
        };
        using var sent = await client.SubmitFormAsync("/complaint/new", form, "#intake-form");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return LinkIn((await app.MessagesAsync()).Last(m => m.TextBody.Contains("/complaint/activate/", StringComparison.Ordinal)).TextBody, "/complaint/activate/");
    }

    private static async Task<(long Id, string Number)> CreateClaimAsync(
        MailingApp app, string language, string? email, int lines, string? phone = null, string? customerCode = null)
    {
        // What these tests follow is the mail after intake: the claim's acknowledgement stays out of their outbox.
        await app.AcknowledgeIntakeAsync(false);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var claim = ApiClients.NewClaim(lines);
        claim["contact"] = new Dictionary<string, object?>
        {
            ["name"] = "Jan Kowalski", ["email"] = email, ["phone"] = phone, ["language"] = language,
            ["preferredChannel"] = email is null ? "sms" : "email",
        };
        if (customerCode is not null)
        {
            claim["customer"] = new Dictionary<string, object?> { ["code"] = customerCode, ["name"] = "Sklep" };
        }

        using var response = await api.PostJsonAsync("/api/v1/claims", claim);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetInt64(), json.GetProperty("number").GetString()!);
    }

    private static async Task TransitionAsync(MailingApp app, long id, string to, object? body = null)
    {
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        using var response = await api.PostJsonAsync($"/api/v1/claims/{id.ToString(CultureInfo.InvariantCulture)}/transitions", body ?? new { to });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task PostAsStaffAsync(MailingApp app, string email, long claimId, string body)
    {
        var staff = app.App.CreateBrowserLikeClient();
        (await staff.SignInAsync(email, StaffAccounts.Password)).Dispose();
        var card = await staff.GetPageAsync($"/Claims/{claimId.ToString(CultureInfo.InvariantCulture)}");
        using var posted = await staff.PostMultipartAsync((IHtmlFormElement)card.QuerySelector("[data-testid=message-form]")!,
            new Dictionary<string, string> { ["kind"] = MessageKind.Outbound, ["body"] = body }, []);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
    }

    /// <summary>Sends what the outbox holds to the SMTP server; the last e-mail it received for <paramref name="to"/>.</summary>
    private static async Task<ReceivedMail> LastMailAsync(MailingApp app, SmtpServer smtp, string to)
    {
        while (await app.Dispatcher.DispatchOnceAsync() > 0)
        {
        }

        var sent = await app.MessagesAsync();
        var last = sent.Last(m => m.To == to);
        return (await smtp.MessagesAsync()).Single(m => m.MessageId.Contains(last.InternetMessageId.Trim('<', '>'), StringComparison.Ordinal));
    }

    /// <summary>The tracking page the last status e-mail to <paramref name="to"/> links, read in <paramref name="language"/>.</summary>
    private static async Task<IHtmlDocument> TrackingPageAsync(MailingApp app, SmtpServer smtp, string to, string language)
    {
        var mail = await LastMailAsync(app, smtp, to);
        var customer = app.App.CreateBrowserLikeClient();
        customer.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return await customer.GetPageAsync(LinkIn(mail.Text!, "/track/"));
    }

    private static List<string> Decisions(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=lines] [data-testid=line-decision]").Select(e => e.TextContent.Trim())];

    /// <summary>The path of the first link in <paramref name="text"/> that contains <paramref name="marker"/>.</summary>
    private static string LinkIn(string text, string marker)
    {
        var url = UrlPattern().Matches(text).Select(m => m.Value).First(u => u.Contains(marker, StringComparison.Ordinal));
        return new Uri(url).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
