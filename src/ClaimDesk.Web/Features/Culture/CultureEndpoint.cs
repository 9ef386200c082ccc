using ClaimDesk.Core.Localization;
using ClaimDesk.Web.Features.Account;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClaimDesk.Web.Features.Culture;

public static class CultureEndpoint
{
    /// <summary>
    /// The language switcher posts here; the choice is kept in a cookie (and, for a signed-in user, as their own
    /// language) and the user returns to the page.
    /// </summary>
    public static void MapCultureEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/culture", SetCulture).AllowAnonymous().ExcludeFromDescription();

    private static async Task<Results<RedirectHttpResult, BadRequest>> SetCulture(
        HttpContext context, UserLanguages languages, [FromForm] string language, [FromForm] string? returnUrl)
    {
        if (!Language.IsSupported(language))
        {
            return TypedResults.BadRequest();
        }

        await languages.ChooseAsync(context.User, language);
        LocalizationSetup.SetLanguageCookie(context.Response, language);
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
