using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.Inbound;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>Replies by e-mail, posted by a mail gateway, land in the right claim's thread.</summary>
public sealed class InboundMailTests
{
    private const string Secret = "gateway-secret-0123456789";
    private const string Claimant = "jan.kowalski@example.pl";

    private sealed record Created(long Id, string Number);

    private static async Task<(MailingApp App, List<Created> Claims)> StartAsync(DatabaseProvider provider)
    {
        var app = await MailingApp.StartAsync(provider, settings: new Dictionary<string, string?> { ["ClaimDesk:InboundMail:Secret"] = Secret });
        var api = await app.App.CreateApiClientAsync(StaffRole.Operator);
        var claims = new List<Created>();
        for (var i = 0; i < 2; i++)
        {
            using var created = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
            claims.Add((await created.Content.ReadFromJsonAsync<Created>())!);
        }

        return (app, claims);
    }

    /// <summary>A received message as a gateway posts it.</summary>
    private static MultipartFormDataContent Mail(string from, string to, string subject, string text, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(from), "from" },
            { new StringContent(to), "to" },
            { new StringContent(subject), "subject" },
            { new StringContent(text), "text" },
            { new StringContent($"<p>{text}</p>"), "html" },
        };
        var index = 1;
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, $"attachment{index++}", name);
        }

        return form;
    }

    private static HttpClient Gateway(MailingApp app, string secret = Secret)
    {
        var client = app.App.CreateClient();
        client.DefaultRequestHeaders.Add(InboundMailApi.SecretHeader, secret);
        return client;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_customers_reply_with_an_attachment_lands_in_the_right_claims_thread_without_the_quoted_text(DatabaseProvider provider)
    {
        var (app, claims) = await StartAsync(provider);
        await using var _ = app;
        var assignee = await StaffAccounts.CreateAsync(app.App, StaffRole.Operator, "Olga Operator");
        var assigneeId = await app.QueryAsync(db => db.Users.Where(u => u.Email == assignee).Select(u => u.Id).SingleAsync());
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var commands = scope.ServiceProvider.GetRequiredService<ClaimCommands>();
            Assert.True((await commands.AssignAsync(claims[1].Id, assigneeId, Actor.System)).Succeeded);
        }

        var photo = TestFiles.Jpeg();
        var text = "Dzień dobry, w załączniku zdjęcie tabliczki. Zażółć gęślą jaźń.\n\nW dniu 25.11.2026 o 10:00 ClaimDesk pisze:\n> Prosimy o zdjęcie tabliczki.";

        using var answer = await Gateway(app).PostAsync("/api/v1/inbound/email",
            Mail($"Jan Kowalski <{Claimant.ToUpperInvariant()}>", "reklamacje@claimdesk.test", $"Re: Nowa wiadomość w sprawie reklamacji {claims[1].Number}", text,
                ("tabliczka.jpg", photo)));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var result = await answer.Content.ReadFromJsonAsync<InboundMailApi.InboundResult>();
        Assert.Equal(("threaded", claims[1].Number, 1), (result!.Result, result.Number, result.Files));
        var message = await app.QueryAsync(db => db.ClaimMessages.AsNoTracking().SingleAsync());
        Assert.Equal((claims[1].Id, MessageKind.Inbound, Claimant), (message.ClaimId, message.Kind, message.AuthorName));
        Assert.Equal("Dzień dobry, w załączniku zdjęcie tabliczki. Zażółć gęślą jaźń.", message.Body);
        var file = await app.QueryAsync(db => db.ClaimAttachments.AsNoTracking().SingleAsync());
        Assert.Equal((claims[1].Id, message.Id, "tabliczka.jpg", AttachmentVisibility.Public), (file.ClaimId, file.MessageId, file.FileName, file.Visibility));

        // The assignee hears of it in the notification centre, with a link to the claim.
        var notification = await app.QueryAsync(db => db.Notifications.AsNoTracking()
            .SingleAsync(n => n.UserId == assigneeId && n.Event == "message.inbound"));
        Assert.Equal((claims[1].Id, $"/Claims/{claims[1].Id}"), (notification.ClaimId, notification.Link));
        Assert.Null(notification.ReadAt);

        var staff = app.App.CreateBrowserLikeClient();
        (await staff.SignInAsync(assignee, StaffAccounts.Password)).Dispose();
        var card = await staff.GetPageAsync($"/Claims/{claims[1].Id}");
        var entry = Assert.Single(card.QuerySelectorAll("[data-testid=thread] li[data-kind=inbound]"));
        Assert.Contains("Zażółć gęślą jaźń", entry.TextContent, StringComparison.Ordinal);
        Assert.Equal(photo, await staff.GetByteArrayAsync(entry.QuerySelector("[data-testid=message-file]")!.GetAttribute("href")));
    }

    [Fact]
    public async Task The_claim_is_found_by_the_plus_address_and_a_refused_attachment_does_not_cost_the_text()
    {
        var (app, claims) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = app;

        using var answer = await Gateway(app).PostAsync($"/api/v1/inbound/email",
            Mail(Claimant, $"ClaimDesk <reklamacje+{claims[0].Number.ToLowerInvariant()}@claimdesk.test>", "Re: zdjęcia", "Przesyłam program.",
                ("setup.jpg", TestFiles.Exe())));

        var result = await answer.Content.ReadFromJsonAsync<InboundMailApi.InboundResult>();
        Assert.Equal(("threaded", claims[0].Number), (result!.Result, result.Number));
        Assert.Equal(["setup.jpg"], result.RefusedFiles);
        var message = await app.QueryAsync(db => db.ClaimMessages.AsNoTracking().SingleAsync());
        Assert.Equal(claims[0].Id, message.ClaimId);
        Assert.StartsWith("Przesyłam program.", message.Body, StringComparison.Ordinal);
        Assert.Contains("setup.jpg: not attached", message.Body, StringComparison.Ordinal);
        Assert.Empty(await app.QueryAsync(db => db.ClaimAttachments.ToListAsync()));
    }

    [Fact]
    public async Task A_wrong_secret_a_stranger_or_an_unknown_number_stores_nothing()
    {
        var (app, claims) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = app;
        var subject = $"Re: {claims[0].Number}";

        using var wrongSecret = await Gateway(app, "guess").PostAsync("/api/v1/inbound/email", Mail(Claimant, "r@claimdesk.test", subject, "x"));
        using var stranger = await Gateway(app).PostAsync("/api/v1/inbound/email", Mail("oszust@example.com", "r@claimdesk.test", subject, "Proszę zwrócić pieniądze na moje konto."));
        using var unknown = await Gateway(app).PostAsync("/api/v1/inbound/email", Mail(Claimant, "r@claimdesk.test", "Re: RMA-1999-000001", "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stranger.StatusCode);
        Assert.Equal("sender_not_the_claimant", (await stranger.Content.ReadFromJsonAsync<InboundMailApi.InboundResult>())!.Result);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal("no_claim", (await unknown.Content.ReadFromJsonAsync<InboundMailApi.InboundResult>())!.Result);
        Assert.Empty(await app.QueryAsync(db => db.ClaimMessages.ToListAsync()));
    }

    [Fact]
    public async Task Without_a_configured_secret_the_endpoint_does_not_exist()
    {
        await using var app = await MailingApp.StartAsync(DatabaseProvider.Sqlite);
        using var answer = await Gateway(app, "").PostAsync("/api/v1/inbound/email", Mail(Claimant, "r@claimdesk.test", "Re: RMA-2026-000001", "x"));
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Theory]
    [InlineData("Thanks!\n\nOn Tue, 24 Nov 2026 at 10:00, ClaimDesk <r@claimdesk.test> wrote:\n> old", "Thanks!")]
    [InlineData("Děkuji.\nDne 24. 11. 2026 v 10:00 ClaimDesk napsal:\n> old", "Děkuji.")]
    [InlineData("OK\n-----Original Message-----\nFrom: x", "OK")]
    [InlineData("", "")]
    public void The_quoted_earlier_message_is_cut_off(string text, string expected) =>
        Assert.Equal(expected, InboundMailApi.Body(text, ""));

    [Fact]
    public void An_html_only_message_becomes_text() =>
        Assert.Equal("Zdjęcie w załączniku.\nPozdrawiam & dziękuję", InboundMailApi.Body("", "<div>Zdjęcie w załączniku.</div><p>Pozdrawiam &amp; dziękuję</p>"));
}
