using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>The interface language after sign-in: the one the user signed in with, until they or an administrator chose one.</summary>
public sealed class SignInLanguageTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_administrator_without_a_chosen_language_signing_in_on_a_polish_page_stays_in_polish(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ClaimDeskFactory(database);
        var admin = PolishBrowser(app);

        Assert.Equal("pl", await LanguageAfterSignInAsync(admin, ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword));

        // Polish is now the administrator's language (for e-mails too), recorded in the audit, but not yet chosen.
        var stored = await UserAsync(app, ClaimDeskFactory.AdminEmail);
        Assert.Equal("pl", stored.Language);
        Assert.Null(stored.LanguageChosenAt);
        await using var scope = app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.EntityType == "user" && e.EntityId == stored.Id && e.Field == "language");
        Assert.Equal(("en", "pl"), (audit.OldValue, audit.NewValue));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_language_chosen_in_the_switcher_or_by_an_administrator_wins_over_the_sign_in_page(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ClaimDeskFactory(database);

        // The administrator picks Czech in the header: from then on a Polish sign-in page still leads to Czech.
        var admin = PolishBrowser(app);
        Assert.Equal("pl", await LanguageAfterSignInAsync(admin, ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword));
        using (await admin.SubmitFormAsync("/", new Dictionary<string, string> { ["language"] = "cs" }, "[data-testid=language-switcher]"))
        {
        }

        Assert.NotNull((await UserAsync(app, ClaimDeskFactory.AdminEmail)).LanguageChosenAt);
        Assert.Equal("cs", await LanguageAfterSignInAsync(PolishBrowser(app), ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword));

        // An operator the administrator created in English signs in on a Polish page and gets English.
        var administrator = app.CreateBrowserLikeClient();
        (await administrator.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        using (await administrator.SubmitFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Form.Email"] = "eve.operator@example.com", ["Form.DisplayName"] = "Eve Operator", ["Form.Language"] = "en",
            ["Form.Roles"] = StaffRole.Operator, ["Form.Password"] = "Eve-Start-2026!", ["Form.MustChangePassword"] = "false",
        }))
        {
        }

        Assert.Equal("en", await LanguageAfterSignInAsync(PolishBrowser(app), "eve.operator@example.com", "Eve-Start-2026!"));
    }

    private static HttpClient PolishBrowser(ClaimDeskFactory app)
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl-PL,pl;q=0.9");
        return client;
    }

    private static async Task<string> LanguageAfterSignInAsync(HttpClient client, string email, string password)
    {
        Assert.Equal("pl", (await client.GetPageAsync("/Account/Login")).DocumentElement.GetAttribute("lang"));
        using (var signedIn = await client.SignInAsync(email, password))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        return (await client.GetPageAsync("/")).DocumentElement.GetAttribute("lang")!;
    }

    private static async Task<AppUser> UserAsync(ClaimDeskFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
    }
}
