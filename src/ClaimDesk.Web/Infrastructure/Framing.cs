using Microsoft.AspNetCore.Antiforgery;

namespace ClaimDesk.Web.Infrastructure;

/// <summary>
/// Who may show ClaimDesk's pages in a frame. Only the embeddable complaint form (<c>/embed/…</c>) may be framed, by
/// ClaimDesk itself and the sites named in <c>ClaimDesk:Intake:FrameOrigins</c>; every other page only by ClaimDesk
/// (clickjacking). Browsers enforce it through the CSP <c>frame-ancestors</c> directive.
/// </summary>
public static class Framing
{
    public const string EmbedPath = "/embed";

    /// <summary>
    /// The origins of <c>ClaimDesk:Intake:FrameOrigins</c> (separated by spaces or commas), each a scheme and host with
    /// an optional port, such as <c>https://shop.example.pl</c>.
    /// </summary>
    public static IReadOnlyList<string> Origins(string? setting)
    {
        var origins = new List<string>();
        foreach (var part in (setting ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || uri.PathAndQuery != "/" || part.TrimEnd('/').Length != uri.GetLeftPart(UriPartial.Authority).Length
                || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new StartupException(
                    $"ClaimDesk:Intake:FrameOrigins holds '{part}', but each entry must be an origin such as https://shop.example.pl (scheme, host, optional port; no path).");
            }

            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }

        return origins;
    }

    /// <summary>The <c>frame-ancestors</c> policy of a response to <paramref name="path"/>.</summary>
    public static string PolicyFor(PathString path, IReadOnlyList<string> origins) =>
        path.StartsWithSegments(EmbedPath, StringComparison.OrdinalIgnoreCase) && origins.Count > 0
            ? $"frame-ancestors 'self' {string.Join(' ', origins)}"
            : "frame-ancestors 'self'";

    public static void UseClaimDeskFraming(this IApplicationBuilder app, IReadOnlyList<string> origins) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy = PolicyFor(context.Request.Path, origins);
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>
    /// The antiforgery cookie must reach ClaimDesk from a form framed in another site, which browsers allow only for
    /// <c>SameSite=None; Secure</c> cookies, so over HTTPS it is one; over plain HTTP (development, same-site frames)
    /// it stays <c>Lax</c>, which browsers accept without <c>Secure</c>. The antiforgery token in the form still has
    /// to match it, so a cross-site post without the page's token is refused as before.
    /// </summary>
    public static void AddClaimDeskAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(antiforgery => antiforgery.Cookie = new FramedFormCookie
        {
            Name = antiforgery.Cookie.Name,
            HttpOnly = true,
            IsEssential = true,
        });

    private sealed class FramedFormCookie : CookieBuilder
    {
        public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
        {
            var options = base.Build(context, expiresFrom);
            options.Secure = context.Request.IsHttps;
            options.SameSite = context.Request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax;
            return options;
        }
    }
}

/// <summary>The checked origins of <c>ClaimDesk:Intake:FrameOrigins</c>.</summary>
public sealed record FrameOrigins(IReadOnlyList<string> Origins);
