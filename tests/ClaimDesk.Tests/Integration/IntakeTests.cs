using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>Consumer web intake: the public form, the activation link, the acknowledgement with its PDF, tracking.</summary>
public sealed partial class IntakeTests
{
    private const string Polish = "Zażółć gęślą jaźń";
    private const string Email = "zazolc@example.pl";

    private static Dictionary<string, string> TwoItems() => new()
    {
        ["Form.ContactName"] = Polish,
        ["Form.ContactEmail"] = Email,
        ["Form.ContactPhone"] = "+48 600 100 200",
        ["Form.Language"] = "pl",
        ["Form.Shop"] = "Sklep Żółw",
        ["Form.PurchaseDate"] = "2026-03-01",
        ["Form.ReceiptNumber"] = "PAR/2026/ŁÓDŹ/7",
        ["Form.Items[0].ProductName"] = "Pralka Amica PA-612",
        ["Form.Items[0].SerialNumber"] = "SN-ŻÓŁW-1",
        ["Form.Items[0].Quantity"] = "1",
        ["Form.Items[0].FaultDescription"] = $"{Polish}: nie wiruje.",
        ["Form.Items[1].ProductName"] = "Suszarka Bosch WTX87",
        ["Form.Items[1].SerialNumber"] = "SN-2",
        ["Form.Items[1].Quantity"] = "2",
        ["Form.Items[1].FaultDescription"] = $"{Polish}: hałasuje.",
        ["Form.RequestedRemedy"] = "replacement",
        ["Form.DeliveryMethod"] = "courier_pickup",
        ["Form.PickupAddress"] = "ul. Długa 5\n00-001 Warszawa\nPolska",
        ["Form.LegalBasis"] = "conformity",
        ["Form.PrivacyAccepted"] = "true",
    };

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_items_become_two_unconfirmed_claims_that_the_emailed_link_confirms_with_a_PDF_and_a_tracking_page(DatabaseProvider provider)
    {
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var app = await MailingApp.StartAsync(provider, smtp);
        var client = app.App.CreateBrowserLikeClient();

        using var sent = await client.SubmitFormAsync("/complaint/new", TwoItems(), "#intake-form");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/complaint/sent", sent.Headers.Location!.OriginalString);

        var claims = await app.ClaimsAsync();
        Assert.Equal(2, claims.Count);
        Assert.All(claims, c => Assert.Equal("unconfirmed", c.Status));
        Assert.All(claims, c => Assert.Equal(Channel.Web, c.Channel));
        Assert.All(claims, c => Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, c.ReceivedAt));
        Assert.NotEqual(claims[0].Number, claims[1].Number);
        Assert.Equal($"{Polish}: nie wiruje.", Assert.Single(claims[0].Lines).FaultDescription);
        Assert.Equal($"{Polish}: hałasuje.", Assert.Single(claims[1].Lines).FaultDescription);

