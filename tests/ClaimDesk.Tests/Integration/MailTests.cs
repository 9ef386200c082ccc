using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>E-mail through the outbox: written with the change, sent once by the dispatcher, over SMTP or to .eml files.</summary>
public sealed class MailTests
{
    private const string Polish = "Zażółć gęślą jaźń";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_email_queued_in_a_transaction_that_rolls_back_is_never_sent_and_one_that_commits_is_sent_once(DatabaseProvider provider)
    {
        // The dispatcher's own loop on the real clock, polling every second.
        await using var mail = await MailingApp.StartAsync(provider, pollSeconds: 1, settableClock: false);
        var rolledBack = $"Rolled back {Guid.NewGuid():N}";
        var committed = $"Committed {Guid.NewGuid():N}";

        await using (var scope = mail.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                outbox.Email("jan@example.pl", rolledBack, "Never.");
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }

            db.ChangeTracker.Clear();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                outbox.Email("jan@example.pl", committed, "Once.");
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
        }

        await WaitUntilAsync(async () => (await mail.MessagesAsync()).All(m => m.Status == OutboxStatus.Sent));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // two more rounds: nothing more may go out

        var files = await mail.PickupFilesAsync();
        Assert.Equal(committed, Assert.Single(files).Subject);
        var message = Assert.Single(await mail.MessagesAsync());
        Assert.Equal(committed, message.Subject);
        Assert.Equal(1, message.Attempts);
        Assert.Equal(message.InternetMessageId, files[0].MessageId);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Emails_with_Polish_diacritics_arrive_over_SMTP_once_each_with_subject_and_body_intact(DatabaseProvider provider)
    {
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var mail = await MailingApp.StartAsync(provider, smtp);
        var sent = Enumerable.Range(1, 3)
            .Select(i => (To: $"klient{i}@example.pl", Subject: $"{Polish} {i}", Body: $"{Polish} — wiadomość {i}.\nDruga linia: ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż."))
            .ToList();
        await mail.EnqueueAsync([.. sent]);

        Assert.Equal(3, await mail.Dispatcher.DispatchOnceAsync());
        Assert.Equal(0, await mail.Dispatcher.DispatchOnceAsync());

        var received = await smtp.MessagesAsync();
        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Select(m => m.MessageId).Distinct().Count());
        foreach (var (to, subject, body) in sent)
        {
            var arrived = Assert.Single(received, m => m.Subject == subject);
            Assert.Equal(to, arrived.To);
            Assert.Equal(body, Normalize(arrived.Text));
            Assert.Contains("reklamacje@claimdesk.test", arrived.From, StringComparison.Ordinal);
        }

