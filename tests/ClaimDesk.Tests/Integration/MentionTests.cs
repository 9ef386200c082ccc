using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>@name in a note tells the colleague named, in their notification centre and language.</summary>
public sealed class MentionTests
{
    [Fact]
    public void Names_are_read_from_the_text_once_each_and_not_from_e_mail_addresses() =>
        Assert.Equal(["bob.operator", "Olga", "Łucja"],
            Mentions.NamesIn("@bob.operator proszę sprawdź, @Olga też. Pisz na jan@example.pl. @BOB.operator! @Łucja."));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Colleagues_named_in_a_note_are_notified_in_their_language_and_the_writer_and_strangers_are_not(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var writer = await StaffAccounts.CreateAsync(app.App, StaffRole.Operator, "Wiktor Writer");
        var olga = await StaffAccounts.CreateAsync(app.App, StaffRole.Technician, "Olga Nowak", "pl");
        var bob = await StaffAccounts.CreateAsync(app.App, StaffRole.Manager, "Bob Czech", "cs");
        var ids = await app.QueryAsync(db => db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id));
        var api = await app.App.CreateApiClientAsync(StaffRole.Operator);
        using var created = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
        var claim = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ClaimRef>(created.Content))!;

        var staff = app.App.CreateBrowserLikeClient();
        (await staff.SignInAsync(writer, StaffAccounts.Password)).Dispose();
        var card = await staff.GetPageAsync($"/Claims/{claim.Id}");
        using var posted = await staff.PostMultipartAsync((AngleSharp.Html.Dom.IHtmlFormElement)card.QuerySelector("[data-testid=message-form]")!,
            new Dictionary<string, string>
            {
                ["kind"] = "note",
                ["body"] = $"@Olga sprawdź tabliczkę, @{bob.Split('@')[0]} zatwierdź. @nikt @{writer.Split('@')[0]}",
            }, []);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, posted.StatusCode);

        var notifications = await app.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.Event == Mentions.Event)
            .OrderBy(n => n.Id).ToListAsync());
        Assert.Equal([ids[olga], ids[bob]], notifications.Select(n => n.UserId));
        Assert.Equal($"Wiktor Writer wspomniał(a) o Tobie w reklamacji {claim.Number}", notifications[0].Title);
        Assert.Equal($"Wiktor Writer vás zmínil(a) u reklamace {claim.Number}", notifications[1].Title);
        Assert.All(notifications, n => Assert.Equal($"/Claims/{claim.Id}", n.Link));
        Assert.StartsWith("@Olga sprawdź tabliczkę", notifications[0].Body, StringComparison.Ordinal);
    }

    private sealed record ClaimRef(long Id, string Number);
}