        var staff = app.App.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app.App, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        var list = await (await staff.GetAsync("/Claims")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(claims[0].Number, list, StringComparison.Ordinal);
        Assert.DoesNotContain(claims[1].Number, list, StringComparison.Ordinal);

        Assert.Equal(1, await app.Dispatcher.DispatchOnceAsync());
        var activation = Assert.Single(await smtp.MessagesAsync());
        Assert.Equal(Email, activation.To);
        Assert.Equal("Potwierdź swoją reklamację", activation.Subject);
        var link = LinkIn(activation.Text!, "/complaint/activate/");
        Assert.Equal(43, link.Split('/').Last().Length);

        using var opened = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var openedPage = await HtmlForms.ParseAsync(opened);
        Assert.Contains(claims[0].Number, openedPage.QuerySelector("[data-testid=activated]")!.TextContent, StringComparison.Ordinal);

        claims = await app.ClaimsAsync();
        Assert.All(claims, c => Assert.Equal("new", c.Status));
        list = await (await staff.GetAsync("/Claims")).Content.ReadAsStringAsync();
        Assert.Contains(claims[0].Number, list, StringComparison.Ordinal);
        Assert.Contains(claims[1].Number, list, StringComparison.Ordinal);
        var confirmedBy = await app.QueryAsync(db => db.AuditEvents.Where(a => a.Action == "status_changed" && a.NewValue == "new")
            .Select(a => a.ActorType).ToListAsync());
        Assert.Equal(["system", "system"], confirmedBy);

        Assert.Equal(1, await app.Dispatcher.DispatchOnceAsync());
        var acknowledgement = Assert.Single(await smtp.MessagesAsync(), m => m.MessageId != activation.MessageId);
        Assert.Contains(claims[0].Number, acknowledgement.Subject, StringComparison.Ordinal);
        Assert.Contains(claims[1].Number, acknowledgement.Subject, StringComparison.Ordinal);
        Assert.Equal($"{claims[0].Number}.pdf|application/pdf", string.Join('|', Assert.Single(acknowledgement.Attachments).Split('|')[..2]));

        var pdf = await app.QueryAsync(db => db.OutboxAttachments.Select(a => a.Content).SingleAsync());
        var text = Regex.Replace(await PdfTools.TextAsync(pdf), @"\s+", " ");
        Assert.Contains(claims[0].Number, text, StringComparison.Ordinal);
        Assert.Contains(claims[1].Number, text, StringComparison.Ordinal);
        Assert.Contains($"{Polish}: nie wiruje.", text, StringComparison.Ordinal);
        Assert.Contains($"{Polish}: hałasuje.", text, StringComparison.Ordinal);
        Assert.Contains("Wymiana", text, StringComparison.Ordinal);
        Assert.Contains(Email, text, StringComparison.Ordinal);

        var tracking = LinkIn(acknowledgement.Text!, "/track/");
        var customerLabel = await app.QueryAsync(db => db.WorkflowStatuses.Where(s => s.Code == "new").Select(s => s.CustomerLabel).FirstAsync());
        var anonymous = app.App.CreateBrowserLikeClient();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        var trackPage = await anonymous.GetPageAsync(tracking);
        Assert.Equal(customerLabel.In("pl"), trackPage.QuerySelector("[data-testid=customer-status]")!.TextContent);
        Assert.Equal(2, trackPage.QuerySelectorAll("[data-testid=timeline] li").Length);
        Assert.Contains(claims[0].Number, trackPage.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        using var again = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(again)).QuerySelector("[data-testid=link-used]"));
        Assert.Equal(0, await app.Dispatcher.DispatchOnceAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Webhooks_hear_of_a_web_complaint_when_it_is_confirmed_not_when_it_is_sent(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Web.Features.Admin.Webhooks.WebhookAdministration>().CreateAsync(
                new Web.Features.Admin.Webhooks.WebhookForm
                {
                    Name = "ERP", Url = "https://erp.example.com/events", Events = [.. Web.Features.Webhooks.WebhookEvent.All],
                }, Actor.System);
        }

        var client = app.App.CreateBrowserLikeClient();
        (await client.SubmitFormAsync("/complaint/new", TwoItems(), "#intake-form")).Dispose();
        Assert.Equal(0, await app.QueryAsync(db => db.WebhookDeliveries.CountAsync()));

        (await client.GetAsync(LinkIn((await app.MessagesAsync()).Single().TextBody, "/complaint/activate/"))).Dispose();
        var deliveries = await app.QueryAsync(db => db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => new { d.Event, d.ClaimNumber, d.Message!.TextBody }).ToListAsync());
        Assert.Equal((await app.ClaimsAsync()).Select(c => ("claim.created", c.Number)), deliveries.Select(d => (d.Event, d.ClaimNumber)));
        Assert.All(deliveries, d => Assert.Contains("\"status\":\"new\"", d.TextBody, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_expired_link_says_so_and_a_tampered_or_unknown_one_is_not_found(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var client = app.App.CreateBrowserLikeClient();
        (await client.SubmitFormAsync("/complaint/new", TwoItems(), "#intake-form")).Dispose();
        var link = LinkIn((await app.MessagesAsync()).Single().TextBody, "/complaint/activate/");
        var token = link.Split('/').Last();
        var tampered = link[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        using var tamperedAnswer = await client.GetAsync(tampered);
        using var unknown = await client.GetAsync("/complaint/activate/nonsense");
        Assert.Equal(HttpStatusCode.NotFound, tamperedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        using var expired = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(expired)).QuerySelector("[data-testid=link-expired]"));
        Assert.All(await app.ClaimsAsync(), c => Assert.Equal("unconfirmed", c.Status));
        Assert.Single(await app.MessagesAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Find_my_claim_answers_the_same_for_a_claim_that_exists_and_one_that_does_not(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var client = app.App.CreateBrowserLikeClient();
        (await client.SubmitFormAsync("/complaint/new", TwoItems(), "#intake-form")).Dispose();
        (await client.GetAsync(LinkIn((await app.MessagesAsync()).Single().TextBody, "/complaint/activate/"))).Dispose();
        var number = (await app.ClaimsAsync())[0].Number;
        var before = (await app.MessagesAsync()).Count;

        async Task<(HttpStatusCode, string)> FindAsync(string claimNumber, string email)
        {
            using var response = await client.SubmitFormAsync("/track", new Dictionary<string, string> { ["Number"] = claimNumber, ["Email"] = email });
            var page = await HtmlForms.ParseAsync(response);
            foreach (var hidden in page.QuerySelectorAll("input[type=hidden]").ToList())
            {
                hidden.Remove();
            }

            return (response.StatusCode, page.QuerySelector("main")?.InnerHtml ?? page.Body!.InnerHtml);
        }

        var existing = await FindAsync(number, Email.ToUpperInvariant());
        var wrongEmail = await FindAsync(number, "someone@example.pl");
        var noSuchClaim = await FindAsync("RMA-1999-000001", Email);

        Assert.Equal(HttpStatusCode.OK, existing.Item1);
        Assert.Equal(existing, wrongEmail);
        Assert.Equal(existing, noSuchClaim);
        var outbox = await app.MessagesAsync();
        Assert.Equal(before + 1, outbox.Count);
        var mail = outbox[^1];
        Assert.Equal(Email, mail.To);
        var trackPage = await app.App.CreateBrowserLikeClient().GetPageAsync(LinkIn(mail.TextBody, "/track/"));
        Assert.Contains(number, trackPage.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_bot_that_fills_the_honeypot_is_told_the_same_and_nothing_is_saved_or_sent(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var client = app.App.CreateBrowserLikeClient();
        var form = TwoItems();
        form["Form.Website"] = "http://spam.example";

        using var sent = await client.SubmitFormAsync("/complaint/new", form, "#intake-form");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/complaint/sent", sent.Headers.Location!.OriginalString);
        Assert.Empty(await app.ClaimsAsync());
        Assert.Empty(await app.MessagesAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_form_with_mistakes_comes_back_with_the_errors_by_field_and_everything_typed(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var client = app.App.CreateBrowserLikeClient();
        var form = TwoItems();
        form["Form.Items[1].FaultDescription"] = "";
        form["Form.PurchaseDate"] = "31.02.2026";
        form["Form.PrivacyAccepted"] = "false";

        using var answer = await client.SubmitFormAsync("/complaint/new", form, "#intake-form");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await HtmlForms.ParseAsync(answer);
        Assert.NotNull(page.QuerySelector("[data-field='lines[1].faultDescription']"));
        Assert.NotNull(page.QuerySelector("[data-field=purchaseDate]"));
        Assert.NotNull(page.QuerySelector("[data-field=privacyAccepted]"));
        Assert.Equal($"{Polish}: nie wiruje.", page.QuerySelector("#item-0-fault")!.TextContent);
        Assert.Equal("PAR/2026/ŁÓDŹ/7", page.QuerySelector("#Form_ReceiptNumber")!.GetAttribute("value"));
        Assert.Equal("31.02.2026", page.QuerySelector("#Form_PurchaseDate")!.GetAttribute("value"));
        Assert.Empty(await app.ClaimsAsync());
    }

    [Fact]
    public async Task The_form_answers_429_after_the_limit_per_client()
    {
        await using var app = await MailingApp.StartAsync(DatabaseProvider.Sqlite, intakePerMinute: 3);
        var client = app.App.CreateBrowserLikeClient();
        var form = TwoItems();
        form["Form.Website"] = "bot";
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.SubmitFormAsync("/complaint/new", form, "#intake-form");
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Too many attempts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], codes);
    }

    [Fact]
    public async Task Thirty_submissions_a_minute_from_one_client_get_a_friendly_429_page_beyond_the_default_limit()
    {
        var limit = new RateLimitOptions().IntakePerMinute;
        await using var app = await MailingApp.StartAsync(DatabaseProvider.Sqlite, intakePerMinute: limit);
        var client = app.App.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        var codes = new List<HttpStatusCode>();
        var started = DateTime.UtcNow;
        for (var i = 0; i < 30; i++)
        {
            using var response = await client.SubmitFormAsync("/complaint/new", TwoItems(), "#intake-form");
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var page = await HtmlForms.ParseAsync(response);
                Assert.Contains("Zbyt wiele prób", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            }
        }

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(1), "The thirty submissions took longer than the window.");
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, limit), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 30 - limit)], codes);
        Assert.Equal(2 * limit, (await app.ClaimsAsync()).Count);
        Assert.Equal(limit, (await app.MessagesAsync()).Count);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Consumers_submit_while_SMTP_is_down_and_once_it_is_back_every_email_arrives_exactly_once(DatabaseProvider provider)
    {
        await using var smtp = new SmtpServer();
        await using var app = await MailingApp.StartAsync(provider, smtp);
        const int Consumers = 5;
        var clients = Enumerable.Range(0, Consumers).Select(_ => app.App.CreateBrowserLikeClient()).ToList();

        // Five consumers submit at once while a dispatch round finds the SMTP server down.
        var submissions = clients.Select(async (client, i) =>
        {
            var form = TwoItems();
            form["Form.ContactEmail"] = $"klient{i}@example.pl";
            using var response = await client.SubmitFormAsync("/complaint/new", form, "#intake-form");
            return response.StatusCode;
        }).ToList();
        var round = app.Dispatcher.DispatchOnceAsync();
        Assert.All(await Task.WhenAll(submissions), code => Assert.Equal(HttpStatusCode.Redirect, code));
        await round;
        Assert.True(await app.Dispatcher.DispatchOnceAsync() >= 0);
        Assert.Equal(2 * Consumers, (await app.ClaimsAsync()).Count);
        Assert.Empty(await smtp.MessagesAsync());

        await smtp.StartAsync();
        app.Clock.Advance(OutboxDispatcher.LongestRetry);
        while (await app.Dispatcher.DispatchOnceAsync() > 0)
        {
        }

        var activations = await smtp.MessagesAsync();
        Assert.Equal(Enumerable.Range(0, Consumers).Select(i => $"klient{i}@example.pl"), activations.Select(m => m.To).Order(StringComparer.Ordinal));
        foreach (var (client, i) in clients.Select((c, i) => (c, i)))
        {
            var mail = activations.Single(m => m.To == $"klient{i}@example.pl");
            using var opened = await client.GetAsync(LinkIn(mail.Text!, "/complaint/activate/"));
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        while (await app.Dispatcher.DispatchOnceAsync() > 0)
        {
        }

        var received = await smtp.MessagesAsync();
        Assert.Equal(2 * Consumers, received.Count);
        Assert.Equal(received.Count, received.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await app.MessagesAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.All(await app.ClaimsAsync(), c => Assert.Equal("new", c.Status));
    }

    [Theory]
    [InlineData("pl", "Sklep:")]
    [InlineData("cs", "Obchod:")]
    public async Task The_shop_is_captioned_in_the_claimants_language_in_the_description_and_the_confirmation_PDF(string language, string caption)
    {
        await using var app = await MailingApp.StartAsync(DatabaseProvider.Sqlite);
        var client = app.App.CreateBrowserLikeClient();
        var form = TwoItems();
        form["Form.Language"] = language;
        form["Form.Shop"] = "Media Expert Łódź";
        form["Form.Notes"] = "Kupione w promocji.";

        (await client.SubmitFormAsync("/complaint/new", form, "#intake-form")).Dispose();
        (await client.GetAsync(LinkIn((await app.MessagesAsync()).Single().TextBody, "/complaint/activate/"))).Dispose();

        var claims = await app.ClaimsAsync();
        Assert.Equal(2, claims.Count);
        Assert.All(claims, c => Assert.Equal($"{caption} Media Expert Łódź\nKupione w promocji.", c.Description));
        var pdf = await app.QueryAsync(db => db.OutboxAttachments.Select(a => a.Content).SingleAsync());
        var text = Regex.Replace(await PdfTools.TextAsync(pdf), @"\s+", " ");
        Assert.Contains($"{caption} Media Expert Łódź", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Shop", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        await using var app = await MailingApp.StartAsync(DatabaseProvider.Sqlite);
        var client = app.App.CreateBrowserLikeClient();
        using var response = await client.PostAsync("/complaint/new", new FormUrlEncodedContent(TwoItems()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await app.ClaimsAsync());
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
