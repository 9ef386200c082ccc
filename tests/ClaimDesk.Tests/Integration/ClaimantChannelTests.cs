using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Reaching the claimant on the channel they have (issue 11): a message from staff goes by text message to a claimant
/// with only a phone, and is refused, with the reason, when there is no way to reach them.
/// </summary>
public sealed partial class ClaimantChannelTests
{
    private const string Organisation = "Elektro-Serwis Sp. z o.o.";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_message_to_a_claimant_with_only_a_phone_goes_by_text_message_through_the_gateway(DatabaseProvider provider)
    {
        await using var gateway = new SmsGateway();
        gateway.Start();
        await using var app = await MailingApp.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["ClaimDesk:Sms:Url"] = gateway.Url,
            ["ClaimDesk:Organisation:Name"] = Organisation,
        });
        var (id, number) = await CreateClaimAsync(app, email: null, phone: "+48 600 100 200", preferred: "email");
        const string Reply = "Prosimy o zdjęcie tabliczki znamionowej pralki.";
        var (status, card) = await PostAsStaffAsync(app, id, Reply);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("Wiadomość została wysłana do zgłaszającego SMS-em.", card.QuerySelector("[data-testid=status-message]")!.TextContent.Trim());
        while (await app.Dispatcher.DispatchOnceAsync() > 0)
        {
        }

        var request = Assert.Single(gateway.Requests, r => r.Body.Contains(Reply, StringComparison.Ordinal));
        var sent = JsonSerializer.Deserialize<JsonElement>(request.Body);
        Assert.Equal("+48600100200", sent.GetProperty("to").GetString());
        Assert.Matches($@"^{Regex.Escape(Organisation)}, reklamacja {Regex.Escape(number)}: {Regex.Escape(Reply)} http\S+/track/\S+$",
            sent.GetProperty("text").GetString());
        Assert.DoesNotContain(await app.MessagesAsync(), m => m.Kind == OutboxMessage.EmailKind);

        // The link in the text opens the claim's tracking page, with the message on it.
        var customer = app.App.CreateBrowserLikeClient();
        var page = await customer.GetPageAsync(new Uri(UrlPattern().Match(sent.GetProperty("text").GetString()!).Value).PathAndQuery);
        Assert.Contains(Reply, Assert.Single(page.QuerySelectorAll("[data-testid=timeline] li[data-kind=outbound]")).TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_message_to_a_claimant_with_no_email_and_no_phone_for_texts_is_refused_on_the_card_and_nothing_is_queued(
        DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        // "112" is what the operator typed: a phone field, but no number a text message can go to.
        var (id, _) = await CreateClaimAsync(app, email: null, phone: "112", preferred: "sms");
        var before = (await app.MessagesAsync()).Count;
        const string Reply = "Prosimy o zdjęcie tabliczki znamionowej.";
        var (status, card) = await PostAsStaffAsync(app, id, Reply);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Zgłaszający nie ma adresu e-mail ani numeru telefonu, na który można wysłać SMS, więc wiadomość do niego nie dotrze i nie została wysłana.",
            card.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(card.QuerySelector("[data-testid=status-message]"));
        Assert.Equal(Reply, card.QuerySelector("#message-body")!.TextContent);
        Assert.Equal(before, (await app.MessagesAsync()).Count);
        Assert.False(await app.QueryAsync(db => db.ClaimMessages.AnyAsync(m => m.ClaimId == id)));

        // An internal note on the same claim is still saved.
        var (noted, _) = await PostAsStaffAsync(app, id, "Klient bez kontaktu — oddzwoni.", MessageKind.Note);
        Assert.Equal(HttpStatusCode.Redirect, noted);
        Assert.Equal(before, (await app.MessagesAsync()).Count);
    }

    private static async Task<(long Id, string Number)> CreateClaimAsync(MailingApp app, string? email, string? phone, string preferred)
    {
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var claim = ApiClients.NewClaim();
        claim["contact"] = new Dictionary<string, object?>
        {
            ["name"] = "Jan Kowalski", ["email"] = email, ["phone"] = phone, ["language"] = "pl", ["preferredChannel"] = preferred,
        };
        using var response = await api.PostJsonAsync("/api/v1/claims", claim);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetInt64(), json.GetProperty("number").GetString()!);
    }

    /// <summary>Posts on the card in Polish; the answer's status and the card it shows (after the redirect, when it succeeded).</summary>
    private static async Task<(HttpStatusCode Status, IHtmlDocument Card)> PostAsStaffAsync(
        MailingApp app, long claimId, string body, string kind = MessageKind.Outbound)
    {
        var staff = app.App.CreateBrowserLikeClient();
        staff.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app.App, StaffRole.Operator, language: "pl"), StaffAccounts.Password)).Dispose();
        var path = $"/Claims/{claimId.ToString(CultureInfo.InvariantCulture)}";
        var card = await staff.GetPageAsync(path);
        using var posted = await staff.PostMultipartAsync((IHtmlFormElement)card.QuerySelector("[data-testid=message-form]")!,
            new Dictionary<string, string> { ["kind"] = kind, ["body"] = body }, []);
        return posted.StatusCode == HttpStatusCode.Redirect
            ? (posted.StatusCode, await staff.GetPageAsync(path))
            : (posted.StatusCode, await HtmlForms.ParseAsync(posted));
    }

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
