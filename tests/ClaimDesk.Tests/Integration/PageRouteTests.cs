using System.Net;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Intake;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>Every page the app maps, asked the way a stray form, a crawler or a stale link asks it.</summary>
public sealed class PageRouteTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task No_page_answers_a_get_a_post_or_an_unknown_handler_with_a_server_error(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ClaimDeskFactory(database, demo: true,
            settings: new Dictionary<string, string?> { ["ClaimDesk:RateLimits:IntakePerMinute"] = "100000" });
        var routes = await PageRoutesAsync(app);
        Assert.Contains("/Claims/" + (await FirstClaimIdAsync(app)), routes);

        var anonymous = app.CreateBrowserLikeClient();
        var administrator = app.CreateBrowserLikeClient();
        (await administrator.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();

        var failures = new List<string>();
        foreach (var (who, client, tokenPage) in new[] { ("anonymous", anonymous, "/Account/Login"), ("administrator", administrator, "/") })
        {
            foreach (var route in routes)
            {
                // Signing out would end the walk as administrator; its POST handler is not what this test is about.
                var signsOut = route.StartsWith("/Account/Logout", StringComparison.OrdinalIgnoreCase);
                var token = await AntiforgeryTokenAsync(client, tokenPage, who == "administrator");
                var separator = route.Contains('?', StringComparison.Ordinal) ? "&" : "?";
                var requests = new List<(string Method, string Url, bool WithToken)>
                {
                    ("GET", route, false),
                    ("GET", route + separator + "handler=Nope", false),
                    ("POST", route, false),
                    ("POST", route + separator + "handler=Nope", true),
                };
                if (!signsOut || who == "anonymous")
                {
                    requests.Add(("POST", route, true));
                }

                foreach (var (method, url, withToken) in requests)
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url);
                    if (method == "POST")
                    {
                        request.Content = new FormUrlEncodedContent(withToken
                            ? [new("__RequestVerificationToken", token)]
                            : Array.Empty<KeyValuePair<string, string>>());
                    }

                    using var response = await client.SendAsync(request);
                    // A 400 may also be a page's own form shown again with its errors, so only 5xx is a failure here;
                    // the test below checks the error page of the refusals.
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{who} {method} {url}{(withToken ? " (with token)" : "")}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_post_to_a_page_without_that_handler_is_refused_with_400_or_405_and_the_error_page(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ClaimDeskFactory(database, demo: true);
        var administrator = app.CreateBrowserLikeClient();
        (await administrator.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var token = await AntiforgeryTokenAsync(administrator, "/", signIn: false);

        foreach (var url in new[] { "/", "/Board", "/Claims/" + await FirstClaimIdAsync(app) })
        {
            using var response = await administrator.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

            // 405 (with Allow) where the page takes no POST at all; 400 where its POST handlers all have names.
            Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest, $"{url}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
            {
                Assert.Contains("GET", response.Content.Headers.Allow);
            }

            var page = await HtmlForms.ParseAsync(response);
            Assert.NotNull(page.QuerySelector("[data-testid=signed-in-user]"));
            Assert.Contains("Request ID", page.Body!.TextContent, StringComparison.Ordinal);
        }

        using var unknown = await administrator.PostAsync("/Claims?handler=Nope", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var forged = await administrator.PostAsync("/Claims/New", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    /// <summary>A form token for the client's identity; an administrator whom a posted form signed out signs in again.</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page, bool signIn)
    {
        using (var response = await client.GetAsync(page))
        {
            if (signIn && response.StatusCode == HttpStatusCode.Redirect)
            {
                (await client.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
            }
        }

        return (await client.GetPageAsync(page)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static async Task<long> FirstClaimIdAsync(ClaimDeskFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Claims.MinAsync(c => c.Id);
    }

    /// <summary>
    /// The addresses of all pages as the app maps them, their parameters filled with ids and tokens of the seeded
    /// data (a fresh tracking link; an unknown, well-formed token where the demo has none).
    /// </summary>
    private static async Task<List<string>> PageRoutesAsync(ClaimDeskFactory app)
    {
        app.StartServer();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var claimId = await db.Claims.MinAsync(c => c.Id);
        var trackingLink = scope.ServiceProvider.GetRequiredService<TrackingLinks>().Issue(claimId, "http://localhost");
        await db.SaveChangesAsync();
        var template = await db.NotificationTemplates.OrderBy(t => t.Id).FirstAsync();
        var register = await db.Registers.OrderBy(r => r.Code).Select(r => r.Code).FirstAsync();
        var adminId = await db.Users.Where(u => u.Email == ClaimDeskFactory.AdminEmail).Select(u => u.Id).SingleAsync();
        var attachment = await db.ClaimAttachments.OrderBy(a => a.Id).FirstOrDefaultAsync();
        var slaId = await db.SlaPolicies.OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync();
        var webhookId = await db.Webhooks.OrderBy(w => w.Id).Select(w => (int?)w.Id).FirstOrDefaultAsync() ?? 1;
        var apiKeyId = await db.ApiKeys.OrderBy(k => k.Id).Select(k => (int?)k.Id).FirstOrDefaultAsync() ?? 1;

        string? Value(string page, string parameter) => (page, parameter) switch
        {
            ("/Claims/Attachment", "id") => (attachment?.ClaimId ?? claimId).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ("/Claims/Attachment", "attachmentId") => (attachment?.Id ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (_, "id") when page.StartsWith("/Claims/", StringComparison.Ordinal) || page.StartsWith("/Portal/", StringComparison.Ordinal) =>
                claimId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ("/Documents/Document", "id") => claimId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ("/Documents/Document", "documentId") => null,
            ("/Admin/ApiKeys/Revoke", "id") => apiKeyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            (_, "id") when page.StartsWith("/Admin/Webhooks/", StringComparison.Ordinal) => webhookId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ("/Admin/Sla/Edit", "id") => slaId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ("/Admin/Users/Edit", "id") => adminId,
            ("/Admin/CustomFields/Edit", "id") => null,
            (_, "register") or ("/Admin/Registers/Edit", "code") => register,
            ("/Admin/Notifications/Template", "ev") => template.Event,
            ("/Admin/Notifications/Template", "channel") => template.Channel,
            ("/Admin/Notifications/Template", "language") => template.Language,
            ("/Intake/Track", "token") => trackingLink[(trackingLink.LastIndexOf('/') + 1)..],
            ("/Intake/Activate", "token") => AccessToken.NewSecret(),
            ("/MasterData/Index", "kind") => "customers",
            _ => throw new InvalidOperationException($"The page {page} has the route parameter {parameter}: give it a real value here."),
        };

        var routes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page)
            {
                continue;
            }

            var segments = new List<string>();
            foreach (var segment in endpoint.RoutePattern.PathSegments)
            {
                var text = string.Concat(segment.Parts.Select(part => part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Value(page.ViewEnginePath, parameter.Name)
                        ?? (parameter.IsOptional ? "" : throw new InvalidOperationException($"{page.ViewEnginePath}: {parameter.Name} is required")),
                    _ => "",
                }));
                if (text.Length > 0)
                {
                    segments.Add(text);
                }
            }

            routes.Add("/" + string.Join('/', segments));
        }

        return [.. routes];
    }
}
