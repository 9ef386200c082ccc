using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Infrastructure;

/// <summary>
/// The address links in e-mails and text messages start with, so that every link a recipient gets is absolute:
/// <c>ClaimDesk:Intake:PublicUrl</c> when it is set; else the current request's own address; else, for messages built
/// outside any request (the deadline scanner's reminders), the address the server listens on.
/// </summary>
public sealed class PublicAddress(IOptions<ClaimDeskOptions> options, IHttpContextAccessor http, IServer server)
{
    /// <summary>The last resort when the server names no address of its own (an in-memory test server).</summary>
    public const string Fallback = "http://localhost";

    /// <summary>The base address, without a trailing slash: <c>https://claims.example.com</c>.</summary>
    public string BaseUrl() =>
        http.HttpContext?.Request is { } request
            ? BaseUrl(options.Value, request)
            : Configured(options.Value) ?? Listening(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    /// <summary>Links in e-mails start with <c>ClaimDesk:Intake:PublicUrl</c>, or else the request's own address.</summary>
    public static string BaseUrl(ClaimDeskOptions options, HttpRequest request) =>
        Configured(options) ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary><c>ClaimDesk:Intake:PublicUrl</c> without its trailing slash, or null when it is not set.</summary>
    public static string? Configured(ClaimDeskOptions options) =>
        string.IsNullOrWhiteSpace(options.Intake.PublicUrl) ? null : options.Intake.PublicUrl.Trim().TrimEnd('/');

    /// <summary>
    /// The first address the server listens on, a wildcard host (<c>http://+:8080</c>, <c>http://[::]:8080</c>) read as
    /// <c>localhost</c>; https first when it listens on both.
    /// </summary>
    public static string Listening(IEnumerable<string> addresses)
    {
        var parsed = addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .OrderBy(u => u.Scheme == Uri.UriSchemeHttps ? 0 : 1)
            .FirstOrDefault();
        if (parsed is null)
        {
            return Fallback;
        }

        var host = parsed.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : parsed.Host;
        return new UriBuilder(parsed.Scheme, host, parsed.Port).Uri.GetLeftPart(UriPartial.Authority);
    }
}
