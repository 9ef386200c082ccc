using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Repairs;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.Admin.Webhooks;
using ClaimDesk.Web.Features.Documents;
using ClaimDesk.Web.Features.Webhooks;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// The paid repair (issue 13, point 6): a quote sent by e-mail with its PDF, answered by the claimant on the tracking
/// page or in the portal, which moves the claim on; the repair recorded, the invoice issued; a webhook event per step
/// with the amounts.
/// </summary>
public sealed class RepairQuoteTests
{
    private const string Secret = "erp-repair-secret-0123456789";

    private static readonly string[] RepairEvents =
        [WebhookEvent.RepairQuoteSent, WebhookEvent.RepairQuoteAccepted, WebhookEvent.RepairQuoteDeclined, WebhookEvent.RepairCompleted, WebhookEvent.RepairInvoiced];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_repair_quote_accepted_on_the_tracking_page_moves_the_claim_on_and_emits_the_webhook_event(DatabaseProvider provider)
    {
        await using var receiver = new HttpReceiver();
        receiver.Start();
        await using var app = await MailingApp.StartAsync(provider);
        await AddWebhookAsync(app, receiver.UrlOf("/erp"));
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (claimId, number) = await CreateClaimAsync(api);

        var quote = await SendQuoteAsync(api, claimId, app);
        Assert.Equal("sent", quote.GetProperty("status").GetString());
        Assert.Equal(470.50m, quote.GetProperty("total").GetDecimal());
        var quoteId = quote.GetProperty("id").GetInt64();

        // The claimant's e-mail: the tracking link, and the quote PDF as a document of the claim made when it is sent.
        var mail = (await app.MessagesAsync()).Single(m => m.Kind == OutboxMessage.EmailKind && m.Subject.Contains(number + "-Q1", StringComparison.Ordinal));
        Assert.Equal("jan.kowalski@example.pl", mail.To);
        Assert.Equal(DocumentsOutbox.Named(DocumentKinds.RepairQuote, claimId), mail.Document);
        var tracking = LinkIn(mail.TextBody, "/track/");

        var customer = app.App.CreateBrowserLikeClient();
        var page = await customer.GetPageAsync(tracking);
        var section = page.QuerySelector("[data-testid=repair-quote]")!;
        Assert.Equal("sent", section.GetAttribute("data-status"));
        Assert.Contains("Wymiana łożyska", section.TextContent, StringComparison.Ordinal);
        using (var accepted = await customer.SubmitFormAsync(tracking, Answer(quoteId, "accept"), "[data-testid=repair-answer-form]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var claim = await app.QueryAsync(db => db.Claims.AsNoTracking().SingleAsync(c => c.Id == claimId));
        Assert.Equal("in_diagnosis", claim.Status);
        var stored = await QuoteAsync(app, quoteId);
        Assert.Equal((RepairQuoteStatus.Accepted, RepairAnswerChannel.TrackingPage), (stored.Status, stored.AnswerChannel));
        Assert.Equal("jan.kowalski@example.pl", stored.AnsweredBy);

        // The page shows the answer and no buttons; the same answer posted again from the old page changes nothing.
        page = await customer.GetPageAsync(tracking);
        Assert.Null(page.QuerySelector("[data-testid=repair-answer-form]"));
        Assert.Equal("accepted", page.QuerySelector("[data-testid=repair-quote]")!.GetAttribute("data-status"));
        Assert.NotNull(page.QuerySelector("[data-testid=repair-answer]"));
        using (var again = await customer.PostAsync(tracking + "?handler=RepairAnswer", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", section.Closest("body")!.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
             new("quoteId", quoteId.ToString(CultureInfo.InvariantCulture)), new("answer", "decline")])))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        Assert.Equal((RepairQuoteStatus.Accepted, stored.AnsweredAt), ((await QuoteAsync(app, quoteId)).Status, (await QuoteAsync(app, quoteId)).AnsweredAt));
        Assert.Equal("in_diagnosis", (await app.QueryAsync(db => db.Claims.AsNoTracking().SingleAsync(c => c.Id == claimId))).Status);

        await DispatchAllDueAsync(app);
        var events = receiver.Requests.Select(r => (Event: r.Header("X-ClaimDesk-Event"), Body: JsonDocument.Parse(r.Body).RootElement)).ToList();
        Assert.Equal([WebhookEvent.RepairQuoteSent, WebhookEvent.RepairQuoteAccepted], events.Select(e => e.Event));
        var acceptedEvent = events[1].Body;
        Assert.Equal("in_diagnosis", acceptedEvent.GetProperty("claim").GetProperty("status").GetString());
        var repair = acceptedEvent.GetProperty("repair");
        Assert.Equal((470.50m, "PLN", number + "-Q1", "accepted"),
            (repair.GetProperty("total").GetDecimal(), repair.GetProperty("currency").GetString(), repair.GetProperty("number").GetString(),
             repair.GetProperty("status").GetString()));
        Assert.Equal(2, repair.GetProperty("lines").GetArrayLength());

        // The quote PDF went out with the e-mail and is kept in the claim's documents; its text holds the amounts.
        var document = Assert.Single(await DocumentsAsync(app, claimId), d => d.Kind == DocumentKinds.RepairQuote);
        Assert.NotNull(document.SentAt);
        var text = await PdfTools.TextAsync(await DocumentBytesAsync(app, claimId, document.Id));
        Assert.Contains(number + "-Q1", text, StringComparison.Ordinal);
        Assert.Contains("Wymiana łożyska", text, StringComparison.Ordinal);
        Assert.Contains("PLN", text, StringComparison.Ordinal);

        var history = await app.QueryAsync(db => db.AuditEvents.AsNoTracking()
            .Where(a => a.EntityId == claimId.ToString(CultureInfo.InvariantCulture) && a.Action.StartsWith("repair_")).Select(a => a.Action).ToListAsync());
        Assert.Contains(RepairQuote.SentAction, history);
        Assert.Contains(RepairQuote.AcceptedAction, history);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_declines_a_repair_quote_in_the_portal_and_the_claim_moves_to_the_decline_status(DatabaseProvider provider)
    {
        await using var receiver = new HttpReceiver();
        receiver.Start();
        await using var app = await MailingApp.StartAsync(provider);
        await AddWebhookAsync(app, receiver.UrlOf("/erp"));
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (claimId, _) = await CreateClaimAsync(api);
        var quoteId = (await SendQuoteAsync(api, claimId, app)).GetProperty("id").GetInt64();
        var customerId = (await app.QueryAsync(db => db.Claims.AsNoTracking().SingleAsync(c => c.Id == claimId))).CustomerId!.Value;

        var partner = await PartnerAccounts.SignedInAsync(app.App, customerId);
        var path = $"/portal/claims/{claimId}";
        using (var declined = await partner.SubmitFormAsync(path, Answer(quoteId, "decline"), "[data-testid=repair-answer-form]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        }

        Assert.Equal("cancelled", (await app.QueryAsync(db => db.Claims.AsNoTracking().SingleAsync(c => c.Id == claimId))).Status);
        var stored = await QuoteAsync(app, quoteId);
        Assert.Equal((RepairQuoteStatus.Declined, RepairAnswerChannel.Portal), (stored.Status, stored.AnswerChannel));
        Assert.Equal("declined", (await partner.GetPageAsync(path)).QuerySelector("[data-testid=repair-quote]")!.GetAttribute("data-status"));

        // Another company's partner does not see the RMA, nor answer its quote.
        var otherCompany = await app.QueryAsync(async db =>
        {
            var other = new Core.Customers.Customer { Name = "Inna Firma", Type = CustomerType.Business, CreatedAt = DateTime.UtcNow };
            db.Customers.Add(other);
            await db.SaveChangesAsync();
            return other.Id;
        });
        var stranger = await PartnerAccounts.SignedInAsync(app.App, otherCompany);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);

        await DispatchAllDueAsync(app);
        var declinedEvent = receiver.Requests.Single(r => r.Header("X-ClaimDesk-Event") == WebhookEvent.RepairQuoteDeclined);
        var body = JsonDocument.Parse(declinedEvent.Body).RootElement;
        Assert.Equal("cancelled", body.GetProperty("claim").GetProperty("status").GetString());
        Assert.Equal(470.50m, body.GetProperty("repair").GetProperty("total").GetDecimal());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_repair_accepted_through_the_API_is_invoiced_after_the_repair_is_recorded(DatabaseProvider provider)
    {
        await using var receiver = new HttpReceiver();
        receiver.Start();
        await using var app = await MailingApp.StartAsync(provider);
        await AddWebhookAsync(app, receiver.UrlOf("/erp"));
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (claimId, number) = await CreateClaimAsync(api);
        var quoteId = (await SendQuoteAsync(api, claimId, app)).GetProperty("id").GetInt64();
        var quotes = $"/api/v1/claims/{Uri.EscapeDataString(number)}/repair-quotes";

        using (var early = await api.PostJsonAsync($"{quotes}/{quoteId}/invoice", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        using (var accepted = await api.PostJsonAsync($"{quotes}/{quoteId}/accept", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal("api", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("answerChannel").GetString());
        }

        using (var twice = await api.PostJsonAsync($"{quotes}/{quoteId}/accept", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        using (var invoiceFirst = await api.PostJsonAsync($"{quotes}/{quoteId}/invoice", new { }))
        {
            Assert.Equal(HttpStatusCode.Conflict, invoiceFirst.StatusCode);
        }

        using (var repaired = await api.PostJsonAsync($"{quotes}/{quoteId}/repaired", new { report = "Wymieniono łożysko bębna." }))
        {
            Assert.Equal(HttpStatusCode.OK, repaired.StatusCode);
        }

        using (var invoiced = await api.PostJsonAsync($"{quotes}/{quoteId}/invoice", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, invoiced.StatusCode);
            var json = await invoiced.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("invoiced", number + "-F1"), (json.GetProperty("status").GetString(), json.GetProperty("invoiceNumber").GetString()));
        }

        var listed = await api.GetFromJsonAsync<JsonElement>(quotes);
        Assert.Equal("invoiced", Assert.Single(listed.EnumerateArray()).GetProperty("status").GetString());

        await DispatchAllDueAsync(app);
        Assert.Equal([WebhookEvent.RepairQuoteSent, WebhookEvent.RepairQuoteAccepted, WebhookEvent.RepairCompleted, WebhookEvent.RepairInvoiced],
            receiver.Requests.Select(r => r.Header("X-ClaimDesk-Event")));
        var repair = JsonDocument.Parse(receiver.Requests[^1].Body).RootElement.GetProperty("repair");
        Assert.Equal((number + "-F1", 470.50m, "PLN"),
            (repair.GetProperty("invoiceNumber").GetString(), repair.GetProperty("total").GetDecimal(), repair.GetProperty("currency").GetString()));

        var invoiceMail = (await app.MessagesAsync()).Single(m => m.Document == DocumentsOutbox.Named(DocumentKinds.RepairInvoice, claimId));
        Assert.Equal(OutboxStatus.Sent, invoiceMail.Status);
        var invoice = Assert.Single(await DocumentsAsync(app, claimId), d => d.Kind == DocumentKinds.RepairInvoice);
        var text = await PdfTools.TextAsync(await DocumentBytesAsync(app, claimId, invoice.Id));
        Assert.Contains(number + "-F1", text, StringComparison.Ordinal);
        Assert.Contains("Wymieniono łożysko bębna.", text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_strangers_tracking_link_cannot_answer_another_claims_quote(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (victimId, victimNumber) = await CreateClaimAsync(api);
        var victimQuote = (await SendQuoteAsync(api, victimId, app)).GetProperty("id").GetInt64();
        var (strangerId, strangerNumber) = await CreateClaimAsync(api);
        await SendQuoteAsync(api, strangerId, app);
        var strangerMail = (await app.MessagesAsync()).Single(m => m.Subject.Contains(strangerNumber + "-Q1", StringComparison.Ordinal));
        var strangerTracking = LinkIn(strangerMail.TextBody, "/track/");

        var stranger = app.App.CreateBrowserLikeClient();
        using (var refused = await stranger.SubmitFormAsync(strangerTracking, Answer(victimQuote, "accept"), "[data-testid=repair-answer-form]"))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var page = await stranger.GetPageAsync(strangerTracking);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var forged = await stranger.PostAsync($"/track/{new string('x', strangerTracking.Split('/').Last().Length)}?handler=RepairAnswer",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("quoteId", victimQuote.ToString(CultureInfo.InvariantCulture)), new("answer", "accept")])))
        {
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }

        Assert.Equal(RepairQuoteStatus.Sent, (await QuoteAsync(app, victimQuote)).Status);
        Assert.Equal("new", (await app.QueryAsync(db => db.Claims.AsNoTracking().SingleAsync(c => c.Id == victimId))).Status);
        Assert.DoesNotContain(victimNumber, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_quote_names_only_statuses_the_workflow_reaches_and_refuses_items_under_warranty(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (claimId, _) = await CreateClaimAsync(api);
        var path = $"/api/v1/claims/{claimId}/repair-quotes";
        var validUntil = (await Today(app)).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using (var unreachable = await api.PostJsonAsync(path, new
        {
            lines = new[] { new { description = "Robocizna", amount = 150m } }, currency = "PLN", validUntil, acceptStatus = "resolved",
        }))
        {
            Assert.Equal(HttpStatusCode.Conflict, unreachable.StatusCode);
            var problem = await unreachable.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("no transition from new to resolved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("in_diagnosis", problem.GetProperty("allowedTransitions").EnumerateArray().Select(e => e.GetString()));
        }

        await app.QueryAsync(db => db.ClaimLines.Where(l => l.ClaimId == claimId).ExecuteUpdateAsync(l => l.SetProperty(x => x.UnderWarranty, true)));
        using (var warranty = await api.PostJsonAsync(path, new
        {
            lines = new[] { new { description = "Robocizna", amount = 150m, lineNo = 1 } }, currency = "PLN", validUntil,
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, warranty.StatusCode);
            Assert.Contains("lines[0].lineNo", await warranty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var zero = await api.PostJsonAsync(path, new { lines = new[] { new { description = "Robocizna", amount = 0.5m - 0.5m } }, currency = "PLN", validUntil }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        }

        Assert.Empty(await app.QueryAsync(db => db.RepairQuotes.ToListAsync()));
    }

    private static Dictionary<string, string> Answer(long quoteId, string answer) => new()
    {
        ["quoteId"] = quoteId.ToString(CultureInfo.InvariantCulture),
        ["answer"] = answer,
    };

    private static Task<DateOnly> Today(MailingApp app) => Task.FromResult( app.App.Services.GetRequiredService<OrganisationClock>().Today);

    private static async Task<JsonElement> SendQuoteAsync(HttpClient api, long claimId, MailingApp app)
    {
        using var response = await api.PostJsonAsync($"/api/v1/claims/{claimId}/repair-quotes", new
        {
            lines = new object[] { new { description = "Wymiana łożyska", amount = 320.50m }, new { description = "Robocizna", amount = 150m } },
            currency = "pln",
            validUntil = (await Today(app)).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            acceptStatus = "in_diagnosis",
            declineStatus = "cancelled",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<(long Id, string Number)> CreateClaimAsync(HttpClient api)
    {
        using var response = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetInt64(), json.GetProperty("number").GetString()!);
    }

    private static Task<RepairQuote> QuoteAsync(MailingApp app, long id) =>
        app.QueryAsync(db => db.RepairQuotes.AsNoTracking().SingleAsync(q => q.Id == id));

    private static async Task<IReadOnlyList<StoredDocument>> DocumentsAsync(MailingApp app, long claimId)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClaimDocuments>().ListAsync(claimId, publicOnly: true, CancellationToken.None);
    }

    private static async Task<byte[]> DocumentBytesAsync(MailingApp app, long claimId, long documentId)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        await using var download = (await scope.ServiceProvider.GetRequiredService<ClaimDocuments>().OpenAsync(claimId, documentId, publicOnly: true, CancellationToken.None))!;
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task AddWebhookAsync(MailingApp app, string url)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WebhookAdministration>().CreateAsync(
            new WebhookForm { Name = "ERP", Url = url, Events = [.. RepairEvents], Secret = Secret, Enabled = true }, Actor.System);
    }

    private static async Task DispatchAllDueAsync(MailingApp app)
    {
        while (await app.Dispatcher.DispatchOnceAsync() > 0)
        {
        }
    }

    private static string LinkIn(string text, string marker) =>
        new Uri(Regex.Matches(text, @"https?://\S+").Select(m => m.Value).First(u => u.Contains(marker, StringComparison.Ordinal))).PathAndQuery;
}
