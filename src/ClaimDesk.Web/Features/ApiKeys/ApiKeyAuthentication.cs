using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.ApiKeys;

/// <summary>Authenticates API calls by their <c>X-Api-Key</c> header; the key's scopes become policy claims.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string ScopeClaim = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        // A key found is remembered for half a minute, so an integration's calls do not each look it up; revoking
        // forgets it on this node at once and on the others within that half minute.
        var presented = values.ToString().Trim();
        var cacheKey = ApiKeyService.CacheKey(ApiKeyService.Hash(presented));
        if (!cache.TryGetValue(cacheKey, out ApiKey? key))
        {
            key = await keys.FindAsync(presented, Context.RequestAborted);
            if (key is not null)
            {
                cache.Set(cacheKey, key, ApiKeyService.CacheLifetime);
            }
        }

        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        await keys.MarkUsedAsync(key, Context.RequestAborted);

        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, "api_key:" + key.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.ActsAsRole),
            new(AuditTrail.ActorKindClaim, ClaimDesk.Core.Claims.Actor.ApiKeyKind),
            .. key.Scopes.Select(scope => new Claim(ScopeClaim, scope)),
        ];
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>An API caller without a valid key gets 401 problem details, never a sign-in page.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        return Task.CompletedTask;
    }
}

public static class ApiKeyServices
{
    public static void AddClaimDeskApiKeys(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<ApiKeyService>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in ApiKeyService.KnownScopes)
        {
            // One policy per scope, named as the scope: an endpoint requires the scope it needs.
            authorization.AddPolicy(scope, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope));
        }
    }
}
