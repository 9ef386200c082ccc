using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Courier pickup asks for the address to collect from, a parcel locker for its id (issue 18): on the consumer form,
/// the staff form and the API, checked on the server (the fields show without JavaScript too), stored, and shown on
/// the card, in the API and in the written confirmation.
/// </summary>
public sealed partial class DeliveryDetailsTests
{
    private const string Address = "ul. Żółwia 12/3\n30-001 Kraków\nPolska";

    private static Task<MailingApp> StartAsync(DatabaseProvider provider) => MailingApp.StartAsync(provider, intakePerMinute: 100_000);

    private static Dictionary<string, string> ConsumerForm(string delivery) => new()
    {
        ["Form.ContactName"] = "Zażółć Gęślą",
        ["Form.ContactEmail"] = "zazolc@example.pl",
        ["Form.Language"] = "pl",
        ["Form.PurchaseDate"] = "2026-03-01",
        ["Form.Items[0].ProductName"] = "Pralka Amica PA-612",
        ["Form.Items[0].Quantity"] = "1",
        ["Form.Items[0].FaultDescription"] = "Nie wiruje.",
        ["Form.RequestedRemedy"] = "repair",
        ["Form.DeliveryMethod"] = delivery,
        ["Form.LegalBasis"] = "conformity",
        ["Form.PrivacyAccepted"] = "true",
    };

    private static Dictionary<string, string> StaffForm(string delivery) => new()
    {
        ["Form.Channel"] = "phone",
        ["Form.ContactName"] = "Jan Kowalski",
        ["Form.ContactPhone"] = "+48 600 100 200",
        ["Form.CustomerType"] = "consumer",
        ["Form.LegalBasis"] = "conformity",
        ["Form.RequestedRemedy"] = "repair",
        ["Form.DeliveryMethod"] = delivery,
        ["Form.Lines[0].ProductName"] = "Pralka Amica PA-612",
        ["Form.Lines[0].Quantity"] = "1",
        ["Form.Lines[0].FaultDescription"] = "Nie wiruje.",
    };

    private static HttpClient Polish(MailingApp app)
    {
        var client = app.App.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");
        return client;
    }

