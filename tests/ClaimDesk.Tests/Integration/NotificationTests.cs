using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Notifications;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Notifications (DESIGN §6): the claimant hears of status changes through the channel they prefer (e-mail, or SMS
/// through the HTTP gateway, both through the outbox); staff hear in the notification centre; administrators edit
/// rules and templates.
/// </summary>
public sealed partial class NotificationTests
{
    private const string CzechPhone = "+420 601 123 456";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_Czech_customer_who_prefers_SMS_gets_the_status_change_in_Czech_once_through_the_gateway_also_after_it_was_down(
        DatabaseProvider provider)
    {
        await using var gateway = new SmsGateway();
        await using var app = await MailingApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["ClaimDesk:Sms:Url"] = gateway.Url + "?sender={id}",
            ["ClaimDesk:Sms:Headers"] = "Authorization: Bearer test-token\nX-Client: ClaimDesk",
            ["ClaimDesk:Sms:BodyTemplate"] = """{"to":"{to}","text":"{text}"}""",
            ["ClaimDesk:Organisation:Name"] = "Elektro \"Praha\" s.r.o.",
        });
        var (id, number) = await CreateClaimAsync(app, "cs", "sms", "jana@example.cz", CzechPhone);
        await TransitionAsync(app, id, "in_review");

        var queued = Assert.Single(await app.MessagesAsync());
        Assert.Equal((OutboxMessage.SmsKind, "+420601123456"), (queued.Kind, queued.To));

        // The gateway is down: the attempt fails and waits out the back-off.
        Assert.Equal(1, await app.Dispatcher.DispatchOnceAsync());
        var failed = Assert.Single(await app.MessagesAsync());
        Assert.Equal((OutboxStatus.Pending, 1), (failed.Status, failed.Attempts));
        Assert.False(string.IsNullOrEmpty(failed.LastError));

        gateway.Start();
        Assert.Equal(0, await app.Dispatcher.DispatchOnceAsync());
        Assert.Empty(gateway.Requests);
        app.Clock.Advance(OutboxDispatcher.FirstRetry + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.Dispatcher.DispatchOnceAsync());
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await app.Dispatcher.DispatchOnceAsync());

        var request = Assert.Single(gateway.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("Bearer test-token", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("/send?sender=" + Uri.EscapeDataString(queued.InternetMessageId), request.PathAndQuery);
        using var json = JsonDocument.Parse(request.Body); // the quotes of the organisation's name are escaped
        Assert.Equal("+420601123456", json.RootElement.GetProperty("to").GetString());
        var text = json.RootElement.GetProperty("text").GetString()!;
        var czechStatus = (await CustomerLabelAsync(app, "in_review")).Cs;
        Assert.StartsWith($"Elektro \"Praha\" s.r.o.: reklamace {number} má nový stav: {czechStatus}. http", text, StringComparison.Ordinal);
        Assert.Contains("/track/", text, StringComparison.Ordinal);
        var sent = Assert.Single(await app.MessagesAsync());
        Assert.Equal((OutboxStatus.Sent, 2), (sent.Status, sent.Attempts));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_a_gateway_a_text_message_is_written_to_the_sms_folder_and_the_log_instead(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var (id, number) = await CreateClaimAsync(app, "en", "sms", null, "+48 600 100 200");
        await TransitionAsync(app, id, "in_review");

        Assert.Equal(1, await app.Dispatcher.DispatchOnceAsync());
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await app.MessagesAsync()).Status);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.Database.DataDirectory, "sms")));
        var text = await File.ReadAllTextAsync(file);
        Assert.StartsWith("To: +48600100200\n", text, StringComparison.Ordinal);
        Assert.Contains($"ClaimDesk: complaint {number} is now: ", text, StringComparison.Ordinal);
        Assert.Contains(app.App.Logs.Entries, e => e.Message.Contains($"SMS to +48600100200", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_status_change_reaches_a_customer_who_prefers_email_by_email_in_Polish_with_a_tracking_link_that_opens(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var (id, number) = await CreateClaimAsync(app, "pl", "email", "jan@example.pl", "+48 600 100 200");
        await TransitionAsync(app, id, "in_review");
        await app.Dispatcher.DispatchOnceAsync();

        var polishStatus = (await CustomerLabelAsync(app, "in_review")).Pl;
        var message = Assert.Single(await app.MessagesAsync());
        Assert.Equal((OutboxMessage.EmailKind, "jan@example.pl", OutboxStatus.Sent), (message.Kind, message.To, message.Status));
        var mail = Assert.Single(await app.PickupFilesAsync());
        Assert.Equal($"Reklamacja {number}: {polishStatus}", mail.Subject);
        Assert.Contains($"status Twojej reklamacji {number} to teraz: {polishStatus}.", mail.Text, StringComparison.Ordinal);
        var tracking = new Uri(UrlPattern().Matches(mail.Text!).Select(m => m.Value).Single(u => u.Contains("/track/", StringComparison.Ordinal)));
        using var page = await app.App.CreateClient().GetAsync(tracking.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(number, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_customer_who_prefers_SMS_but_gave_no_phone_number_gets_an_email_and_one_who_prefers_email_gets_no_SMS(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var (noPhone, _) = await CreateClaimAsync(app, "en", "sms", "no-phone@example.com", null);
        var (withPhone, _) = await CreateClaimAsync(app, "en", "email", "with-phone@example.com", "+48 600 100 200");
        await TransitionAsync(app, noPhone, "in_review");
        await TransitionAsync(app, withPhone, "in_review");

        var messages = await app.MessagesAsync();
        Assert.Equal(["no-phone@example.com", "with-phone@example.com"], messages.Select(m => m.To));
        Assert.All(messages, m => Assert.Equal(OutboxMessage.EmailKind, m.Kind));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_assignment_shows_in_the_assignees_bell_and_opening_and_marking_read_clear_it(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var (id, number) = await CreateClaimAsync(app, "pl", "email", "jan@example.pl", null);
        var (manager, _) = await SignedInAsync(app, StaffRole.Manager);
        var (technician, technicianId) = await SignedInAsync(app, StaffRole.Technician, "Tomasz Technik");
        Assert.Null((await technician.GetPageAsync("/")).QuerySelector("[data-testid=unread-count]"));

        using (var assigned = await manager.SubmitFormAsync($"/Claims/{id}", new Dictionary<string, string> { ["assignee"] = technicianId },
            "form[action*='handler=Assign']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        }

        var home = await technician.GetPageAsync("/");
        Assert.Equal("1", home.QuerySelector("[data-testid=bell] [data-testid=unread-count]")!.TextContent.Trim());
        var list = await technician.GetPageAsync("/Notifications");
        var entry = Assert.Single(list.QuerySelectorAll("[data-testid=notifications] li"));
        Assert.Equal("false", entry.GetAttribute("data-read"));
        Assert.Contains($"Claim {number} assigned to you", entry.TextContent, StringComparison.Ordinal);
        Assert.Contains("Jan Kowalski", entry.TextContent, StringComparison.Ordinal);

        // Opening it marks it read and leads to the claim.
        using (var opened = await technician.PressAsync((IHtmlFormElement)entry.QuerySelector("form[action*='handler=Open']")!,
            new Dictionary<string, string>(), $"Claim {number} assigned to you"))
        {
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
            Assert.Equal($"/Claims/{id}", opened.Headers.Location!.OriginalString);
        }

        Assert.Null((await technician.GetPageAsync("/")).QuerySelector("[data-testid=unread-count]"));

        // A second one, marked read with its button; another user cannot touch it.
        using (var back = await manager.SubmitFormAsync($"/Claims/{id}", new Dictionary<string, string> { ["assignee"] = "" }, "form[action*='handler=Assign']"))
        using (var again = await manager.SubmitFormAsync($"/Claims/{id}", new Dictionary<string, string> { ["assignee"] = technicianId }, "form[action*='handler=Assign']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        Assert.Equal("1", (await technician.GetPageAsync("/")).QuerySelector("[data-testid=unread-count]")!.TextContent.Trim());
        var unread = (await technician.GetPageAsync("/Notifications?unread=true")).QuerySelector("[data-testid=notifications] li")!;
        var notificationId = unread.GetAttribute("data-notification-id");
        using (var foreign = await manager.PostAsync($"/Notifications?handler=Read&id={notificationId}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", await TokenAsync(manager))])))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        using (var read = await technician.PressAsync((IHtmlFormElement)unread.QuerySelector("form[action*='handler=Read']")!,
            new Dictionary<string, string>(), "Mark read"))
        {
            Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        }

        Assert.Null((await technician.GetPageAsync("/")).QuerySelector("[data-testid=unread-count]"));
        Assert.All((await technician.GetPageAsync("/Notifications")).QuerySelectorAll("[data-testid=notifications] li"),
            li => Assert.Equal("true", li.GetAttribute("data-read")));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_confirmed_web_claim_tells_operators_and_the_claimants_message_reaches_managers_until_someone_is_assigned(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var (_, operatorId) = await SignedInAsync(app, StaffRole.Operator);
        var (manager, managerId) = await SignedInAsync(app, StaffRole.Manager, language: "cs");
        var (technician, technicianId) = await SignedInAsync(app, StaffRole.Technician);
        var customer = app.App.CreateBrowserLikeClient();

        var intake = await customer.GetPageAsync("/complaint/new");
        using (var sent = await customer.PostMultipartAsync((IHtmlFormElement)intake.QuerySelector("#intake-form")!, new Dictionary<string, string>
        {
            ["Form.ContactName"] = "Zofia Wiśniewska",
            ["Form.ContactEmail"] = "zofia@example.pl",
            ["Form.Language"] = "pl",
            ["Form.PurchaseDate"] = "2026-03-01",
            ["Form.Items[0].ProductName"] = "Pralka Amica PA-612",
            ["Form.Items[0].Quantity"] = "1",
            ["Form.Items[0].FaultDescription"] = "Nie wiruje.",
            ["Form.PrivacyAccepted"] = "true",
        }, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        Assert.Empty(await NotificationsAsync(app, operatorId)); // unconfirmed: nobody processes it yet
        var activation = (await app.MessagesAsync()).Single();
        (await customer.GetAsync(new Uri(UrlPattern().Match(activation.TextBody).Value).PathAndQuery)).Dispose();
        var claim = (await app.ClaimsAsync()).Single();
        var created = Assert.Single(await NotificationsAsync(app, operatorId));
        Assert.Equal(($"New claim {claim.Number}", $"Zofia Wiśniewska filed claim {claim.Number}.", $"/Claims/{claim.Id}"),
            (created.Title, created.Body, created.Link));
        Assert.Empty(await NotificationsAsync(app, technicianId));

        var tracking = new Uri(UrlPattern().Matches((await app.MessagesAsync()).Last().TextBody).Select(m => m.Value)
            .First(u => u.Contains("/track/", StringComparison.Ordinal))).PathAndQuery;
        await PostFromTrackingPageAsync(customer, tracking, "Pralka dalej nie wiruje, proszę o kontakt.");
        var toManager = (await NotificationsAsync(app, managerId)).Single(n => n.Event == NotificationEvent.MessageInbound);
        Assert.Equal($"Zpráva od zákazníka k reklamaci {claim.Number}", toManager.Title); // the manager's own language
        Assert.Equal("Zofia Wiśniewska píše: Pralka dalej nie wiruje, proszę o kontakt.", toManager.Body);

        using (var assigned = await manager.SubmitFormAsync($"/Claims/{claim.Id}", new Dictionary<string, string> { ["assignee"] = technicianId },
            "form[action*='handler=Assign']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        }

        await PostFromTrackingPageAsync(customer, tracking, "Czy technik może przyjechać w piątek?");
        Assert.Single(await NotificationsAsync(app, managerId), n => n.Event == NotificationEvent.MessageInbound);
        var toTechnician = (await NotificationsAsync(app, technicianId)).Single(n => n.Event == NotificationEvent.MessageInbound);
        Assert.Equal("Zofia Wiśniewska wrote: Czy technik może przyjechać w piątek?", toTechnician.Body);
        Assert.Contains("Czy technik może przyjechać w piątek?", (await technician.GetPageAsync("/Notifications")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_administrator_edits_a_template_with_a_live_preview_and_the_next_notification_uses_it(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var admin = await AdministratorAsync(app);
        const string Path = "/Admin/Notifications/Template/claim.status_changed/email/en";
        var editor = await admin.GetPageAsync(Path);
        Assert.Equal("Complaint {number}: {customer_status}", ((IHtmlInputElement)editor.QuerySelector("#Form_Subject")!).Value);
        Assert.Matches(@"^Complaint RMA-\d{4}-000123: ", editor.QuerySelector("[data-testid=preview-subject]")!.TextContent);

        var form = (IHtmlFormElement)editor.QuerySelector("[data-testid=template-form]")!;
        var typed = new Dictionary<string, string>
        {
            ["Form.Subject"] = "Update on {number}: {customer_status}",
            ["Form.Body"] = "Dear {customer}, complaint {number} is now {customer_status}. Details: {tracking_link}",
        };
        using (var preview = await admin.PressAsync(form, typed, "Preview"))
        {
            var drawn = await HtmlForms.ParseAsync(preview);
            Assert.Matches(@"^Update on RMA-\d{4}-000123: ", drawn.QuerySelector("[data-testid=preview-subject]")!.TextContent);
            Assert.StartsWith("Dear Jane Smith, complaint RMA-", drawn.QuerySelector("[data-testid=preview-body]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal("Complaint {number}: {customer_status}", (await TemplateAsync(app, "en")).Subject); // a preview saves nothing
        using (var saved = await admin.PressAsync(form, typed, "Save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var (id, number) = await CreateClaimAsync(app, "en", "email", "jane@example.com", null);
        await TransitionAsync(app, id, "in_review");
        var mail = Assert.Single(await app.MessagesAsync());
        var status = (await CustomerLabelAsync(app, "in_review")).En;
        Assert.Equal($"Update on {number}: {status}", mail.Subject);
        Assert.StartsWith($"Dear Jan Kowalski, complaint {number} is now {status}. Details: http", mail.TextBody, StringComparison.Ordinal);

        var audit = await app.QueryAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == NotificationTemplate.EntityType && e.EntityId == "claim.status_changed/email/en").ToListAsync());
        Assert.Equal(["body", "subject"], audit.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.All(audit, e => Assert.Equal(ClaimDeskFactory.AdminEmail, e.ActorName));
        Assert.Contains(audit, e => e.OldValue == "Complaint {number}: {customer_status}" && e.NewValue == "Update on {number}: {customer_status}");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_template_with_an_unknown_placeholder_is_refused_in_the_administrators_language_keeping_what_was_typed(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var (admin, _) = await SignedInAsync(app, StaffRole.Administrator, language: "cs");
        var before = await TemplateAsync(app, "cs", NotificationChannel.Sms);
        var editor = await admin.GetPageAsync("/Admin/Notifications/Template/claim.status_changed/sms/cs");
        const string Typed = "Reklamace {numer}: {customer_status}";

        using var refused = await admin.PressAsync((IHtmlFormElement)editor.QuerySelector("[data-testid=template-form]")!,
            new Dictionary<string, string> { ["Form.Body"] = Typed }, "Uložit");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Equal(Typed, ((IHtmlTextAreaElement)page.QuerySelector("#Form_Body")!).Value);
        Assert.Contains("{numer} není zástupný symbol této události. Použijte některý z: {number}, {customer},",
            page.QuerySelector("#body-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before.Body, (await TemplateAsync(app, "cs", NotificationChannel.Sms)).Body);
        Assert.Empty(await app.QueryAsync(db => db.AuditEvents.Where(e => e.EntityType == NotificationTemplate.EntityType).ToListAsync()));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rule_turned_off_by_an_administrator_sends_nothing_and_turned_on_again_sends_again(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var admin = await AdministratorAsync(app);
        const string Row = "[data-testid=rules] tr[data-event='claim.status_changed'][data-recipient=customer][data-channel=email]";

        async Task PressAsync(string button)
        {
            var row = (await admin.GetPageAsync("/Admin/Notifications")).QuerySelector(Row)!;
            var form = row.QuerySelectorAll("form").Cast<IHtmlFormElement>().Single(f => f.QuerySelector("button")!.TextContent.Trim() == button);
            using var pressed = await admin.PressAsync(form, new Dictionary<string, string>(), button);
            Assert.Equal(HttpStatusCode.Redirect, pressed.StatusCode);
        }

        await PressAsync("Turn off");
        Assert.Equal("false", (await admin.GetPageAsync("/Admin/Notifications")).QuerySelector(Row)!.GetAttribute("data-enabled"));
        var (first, _) = await CreateClaimAsync(app, "en", "email", "off@example.com", null);
        await TransitionAsync(app, first, "in_review");
        Assert.Empty(await app.MessagesAsync());

        await PressAsync("Turn on");
        var (second, _) = await CreateClaimAsync(app, "en", "email", "on@example.com", null);
        await TransitionAsync(app, second, "in_review");
        Assert.Equal("on@example.com", Assert.Single(await app.MessagesAsync()).To);
        var audit = await app.QueryAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == NotificationRule.EntityType).OrderBy(e => e.Id).Select(e => new { e.Field, e.OldValue, e.NewValue }).ToListAsync());
        Assert.Equal([("enabled", "yes", "no"), ("enabled", "no", "yes")], audit.Select(e => (e.Field!, e.OldValue!, e.NewValue!)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rule_that_cannot_work_is_refused_and_a_rule_for_one_user_is_added(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var admin = await AdministratorAsync(app);
        var (_, operatorId) = await SignedInAsync(app, StaffRole.Operator);

        using (var refused = await admin.SubmitFormAsync("/Admin/Notifications", new Dictionary<string, string>
        {
            ["Rule.Event"] = NotificationEvent.Assigned, ["Rule.Recipient"] = NotificationRecipient.Customer, ["Rule.Channel"] = NotificationChannel.Sms,
        }, "[data-testid=rule-form]"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await HtmlForms.ParseAsync(refused);
            Assert.Contains("The claimant is told of status changes only", page.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("#Rule_Event option[value='claim.assigned'][selected]"));
        }

        using (var added = await admin.SubmitFormAsync("/Admin/Notifications", new Dictionary<string, string>
        {
            ["Rule.Event"] = NotificationEvent.StatusChanged, ["Rule.Recipient"] = NotificationRecipient.User, ["Rule.UserId"] = operatorId,
            ["Rule.Channel"] = NotificationChannel.InApp,
        }, "[data-testid=rule-form]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var (id, number) = await CreateClaimAsync(app, "en", "email", "jane@example.com", null);
        await TransitionAsync(app, id, "in_review");
        var told = (await NotificationsAsync(app, operatorId)).Single(n => n.Event == NotificationEvent.StatusChanged);
        Assert.Equal($"Claim {number}: In review", told.Title);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_breached_deadline_raised_through_the_notifier_reaches_managers_in_the_application_and_by_email_and_the_assignee(
        DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var (id, number) = await CreateClaimAsync(app, "pl", "email", "jan@example.pl", null);
        var (_, managerId) = await SignedInAsync(app, StaffRole.Manager, "Marta Manager", language: "pl");
        var (_, operatorId) = await SignedInAsync(app, StaffRole.Operator, "Olga Operator");
        var managerEmail = await app.QueryAsync(db => db.Users.Where(u => u.Id == managerId).Select(u => u.Email!).SingleAsync());
        await app.QueryAsync(db => db.Claims.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.AssigneeId, operatorId)));
        var due = new DateTime(2026, 5, 14, 22, 0, 0, DateTimeKind.Utc); // 15 May, 00:00 in Warsaw

        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            var count = await notifier.NotifyAsync(NotificationEvent.DeadlineBreached, id,
                new Dictionary<string, string> { [NotificationPlaceholder.Deadline] = "PL-CONS-RESP-2023" }, due: due);
            Assert.Equal(3, count); // not saved yet: the caller's unit of work decides
            Assert.Empty(await app.MessagesAsync());
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        var mail = Assert.Single(await app.MessagesAsync());
        Assert.Equal((managerEmail, $"Przekroczony termin w reklamacji {number}"), (mail.To, mail.Subject));
        Assert.StartsWith("PL-CONS-RESP-2023: termin minął 15 maja 2026, 00:00 i nie został dotrzymany. Opiekun: Olga Operator.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/Claims/{id}", mail.TextBody, StringComparison.Ordinal);
        Assert.Single(await NotificationsAsync(app, managerId), n => n.Event == NotificationEvent.DeadlineBreached);
        var toAssignee = Assert.Single(await NotificationsAsync(app, operatorId), n => n.Event == NotificationEvent.DeadlineBreached);
        Assert.Equal($"Deadline breached on {number}", toAssignee.Title);
    }

    private static async Task<(long Id, string Number)> CreateClaimAsync(MailingApp app, string language, string preferred, string? email, string? phone)
    {
        // What these tests follow is the mail after intake: the claim's acknowledgement stays out of their outbox.
        await app.AcknowledgeIntakeAsync(false);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var claim = ApiClients.NewClaim();
        claim["contact"] = new Dictionary<string, object?>
        {
            ["name"] = "Jan Kowalski", ["email"] = email, ["phone"] = phone, ["language"] = language, ["preferredChannel"] = preferred,
        };
        using var response = await api.PostJsonAsync("/api/v1/claims", claim);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetInt64(), json.GetProperty("number").GetString()!);
    }

    private static async Task TransitionAsync(MailingApp app, long id, string to)
    {
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        using var response = await api.PostJsonAsync($"/api/v1/claims/{id.ToString(CultureInfo.InvariantCulture)}/transitions", new { to });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<LocalizedText> CustomerLabelAsync(MailingApp app, string status) =>
        app.QueryAsync(db => db.WorkflowStatuses.AsNoTracking()
            .Where(s => s.Code == status && db.Registers.Any(r => r.Id == s.RegisterId && r.Code == "complaints"))
            .Select(s => new LocalizedText(s.CustomerLabel.En, s.CustomerLabel.Pl, s.CustomerLabel.Cs))
            .SingleAsync());

    private static Task<NotificationTemplate> TemplateAsync(MailingApp app, string language, string channel = NotificationChannel.Email) =>
        app.QueryAsync(db => db.NotificationTemplates.AsNoTracking()
            .SingleAsync(t => t.Event == NotificationEvent.StatusChanged && t.Channel == channel && t.Language == language));

    private static Task<List<Notification>> NotificationsAsync(MailingApp app, string userId) =>
        app.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync());

    /// <summary>A signed-in staff member of <paramref name="role"/>, and their user id.</summary>
    private static async Task<(HttpClient Client, string UserId)> SignedInAsync(MailingApp app, string role, string? name = null, string language = "en")
    {
        var email = await StaffAccounts.CreateAsync(app.App, role, name, language);
        var client = app.App.CreateBrowserLikeClient();
        (await client.SignInAsync(email, StaffAccounts.Password)).Dispose();
        var id = await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (client, id);
    }

    private static async Task<HttpClient> AdministratorAsync(MailingApp app)
    {
        var admin = app.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        return admin;
    }

    private static async Task<string> TokenAsync(HttpClient client) =>
        (await client.GetPageAsync("/Notifications")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static async Task PostFromTrackingPageAsync(HttpClient customer, string tracking, string body)
    {
        var page = await customer.GetPageAsync(tracking);
        using var sent = await customer.PostMultipartAsync((IHtmlFormElement)page.QuerySelector("[data-testid=message-form]")!,
            new Dictionary<string, string> { ["body"] = body }, []);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
