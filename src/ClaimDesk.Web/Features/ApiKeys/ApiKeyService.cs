using System.Security.Cryptography;
using System.Text;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.ApiKeys;

/// <summary>
/// Issues and checks API keys. A key reads <c>cdk_PREFIX_SECRET</c>: the prefix finds the row, only a SHA-256 hash
/// of the whole key is stored, and the key is shown once, when it is created.
/// </summary>
public sealed class ApiKeyService(AppDbContext db, OrganisationClock clock)
{
    public const string ClaimsRead = "claims:read";
    public const string ClaimsWrite = "claims:write";

    public static IReadOnlyList<string> KnownScopes { get; } = [ClaimsRead, ClaimsWrite];

    /// <summary>The roles a key may act in; deleting and administration stay with people.</summary>
    public static IReadOnlyList<string> Roles { get; } = [StaffRole.Operator, StaffRole.Manager];

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public sealed record Created(ApiKey Key, string Secret);

    /// <summary>The problems with a request for a key, as (field, English message); empty when it can be issued.</summary>
    public static List<(string Field, string Message)> Check(string? name, IReadOnlyCollection<string> scopes, string? role)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            problems.Add(("name", "Give the key a name of 1 to 100 characters."));
        }

        if (scopes.Count == 0 || scopes.Any(s => !KnownScopes.Contains(s)))
        {
            problems.Add(("scopes", "Choose scopes among: claims:read, claims:write."));
        }

        if (role is null || !Roles.Contains(role))
        {
            problems.Add(("role", "A key acts as an Operator or a Manager."));
        }

        return problems;
    }

    public async Task<Created> CreateAsync(string name, IReadOnlyCollection<string> scopes, string role, string? createdBy,
        CancellationToken cancellationToken = default)
    {
        var prefix = "cdk_" + RandomNumberGenerator.GetString(Alphabet, 8);
        var secret = $"{prefix}_{RandomNumberGenerator.GetString(Alphabet, 40)}";
        var key = new ApiKey
        {
            Name = name.Trim(),
            Prefix = prefix,
            SecretHash = Hash(secret),
            Scopes = [.. scopes.Distinct().Order(StringComparer.Ordinal)],
            ActsAsRole = role,
            CreatedAt = clock.UtcNow,
            CreatedBy = createdBy,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new Created(key, secret);
    }

    /// <summary>The active key matching <paramref name="presented"/>, or null; compares hashes in constant time.</summary>
    public async Task<ApiKey?> FindAsync(string presented, CancellationToken cancellationToken = default)
    {
        var parts = presented.Split('_');
        if (parts.Length != 3 || parts[0] != "cdk" || parts[1].Length != 8)
        {
            return null;
        }

        var prefix = $"{parts[0]}_{parts[1]}";
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, cancellationToken);
        return key is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(key.SecretHash), Encoding.ASCII.GetBytes(Hash(presented)))
            ? key
            : null;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
