using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Web.Features.ApiKeys;

/// <summary>
/// <c>create-api-key --name NAME --scopes claims:read,claims:write [--role Operator|Manager]</c>: issues a key on
/// behalf of the system. Only the key goes to stdout, on a line of its own, so that a script can capture it
/// (<c>key=$(… create-api-key …)</c>); the note for a person and the log go to stderr.
/// </summary>
public static class CreateApiKeyCommand
{
    public sealed record Request(string Name, IReadOnlyList<string> Scopes, string Role);

    /// <summary>
    /// The request the options describe, or one line saying what is wrong with them. It is read before the host is
    /// built, so a mistyped command leaves the database alone.
    /// </summary>
    public static (Request? Request, string? Error) Read(IReadOnlyDictionary<string, string> options)
    {
        var name = options.GetValueOrDefault("name");
        string[] scopes = [.. (options.GetValueOrDefault("scopes") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var role = options.TryGetValue("role", out var given)
            ? ApiKeyService.Roles.FirstOrDefault(r => string.Equals(r, given, StringComparison.OrdinalIgnoreCase)) ?? given
            : StaffRole.Operator;
        var problems = ApiKeyService.Check(name, scopes, role);
        return problems.Count > 0
            ? (null, $"{CommandLine.CreateApiKey}: {string.Join(" ", problems.Select(p => p.Message))}")
            : (new Request(name!.Trim(), scopes, role), null);
    }

    public static async Task RunAsync(IServiceProvider services, Request request, TextWriter output, TextWriter notes)
    {
        await using var scope = services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var (key, secret) = await keys.CreateAsync(request.Name, request.Scopes, request.Role, Actor.System);
        await notes.WriteLineAsync(
            $"Created API key '{key.Name}' ({key.Prefix}), acting as {key.ActsAsRole} with the scopes {string.Join(", ", key.Scopes)}. " +
            "Store it now: it is not shown again.");
        await output.WriteLineAsync(secret);
    }
}
