using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Admin.Webhooks;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.Webhooks;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Outbound webhooks (DESIGN §8): claim events POSTed as signed JSON through the outbox, with its retries, to a
/// receiver the test starts on 127.0.0.1; administrators register webhooks and read their delivery logs.
/// </summary>
public sealed class WebhookTests
{
    private const string ErpSecret = "erp-shared-secret-0123456789";
    private const string ClosingsSecret = "closings-secret-9876543210";

    /// <summary>The events of a claim's way through its workflow (not its messages and deadlines).</summary>
    private static readonly string[] LifecycleEvents = [WebhookEvent.ClaimCreated, WebhookEvent.StatusChanged, WebhookEvent.Decided, WebhookEvent.Closed];

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_receiver_that_was_down_gets_each_event_once_in_order_with_a_valid_signature(DatabaseProvider provider)
    {
        await using var receiver = new HttpReceiver();
        await using var app = await MailingApp.StartAsync(provider);
        await AddWebhookAsync(app, "ERP", receiver.UrlOf("/erp"), LifecycleEvents, ErpSecret);
        await AddWebhookAsync(app, "Closings", receiver.UrlOf("/closings"), [WebhookEvent.Closed], ClosingsSecret);
        await AddWebhookAsync(app, "Off", receiver.UrlOf("/off"), WebhookEvent.All, "off-secret-0123456789", enabled: false);

        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (id, number) = await CreateClaimAsync(api);
        using (var refused = await TransitionAsync(api, id, "closed"))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode); // no such transition: nothing raised
        }

        foreach (var status in (string[])["accepted", "in_resolution", "resolved", "closed"])
        {
            using var moved = await TransitionAsync(api, id, status);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        Assert.Equal(8, (await WebhookMessagesAsync(app)).Count);

        // Down for a while: three rounds fail, each after the back-off of the one before.
        for (var round = 1; round <= 3; round++)
        {
            await DispatchAllDueAsync(app);
            var waiting = await WebhookMessagesAsync(app);
            Assert.All(waiting, m => Assert.Equal((OutboxStatus.Pending, round), (m.Status, m.Attempts)));
            Assert.All(waiting, m => Assert.False(string.IsNullOrEmpty(m.LastError)));
            Assert.Empty(receiver.Requests);
            app.Clock.Advance(OutboxDispatcher.BackOff(round) + TimeSpan.FromSeconds(1));
        }

        receiver.Start();
        await DispatchAllDueAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(3));
        await DispatchAllDueAsync(app);

        var erp = receiver.Requests.Where(r => r.PathAndQuery == "/erp").ToList();
        Assert.Equal(
            ["claim.created", "claim.status_changed", "claim.decided", "claim.status_changed", "claim.status_changed",
             "claim.closed", "claim.status_changed"],
            erp.Select(r => r.Header("X-ClaimDesk-Event")));
        // resolved is already of the category closed: the claim is closed once, when it enters it.
        Assert.Equal(["new", "accepted", "accepted", "in_resolution", "resolved", "resolved", "closed"],
            erp.Select(r => Json(r).GetProperty("claim").GetProperty("status").GetString()));
        foreach (var request in erp)
        {
            AssertSignedDelivery(request, ErpSecret, number);
        }

        Assert.Equal(erp.Count, erp.Select(r => r.Header("X-ClaimDesk-Delivery")).Distinct().Count());
        var decided = Json(erp[2]).GetProperty("claim");
        Assert.Equal("accepted", decided.GetProperty("decision").GetString());
        Assert.Equal("accepted", decided.GetProperty("lines")[0].GetProperty("decision").GetString());
        Assert.Equal("Jan Kowalski", decided.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("complaints", decided.GetProperty("register").GetString());

        var closing = Assert.Single(receiver.Requests, r => r.PathAndQuery == "/closings");
        Assert.Equal("claim.closed", closing.Header("X-ClaimDesk-Event"));
        AssertSignedDelivery(closing, ClosingsSecret, number);
        Assert.False(Verifies(closing, ErpSecret));
        Assert.DoesNotContain(receiver.Requests, r => r.PathAndQuery == "/off");
        Assert.Equal(8, receiver.Requests.Count);
        Assert.All(await WebhookMessagesAsync(app), m => Assert.Equal((OutboxStatus.Sent, 4), (m.Status, m.Attempts)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_standard_webhooks_receiver_verifies_each_delivery_and_refuses_one_older_than_five_minutes(DatabaseProvider provider)
    {
        await using var receiver = new HttpReceiver();
        receiver.Start();
        await using var app = await MailingApp.StartAsync(provider);
        string generated;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var (_, secret) = await scope.ServiceProvider.GetRequiredService<WebhookAdministration>().CreateAsync(
                new WebhookForm { Name = "Generated", Url = receiver.UrlOf("/generated"), Events = [WebhookEvent.ClaimCreated, WebhookEvent.StatusChanged], Enabled = true },
                Actor.System);
            generated = secret ?? throw new InvalidOperationException("No secret was generated.");
        }

        await AddWebhookAsync(app, "Own secret", receiver.UrlOf("/own"), [WebhookEvent.ClaimCreated, WebhookEvent.StatusChanged], ErpSecret);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (id, _) = await CreateClaimAsync(api);
        await DispatchAllDueAsync(app);

        // What a receiver with a Standard Webhooks library does: the generated whsec_ secret as it is, an
        // administrator's own secret by its UTF-8 bytes.
        var verifiers = new Dictionary<string, StandardWebhooks.StandardWebhook>
        {
            ["/generated"] = new(generated),
            ["/own"] = new(Encoding.UTF8.GetBytes(ErpSecret)),
        };
        Assert.Equal(2, receiver.Requests.Count);
        foreach (var request in receiver.Requests)
        {
            var verifier = verifiers[request.PathAndQuery];
            verifier.Verify(Encoding.UTF8.GetString(request.Body), Headers(request));
            Assert.Equal(request.Header("X-ClaimDesk-Delivery"), request.Header("webhook-id"));
            var tampered = Encoding.UTF8.GetString(request.Body).Replace("\"claim.created\"", "\"claim.closed\"", StringComparison.Ordinal);
            Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => verifier.Verify(tampered, Headers(request)));
            Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() =>
                verifiers.Single(v => v.Key != request.PathAndQuery).Value.Verify(Encoding.UTF8.GetString(request.Body), Headers(request)));
        }

        Assert.True(Verifies(Assert.Single(receiver.Requests, r => r.PathAndQuery == "/own"), ErpSecret)); // the earlier header, for one release

        // Sent six minutes ago (its clock behind): signed rightly, and still refused as a possible replay.
        app.Clock.Advance(TimeSpan.FromMinutes(-6));
        using (var moved = await TransitionAsync(api, id, "in_review"))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        await DispatchAllDueAsync(app);
        var late = receiver.Requests.Skip(2).ToList();
        Assert.Equal(2, late.Count);
        foreach (var request in late)
        {
            var refused = Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() =>
                verifiers[request.PathAndQuery].Verify(Encoding.UTF8.GetString(request.Body), Headers(request)));
            Assert.Contains("too old", refused.Message, StringComparison.Ordinal);
        }
    }

    private static Microsoft.AspNetCore.Http.HeaderDictionary Headers(ReceivedRequest request)
    {
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary();
        foreach (var (name, value) in request.Headers)
        {
            headers[name] = value;
        }

        return headers;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_administrator_registers_a_webhook_and_reads_its_attempts_in_the_delivery_log(DatabaseProvider provider)
    {
        await using var receiver = new HttpReceiver();
        await using var app = await MailingApp.StartAsync(provider, maxAttempts: 3);
        var admin = app.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        Assert.NotNull((await admin.GetPageAsync("/Admin/Webhooks")).QuerySelector("a[href='/Admin/Webhooks']"));

        foreach (var url in (string[])["ftp://erp.example.com/events", "/hooks/claims", "javascript:alert(1)"])
        {
            using var refused = await CreateViaPageAsync(admin, new() { ["Form.Name"] = "ERP", ["Form.Url"] = url });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var form = await HtmlForms.ParseAsync(refused);
            Assert.Contains("Give an absolute http:// or https:// address", form.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(url, ((IHtmlInputElement)form.QuerySelector("#Form_Url")!).Value);
            Assert.Equal("ERP", ((IHtmlInputElement)form.QuerySelector("#Form_Name")!).Value);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Webhooks.CountAsync()));

        string secret;
        using (var created = await CreateViaPageAsync(admin, new() { ["Form.Name"] = "ERP", ["Form.Url"] = receiver.UrlOf("/erp") }))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            Assert.True(created.Headers.CacheControl?.NoStore);
            secret = ((IHtmlInputElement)(await HtmlForms.ParseAsync(created)).QuerySelector("[data-testid=new-secret]")!).Value;
        }

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var webhook = await app.QueryAsync(db => db.Webhooks.AsNoTracking().SingleAsync());
        Assert.DoesNotContain(secret, webhook.ProtectedSecret, StringComparison.Ordinal);
        var audit = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityType == Webhook.EntityType).ToListAsync());
        Assert.Contains(audit, e => e is { Action: "created", NewValue: "ERP" });
        Assert.Contains(audit, e => e is { Field: "secret", NewValue: "generated" });
        Assert.DoesNotContain(audit, e => (e.NewValue ?? "").Contains(secret, StringComparison.Ordinal));

        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (_, number) = await CreateClaimAsync(api);
        var log = $"/Admin/Webhooks/Deliveries/{webhook.Id.ToString(CultureInfo.InvariantCulture)}";

        await DispatchAllDueAsync(app); // down
        var row = (await admin.GetPageAsync(log)).QuerySelector("[data-testid=deliveries] tr[data-event='claim.created']")!;
        Assert.Equal(("pending", "1"), (row.GetAttribute("data-status"), row.GetAttribute("data-attempts")));
        Assert.Equal("—", row.QuerySelector("[data-testid=last-http-status]")!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(row.QuerySelector("[data-testid=last-error]")!.TextContent));
        Assert.Contains(number, row.TextContent, StringComparison.Ordinal);

        receiver.Answer = HttpStatusCode.InternalServerError;
        receiver.Start();
        for (var round = 1; round <= 2; round++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            await DispatchAllDueAsync(app);
        }

        var page = await admin.GetPageAsync(log);
        row = page.QuerySelector("[data-testid=deliveries] tr[data-event='claim.created']")!;
        Assert.Equal(("dead", "3"), (row.GetAttribute("data-status"), row.GetAttribute("data-attempts")));
        Assert.Equal("HTTP 500", row.QuerySelector("[data-testid=last-http-status]")!.TextContent);
        Assert.Contains("500", row.QuerySelector("[data-testid=last-error]")!.TextContent, StringComparison.Ordinal);

        receiver.Answer = HttpStatusCode.NoContent;
        using (var requeued = await admin.PressAsync((IHtmlFormElement)row.QuerySelector("form")!, new Dictionary<string, string>(), "Requeue"))
        {
            Assert.Equal(HttpStatusCode.Redirect, requeued.StatusCode);
        }

        await DispatchAllDueAsync(app);
        row = (await admin.GetPageAsync(log)).QuerySelector("[data-testid=deliveries] tr[data-event='claim.created']")!;
        Assert.Equal(("sent", "1"), (row.GetAttribute("data-status"), row.GetAttribute("data-attempts")));
        Assert.Equal("HTTP 204", row.QuerySelector("[data-testid=last-http-status]")!.TextContent);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => AssertSignedDelivery(r, secret, number));
        Assert.Single(receiver.Requests.Select(r => r.Header("X-ClaimDesk-Delivery")).Distinct());

        // Disabled: the next claim queues nothing for it.
        var index = await admin.GetPageAsync("/Admin/Webhooks");
        using (var disabled = await admin.PressAsync((IHtmlFormElement)index.QuerySelector("[data-testid=webhooks] tr form")!,
            new Dictionary<string, string>(), "Disable"))
        {
            Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        }

        Assert.Equal("false", (await admin.GetPageAsync("/Admin/Webhooks")).QuerySelector("[data-testid=webhooks] tr[data-webhook-id]")!.GetAttribute("data-enabled"));
        await CreateClaimAsync(api);
        Assert.Single(await WebhookMessagesAsync(app));
        Assert.Contains(await app.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityType == Webhook.EntityType).ToListAsync()),
            e => e is { Field: "enabled", OldValue: "yes", NewValue: "no" });
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_edited_webhook_gets_only_its_new_events_and_deleting_it_removes_its_waiting_deliveries(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var id = await AddWebhookAsync(app, "ERP", "https://erp.example.com/events", WebhookEvent.All, ErpSecret);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        await CreateClaimAsync(api);
        Assert.Single(await WebhookMessagesAsync(app));

        var admin = app.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var editor = await admin.GetPageAsync($"/Admin/Webhooks/Edit/{id.ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal("", ((IHtmlInputElement)editor.QuerySelector("#Form_Secret")!).Value); // never shown again
        var fields = ((IHtmlFormElement)editor.QuerySelector("[data-testid=webhook-form]")!).Elements.OfType<IHtmlInputElement>()
            .Where(e => e.Name == "Form.Events").ToList();
        fields.ForEach(e => e.IsChecked = e.Value == WebhookEvent.Closed);
        using (var saved = await admin.PressAsync((IHtmlFormElement)editor.QuerySelector("[data-testid=webhook-form]")!,
            new Dictionary<string, string> { ["Form.GenerateSecret"] = "true" }, "Save"))
        {
            var page = await HtmlForms.ParseAsync(saved);
            Assert.StartsWith("whsec_", ((IHtmlInputElement)page.QuerySelector("[data-testid=new-secret]")!).Value, StringComparison.Ordinal);
        }

        Assert.Equal([WebhookEvent.Closed], (await app.QueryAsync(db => db.Webhooks.AsNoTracking().SingleAsync())).Events);
        await CreateClaimAsync(api);
        Assert.Single(await WebhookMessagesAsync(app)); // no longer subscribed to claim.created

        var confirm = await admin.GetPageAsync($"/Admin/Webhooks/Delete/{id.ToString(CultureInfo.InvariantCulture)}");
        using (var deleted = await admin.PressAsync((IHtmlFormElement)confirm.QuerySelector("[data-testid=delete-form]")!,
            new Dictionary<string, string>(), "Delete webhook"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Empty(await WebhookMessagesAsync(app));
        Assert.Equal(0, await app.QueryAsync(db => db.WebhookDeliveries.CountAsync()));
        var audit = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityType == Webhook.EntityType).ToListAsync());
        Assert.Contains(audit, e => e is { Field: "events", NewValue: WebhookEvent.Closed });
        Assert.Contains(audit, e => e is { Field: "secret", OldValue: "set", NewValue: "generated" });
        Assert.Contains(audit, e => e is { Action: "deleted", OldValue: "ERP" });
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Messages_to_and_from_the_claimant_and_deadline_changes_reach_a_webhook_but_notes_and_a_new_claims_deadlines_do_not(
        DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        await AddWebhookAsync(app, "CRM", "https://crm.example.com/events", [WebhookEvent.MessagePosted, WebhookEvent.DeadlineChanged], ErpSecret);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (id, number) = await CreateClaimAsync(api);
        Assert.Empty(await WebhookMessagesAsync(app)); // the new claim's deadlines come with claim.created, not as changes

        var staff = app.App.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app.App, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        var path = $"/Claims/{id.ToString(CultureInfo.InvariantCulture)}";
        foreach (var (kind, body) in new[] { (MessageKind.Note, "Internal: call the shop first."), (MessageKind.Outbound, "We have your kettle.") })
        {
            var card = await staff.GetPageAsync(path);
            using var posted = await staff.PostMultipartAsync((IHtmlFormElement)card.QuerySelector("[data-testid=message-form]")!,
                new Dictionary<string, string> { ["kind"] = kind, ["body"] = body }, []);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var thread = scope.ServiceProvider.GetRequiredService<ClaimThread>();
            var claimant = new Actor("customer", null, "jan.kowalski@example.com", []);
            Assert.True((await thread.PostAsync(id, MessageKind.Inbound, "When will it be ready?", [], claimant, "http://localhost")).Succeeded);
        }

        var messages = (await DeliveriesAsync(app)).Where(d => d.Event == WebhookEvent.MessagePosted).ToList();
        Assert.Equal([(MessageKind.Outbound, "We have your kettle."), (MessageKind.Inbound, "When will it be ready?")],
            messages.Select(m => (m.Body.GetProperty("message").GetProperty("kind").GetString(), m.Body.GetProperty("message").GetProperty("text").GetString())));
        var ids = await app.QueryAsync(db => db.ClaimMessages.AsNoTracking().Where(m => m.ClaimId == id && m.Kind != MessageKind.Note)
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
        Assert.Equal(ids, messages.Select(m => m.Body.GetProperty("message").GetProperty("id").GetInt64()));
        Assert.All(messages, m => Assert.Equal(number, m.Body.GetProperty("claim").GetProperty("number").GetString()));

        // Accepting the claim answers it: the statutory response deadline is met.
        var before = (await DeliveriesAsync(app)).Count;
        using (var moved = await TransitionAsync(api, id, "accepted"))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var changed = (await DeliveriesAsync(app)).Skip(before).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, d => Assert.Equal(WebhookEvent.DeadlineChanged, d.Event));
        var response = Assert.Single(changed, d => d.Body.GetProperty("deadline").GetProperty("rule").GetString()!.StartsWith("PL-CONS-RESP", StringComparison.Ordinal)).Body;
        Assert.Equal(("running", "met"), (response.GetProperty("deadline").GetProperty("previousState").GetString(),
            response.GetProperty("deadline").GetProperty("state").GetString()));
        Assert.Equal("accepted", response.GetProperty("claim").GetProperty("status").GetString());
        Assert.False(response.TryGetProperty("message", out _));

        // Each change is in the claim's history as well, and the history and the webhooks agree.
        var history = await app.QueryAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityId == id.ToString(CultureInfo.InvariantCulture) && e.Action == "deadline_changed").CountAsync());
        Assert.True(history >= changed.Count);
    }

    private static async Task<List<(string Event, JsonElement Body)>> DeliveriesAsync(MailingApp app) =>
        [.. (await WebhookMessagesAsync(app)).Select(m => (m.Subject.Split(' ')[0], JsonDocument.Parse(m.TextBody).RootElement))];

    private static void AssertSignedDelivery(ReceivedRequest request, string secret, string number)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.True(Verifies(request, secret), "The signature does not verify with the webhook's secret.");
        var body = Json(request);
        Assert.Equal(request.Header("X-ClaimDesk-Delivery"), body.GetProperty("id").GetString());
        Assert.Equal(request.Header("X-ClaimDesk-Event"), body.GetProperty("event").GetString());
        Assert.Equal(number, body.GetProperty("claim").GetProperty("number").GetString());
        Assert.True(body.GetProperty("occurredAt").TryGetDateTimeOffset(out _));
    }

    /// <summary>What a receiver does: HMAC-SHA256 of the raw body with the secret, hex, compared in constant time.</summary>
    private static bool Verifies(ReceivedRequest request, string secret)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), request.Body));
        var given = request.Header("X-ClaimDesk-Signature") ?? "";
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given));
    }

    private static JsonElement Json(ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    private static async Task<int> AddWebhookAsync(MailingApp app, string name, string url, IEnumerable<string> events, string secret,
        bool enabled = true)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var (webhook, _) = await scope.ServiceProvider.GetRequiredService<WebhookAdministration>().CreateAsync(
            new WebhookForm { Name = name, Url = url, Events = [.. events], Secret = secret, Enabled = enabled }, Actor.System);
        return webhook.Id;
    }

    private static async Task<HttpResponseMessage> CreateViaPageAsync(HttpClient admin, Dictionary<string, string> values)
    {
        var page = await admin.GetPageAsync("/Admin/Webhooks/Create");
        return await admin.PressAsync((IHtmlFormElement)page.QuerySelector("[data-testid=webhook-form]")!, values, "Create webhook");
    }

    private static async Task<(long Id, string Number)> CreateClaimAsync(HttpClient api)
    {
        using var response = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetInt64(), json.GetProperty("number").GetString()!);
    }

    private static Task<HttpResponseMessage> TransitionAsync(HttpClient api, long id, string to) =>
        api.PostJsonAsync($"/api/v1/claims/{id.ToString(CultureInfo.InvariantCulture)}/transitions", new { to });

    /// <summary>Runs rounds until none takes anything (a round takes a limited batch; the clock stands still meanwhile).</summary>
    private static async Task DispatchAllDueAsync(MailingApp app)
    {
        while (await app.Dispatcher.DispatchOnceAsync() > 0)
        {
        }
    }

    private static Task<List<OutboxMessage>> WebhookMessagesAsync(MailingApp app) =>
        app.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == OutboxMessage.WebhookKind).OrderBy(m => m.Id).ToListAsync());
}