        Assert.All(await mail.MessagesAsync(), m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.NotNull(m.SentAt);
        });
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Emails_queued_while_the_SMTP_server_is_down_arrive_once_each_after_the_back_off(DatabaseProvider provider)
    {
        await using var smtp = new SmtpServer();
        await using var mail = await MailingApp.StartAsync(provider, smtp);
        await mail.EnqueueAsync([.. Enumerable.Range(1, 3).Select(i => ($"klient{i}@example.pl", $"{Polish} {i}", "Treść."))]);
        var failedAt = mail.Clock.GetUtcNow().UtcDateTime;

        Assert.Equal(3, await mail.Dispatcher.DispatchOnceAsync());

        var afterFailure = await mail.MessagesAsync();
        Assert.Equal(3, afterFailure.Count);
        Assert.All(afterFailure, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.False(string.IsNullOrEmpty(m.LastError));
            Assert.Equal(failedAt + OutboxDispatcher.FirstRetry, m.NextAttemptAt, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        });

        await smtp.StartAsync();
        Assert.Equal(0, await mail.Dispatcher.DispatchOnceAsync()); // not due yet: the back-off holds
        Assert.Empty(await smtp.MessagesAsync());

        mail.Clock.Advance(OutboxDispatcher.FirstRetry + TimeSpan.FromSeconds(1));
        Assert.Equal(3, await mail.Dispatcher.DispatchOnceAsync());
        Assert.Equal(0, await mail.Dispatcher.DispatchOnceAsync());

        var received = await smtp.MessagesAsync();
        Assert.Equal(3, received.Count);
        Assert.Equal(
            afterFailure.Select(m => m.InternetMessageId).Order(StringComparer.Ordinal),
            received.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.All(await mail.MessagesAsync(), m =>
        {
            Assert.Equal(OutboxStatus.Sent, m.Status);
            Assert.Equal(2, m.Attempts);
            Assert.Null(m.LastError);
        });
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_message_that_keeps_failing_is_dead_lettered_shown_to_administrators_and_sent_once_requeued(DatabaseProvider provider)
    {
        await using var smtp = new SmtpServer();
        await using var mail = await MailingApp.StartAsync(provider, smtp, maxAttempts: 2);
        var subject = $"{Polish} {Guid.NewGuid():N}";
        var id = (await mail.EnqueueAsync(("jan@example.pl", subject, "Treść.")))[0];

        await mail.Dispatcher.DispatchOnceAsync();
        mail.Clock.Advance(OutboxDispatcher.BackOff(1) + TimeSpan.FromSeconds(1));
        await mail.Dispatcher.DispatchOnceAsync();
        mail.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await mail.Dispatcher.DispatchOnceAsync()); // dead: no third attempt

        var dead = Assert.Single(await mail.MessagesAsync());
        Assert.Equal(OutboxStatus.Dead, dead.Status);
        Assert.Equal(2, dead.Attempts);

        var admin = await SignedInAdministratorAsync(mail.App);
        var page = await admin.GetPageAsync("/Admin/Mail?status=dead");
        Assert.NotNull(page.QuerySelector("nav a[href='/Admin/Mail']"));
        var row = page.QuerySelector($"[data-testid=outbox] tr[data-message-id='{id}']")!;
        Assert.Equal(OutboxStatus.Dead, row.GetAttribute("data-status"));
        Assert.Contains(subject, row.TextContent, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(row.QuerySelector("[data-testid=last-error]")!.TextContent));
        Assert.Null((await admin.GetPageAsync("/Admin/Mail?status=sent")).QuerySelector($"tr[data-message-id='{id}']"));

        using var requeued = await admin.PressAsync((IHtmlFormElement)row.QuerySelector("form")!, new Dictionary<string, string>(), "Requeue");
        Assert.Equal(HttpStatusCode.Redirect, requeued.StatusCode);
        var after = await admin.GetPageAsync(requeued.Headers.Location!.OriginalString);
        Assert.Contains("was requeued", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        await smtp.StartAsync();
        Assert.Equal(1, await mail.Dispatcher.DispatchOnceAsync());
        Assert.Equal(subject, Assert.Single(await smtp.MessagesAsync()).Subject);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await mail.MessagesAsync()).Status);
        await using var scope = mail.App.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents
            .SingleAsync(e => e.EntityType == "outbox_message" && e.EntityId == id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("requeued", audit.Action);
        Assert.Equal(ClaimDeskFactory.AdminEmail, audit.ActorName);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_message_whose_node_stopped_while_sending_is_dead_lettered_as_unknown_and_not_resent(DatabaseProvider provider)
    {
        await using var mail = await MailingApp.StartAsync(provider);
        var id = (await mail.EnqueueAsync(("jan@example.pl", "Lost in flight", "Treść.")))[0];
        var leaseUntil = mail.Clock.GetUtcNow().UtcDateTime.AddMinutes(10);
        await using (var scope = mail.App.Services.CreateAsyncScope())
        {
            // As a node that took the message and died before recording the result leaves it.
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.Where(m => m.Id == id)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.Attempts, 1).SetProperty(m => m.LeaseUntil, leaseUntil));
        }

        Assert.Equal(0, await mail.Dispatcher.DispatchOnceAsync());
        Assert.Equal(OutboxStatus.Sending, Assert.Single(await mail.MessagesAsync()).Status); // still leased

        mail.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(0, await mail.Dispatcher.DispatchOnceAsync());

        var message = Assert.Single(await mail.MessagesAsync());
        Assert.Equal(OutboxStatus.Dead, message.Status);
        Assert.StartsWith("Delivery state unknown", message.LastError, StringComparison.Ordinal);
        Assert.Empty(await mail.PickupFilesAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_an_SMTP_host_mail_becomes_an_eml_file_that_only_administrators_list_and_download(DatabaseProvider provider)
    {
        await using var mail = await MailingApp.StartAsync(provider);
        var subject = $"{Polish}: RMA-2026-{Random.Shared.Next(100000, 999999)}";
        await mail.EnqueueAsync(("anna.nowak@example.pl", subject, "Dziękujemy."));
        Assert.Equal(1, await mail.Dispatcher.DispatchOnceAsync());

        var file = Assert.Single(await mail.PickupFilesAsync());
        Assert.Equal(subject, file.Subject);
        Assert.Equal("anna.nowak@example.pl", file.To);
        Assert.Equal("Dziękujemy.", Normalize(file.Text));
        Assert.Equal(Path.Combine(mail.Database.DataDirectory, "mail"), Path.GetDirectoryName(file.Path));
        var name = Path.GetFileName(file.Path);

        var admin = await SignedInAdministratorAsync(mail.App);
        var page = await admin.GetPageAsync("/Admin/Mail");
        var link = page.QuerySelectorAll("[data-testid=pickup-files] a").Single(a => a.TextContent == name);
        var href = System.Net.WebUtility.HtmlDecode(link.GetAttribute("href")!);
        using (var download = await admin.GetAsync(href))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("message/rfc822", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal(await File.ReadAllBytesAsync(file.Path), await download.Content.ReadAsByteArrayAsync());
        }

        foreach (var outside in new[] { "../claimdesk.db", "..%2Fclaimdesk.db", "%2Fetc%2Fpasswd", "missing.eml", "../mail/" + name.Replace(".eml", "", StringComparison.Ordinal) })
        {
            using var refused = await admin.GetAsync($"/Admin/Mail?handler=File&name={outside}");
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var operatorEmail = await StaffAccounts.CreateAsync(mail.App, "Operator");
        var operatorClient = mail.App.CreateBrowserLikeClient();
        (await operatorClient.SignInAsync(operatorEmail, StaffAccounts.Password)).Dispose();
        foreach (var url in new[] { "/Admin/Mail", href })
        {
            using var denied = await operatorClient.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        Assert.Null((await operatorClient.GetPageAsync("/")).QuerySelector("a[href='/Admin/Mail']"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_email_with_an_HTML_part_and_attachments_arrives_with_all_of_them(DatabaseProvider provider)
    {
        await using var mail = await MailingApp.StartAsync(provider);
        var pdf = new byte[3000];
        Random.Shared.NextBytes(pdf);
        await using (var scope = mail.App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Outbox>().Email("jan@example.pl", "Potwierdzenie", "Zwykły tekst.",
                "<p>Tekst <b>HTML</b>: żółć</p>",
                [new MailAttachment("potwierdzenie-żółć.pdf", "application/pdf", pdf), new MailAttachment("notatka.txt", "text/plain", "Uwagi: brak."u8.ToArray())]);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        Assert.Equal(1, await mail.Dispatcher.DispatchOnceAsync());

        var file = Assert.Single(await mail.PickupFilesAsync());
        Assert.Equal("Zwykły tekst.", Normalize(file.Text));
        Assert.Equal("<p>Tekst <b>HTML</b>: żółć</p>", Normalize(file.Html));
        Assert.Equal(["potwierdzenie-żółć.pdf|application/pdf|3000", "notatka.txt|text/plain|12"], file.Attachments);
    }

    [PostgresFact]
    public async Task Two_dispatchers_running_rounds_at_once_on_PostgreSQL_send_each_message_once()
    {
        await using var first = await MailingApp.StartAsync(DatabaseProvider.Postgres);
        await using var second = await MailingApp.StartAsync(DatabaseProvider.Postgres, onDatabaseOf: first);
        var ids = await first.EnqueueAsync([.. Enumerable.Range(1, 40).Select(i => ($"klient{i}@example.pl", $"{Polish} {i}", "Treść."))]);

        for (var round = 0; round < 10 && (await first.MessagesAsync()).Any(m => m.Status != OutboxStatus.Sent); round++)
        {
            await Task.WhenAll(
                first.Dispatcher.DispatchOnceAsync(), second.Dispatcher.DispatchOnceAsync(),
                first.Dispatcher.DispatchOnceAsync(), second.Dispatcher.DispatchOnceAsync());
        }

        var messages = await first.MessagesAsync();
        Assert.All(messages, m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
        var files = await first.PickupFilesAsync();
        Assert.Equal(ids.Count, files.Count);
        Assert.Equal(
            messages.Select(m => m.InternetMessageId).Order(StringComparer.Ordinal),
            files.Select(f => f.MessageId).Order(StringComparer.Ordinal));
    }

    private static string? Normalize(string? text) => text?.ReplaceLineEndings("\n").TrimEnd('\n');

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(200);
        }
    }

    private static async Task<HttpClient> SignedInAdministratorAsync(ClaimDeskFactory app)
    {
        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        return admin;
    }
}
