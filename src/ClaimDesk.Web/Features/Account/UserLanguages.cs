using System.Security.Claims;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Localization;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace ClaimDesk.Web.Features.Account;

/// <summary>
/// A user's own language (<see cref="AppUser.Language"/>): chosen by the user in the header's switcher or by an
/// administrator on the user's page, it wins at every sign-in; until someone chooses, the user keeps the language
/// they signed in with, which becomes their language for e-mails and notifications too. Every change is audited.
/// </summary>
public sealed class UserLanguages(UserManager<AppUser> users, AuditTrail audit, TimeProvider clock)
{
    private const string Entity = "user";

    /// <summary>
    /// The language the interface takes after <paramref name="user"/> signed in on a page in <paramref name="pageLanguage"/>
    /// (null when the page showed the default language because nobody asked for one).
    /// </summary>
    public async Task<string> AtSignInAsync(AppUser user, string? pageLanguage)
    {
        if (user.LanguageChosenAt is null && pageLanguage is not null && Language.IsSupported(pageLanguage) && pageLanguage != user.Language)
        {
            audit.Record(new Change(Entity, user.Id, "updated", "language", user.Language, pageLanguage), ActorOf(user));
            user.Language = pageLanguage;
            await users.UpdateAsync(user);
        }

        return user.Language;
    }

    /// <summary>The signed-in user picked <paramref name="language"/> in the switcher: from now on it is theirs.</summary>
    public async Task ChooseAsync(ClaimsPrincipal principal, string language)
    {
        var user = principal.Identity?.IsAuthenticated == true ? await users.GetUserAsync(principal) : null;
        if (user is null || (user.Language == language && user.LanguageChosenAt is not null))
        {
            return;
        }

        audit.RecordChange(Entity, user.Id, "language", user.Language, language);
        user.Language = language;
        user.LanguageChosenAt = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
    }

    private static Actor ActorOf(AppUser user) => new(Actor.UserKind, user.Id, user.Email ?? "", []);
}
