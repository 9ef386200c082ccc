using System.Globalization;
using ClaimDesk.Core.Localization;
using Microsoft.AspNetCore.Localization;

namespace ClaimDesk.Web.Infrastructure;

public static class LocalizationSetup
{
    /// <summary>UI culture from the language cookie, then the browser's Accept-Language, then the configured default.</summary>
    public static void AddClaimDeskLocalization(this IServiceCollection services, ClaimDeskOptions options)
    {
        services.AddLocalization(localization => localization.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(localization =>
        {
            var cultures = Language.All.Select(CultureInfo.GetCultureInfo).ToList();
            localization.DefaultRequestCulture = new RequestCulture(options.DefaultLanguage);
            localization.SupportedCultures = cultures;
            localization.SupportedUICultures = cultures;
            localization.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    /// <summary>Writes the language cookie that <see cref="CookieRequestCultureProvider"/> reads.</summary>
    public static void SetLanguageCookie(HttpResponse response, string language) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