    /// <summary>A staff member, who works in the language of their account (English here).</summary>
    private static async Task<HttpClient> StaffAsync(MailingApp app)
    {
        var client = app.App.CreateBrowserLikeClient();
        (await client.SignInAsync(await StaffAccounts.CreateAsync(app.App, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        return client;
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Consumer_courier_pickup_without_an_address_is_refused_in_the_consumers_language_and_keeps_what_was_typed(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var form = ConsumerForm("courier_pickup");
        form["Form.PickupAddress"] = "   ";

        using var refused = await Polish(app).SubmitFormAsync("/complaint/new", form, "#intake-form");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Equal("Podaj adres, spod którego kurier odbierze towar.", page.QuerySelector("[data-field=pickupAddress]")!.TextContent);
        Assert.Contains("is-invalid", page.QuerySelector("#Form_PickupAddress")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("courier_pickup", page.QuerySelector("#Form_DeliveryMethod option[selected]")!.GetAttribute("value"));
        Assert.Equal("Zażółć Gęślą", page.QuerySelector("#Form_ContactName")!.GetAttribute("value"));
        Assert.Equal("Nie wiruje.", page.QuerySelector("#item-0-fault")!.TextContent);
        Assert.Empty(await app.ClaimsAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Consumer_courier_pickup_with_an_address_stores_it_and_the_card_and_the_confirmation_show_it(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var form = ConsumerForm("courier_pickup");
        form["Form.PickupAddress"] = Address.Replace("\n", "\r\n", StringComparison.Ordinal);
        form["Form.ParcelLockerId"] = "KRA01M";

        using var sent = await Polish(app).SubmitFormAsync("/complaint/new", form, "#intake-form");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var claim = Assert.Single(await app.ClaimsAsync());
        Assert.Equal(DeliveryMethod.CourierPickup, claim.DeliveryMethod);
        Assert.Equal(Address, claim.PickupAddress);
        Assert.Null(claim.ParcelLockerId);

        (await Polish(app).GetAsync(LinkIn((await app.MessagesAsync()).Single().TextBody, "/complaint/activate/"))).Dispose();
        var card = await (await StaffAsync(app)).GetPageAsync($"/Claims/{claim.Id}");
        Assert.Equal(Address, card.QuerySelector("[data-testid=pickup-address]")!.TextContent);
        Assert.Null(card.QuerySelector("[data-testid=parcel-locker-id]"));

        var pdf = await app.QueryAsync(db => db.OutboxAttachments.Select(a => a.Content).SingleAsync());
        var text = Regex.Replace(await PdfTools.TextAsync(pdf), @"\s+", " ");
        Assert.Contains("Adres odbioru", text, StringComparison.Ordinal);
        Assert.Contains("ul. Żółwia 12/3", text, StringComparison.Ordinal);
        Assert.Contains("30-001 Kraków", text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Consumer_parcel_locker_requires_a_well_formed_locker_id_and_stores_it_upper_cased(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var client = Polish(app);
        var form = ConsumerForm("parcel_locker");

        using (var missing = await client.SubmitFormAsync("/complaint/new", form, "#intake-form"))
        {
            var page = await HtmlForms.ParseAsync(missing);
            Assert.Equal("Podaj kod paczkomatu, z którego nadajesz towar.", page.QuerySelector("[data-field=parcelLockerId]")!.TextContent);
        }

        form["Form.ParcelLockerId"] = "KRA 01!";
        using (var malformed = await client.SubmitFormAsync("/complaint/new", form, "#intake-form"))
        {
            var page = await HtmlForms.ParseAsync(malformed);
            Assert.Equal("Kod paczkomatu ma od 3 do 20 liter, cyfr lub łączników (na przykład KRA01M).",
                page.QuerySelector("[data-field=parcelLockerId]")!.TextContent);
            Assert.Equal("KRA 01!", page.QuerySelector("#Form_ParcelLockerId")!.GetAttribute("value"));
        }

        Assert.Empty(await app.ClaimsAsync());
        form["Form.ParcelLockerId"] = "  kra01m ";
        form["Form.PickupAddress"] = Address;
        using var sent = await client.SubmitFormAsync("/complaint/new", form, "#intake-form");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var claim = Assert.Single(await app.ClaimsAsync());
        Assert.Equal("KRA01M", claim.ParcelLockerId);
        Assert.Null(claim.PickupAddress);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_courier_pickup_needs_the_address_and_parcel_locker_the_locker_id_and_the_card_shows_them(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var staff = await StaffAsync(app);

        var form = StaffForm("courier_pickup");
        using (var refused = await staff.SubmitFormAsync("/Claims/New", form, "#claim-form"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await HtmlForms.ParseAsync(refused);
            Assert.Equal("Give the address the courier collects the goods from.", page.QuerySelector("[data-field=pickupAddress]")!.TextContent);
            Assert.Equal("courier_pickup", page.QuerySelector("#Form_DeliveryMethod option[selected]")!.GetAttribute("value"));
            Assert.Equal("Jan Kowalski", page.QuerySelector("#Form_ContactName")!.GetAttribute("value"));
            Assert.Equal("Nie wiruje.", page.QuerySelector("#line-0-fault")!.TextContent);
        }

        form["Form.PickupAddress"] = Address;
        using (var saved = await staff.SubmitFormAsync("/Claims/New", form, "#claim-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var card = await staff.GetPageAsync(saved.Headers.Location!.OriginalString);
            Assert.Equal(Address, card.QuerySelector("[data-testid=pickup-address]")!.TextContent);
        }

        var locker = StaffForm("parcel_locker");
        using (var refused = await staff.SubmitFormAsync("/Claims/New", locker, "#claim-form"))
        {
            var page = await HtmlForms.ParseAsync(refused);
            Assert.Equal("Give the id of the parcel locker you send the goods from.", page.QuerySelector("[data-field=parcelLockerId]")!.TextContent);
        }

        locker["Form.ParcelLockerId"] = "waw-22a";
        using (var saved = await staff.SubmitFormAsync("/Claims/New", locker, "#claim-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var card = await staff.GetPageAsync(saved.Headers.Location!.OriginalString);
            Assert.Equal("WAW-22A", card.QuerySelector("[data-testid=parcel-locker-id]")!.TextContent);
            Assert.Null(card.QuerySelector("[data-testid=pickup-address]"));
        }

        var claims = await app.ClaimsAsync();
        Assert.Equal([(Address, null), (null, "WAW-22A")], claims.Select(c => (c.PickupAddress, c.ParcelLockerId)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_api_refuses_a_courier_pickup_without_an_address_and_shows_the_address_it_stored(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var api = await app.App.CreateApiClientAsync();
        var body = ApiClients.NewClaim();
        body.Remove("pickupAddress");

        using var refused = await api.PostJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("pickupAddress", out _));

        body["pickupAddress"] = Address;
        using var created = await api.PostJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claim = await (await api.GetAsync(created.Headers.Location)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Address, claim.GetProperty("pickupAddress").GetString());
        Assert.Equal(JsonValueKind.Null, claim.GetProperty("parcelLockerId").ValueKind);
    }

    private static string LinkIn(string text, string marker)
    {
        var url = UrlPattern().Matches(text).Select(m => m.Value).First(u => u.Contains(marker, StringComparison.Ordinal));
        return new Uri(url).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
