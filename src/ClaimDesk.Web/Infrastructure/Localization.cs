using System.Globalization;
using ClaimDesk.Core.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

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

/// <summary>
/// Texts in someone else's language (a claimant's, a colleague's): the shared localizer reads the current UI culture
/// at each look-up, so the culture is theirs while <c>build</c> runs (synchronously, on this thread) and the request's
/// again afterwards. An unsupported language falls back to English.
/// </summary>
public static class LanguageScope
{
    public static T In<T>(this IStringLocalizerFactory localizers, string language, Func<IStringLocalizer, CultureInfo, T> build)
    {
        var culture = CultureInfo.GetCultureInfo(Language.IsSupported(language) ? language : Language.English);
        var localizer = localizers.Create(typeof(SharedResource));
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return build(localizer, culture);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
