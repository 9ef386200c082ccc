using System.Security.Cryptography;
using System.Text;
using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ClaimDesk.Web.Features.ApiKeys;

/// <summary>
/// Issues and checks API keys. A key reads <c>cdk_PREFIX_SECRET</c>: the prefix finds the row, only a SHA-256 hash
/// of the whole key is stored, and the key is shown once, when it is created. Issuing and revoking are audited in
/// the same transaction as the change.
/// </summary>
public sealed class ApiKeyService(AppDbContext db, AuditTrail audit, OrganisationClock clock, IMemoryCache cache)
{
    /// <summary>How long a node trusts a key it has looked up; a revocation elsewhere reaches it within this time.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    public static string CacheKey(string secretHash) => "api-key:" + secretHash;

    public const string EntityType = "api_key";

    public const string ClaimsRead = "claims:read";
    public const string ClaimsWrite = "claims:write";
    public const string MasterDataRead = "master_data:read";
    public const string MasterDataWrite = "master_data:write";

    public static IReadOnlyList<string> KnownScopes { get; } = [ClaimsRead, ClaimsWrite, MasterDataRead, MasterDataWrite];

    /// <summary>The roles a key may act in; deleting and administration stay with people.</summary>
    public static IReadOnlyList<string> Roles { get; } = [StaffRole.Operator, StaffRole.Manager];

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public sealed record Created(ApiKey Key, string Secret);

    public enum Revocation
    {
        Revoked,
        AlreadyRevoked,
        NotFound,
    }

    /// <summary>
    /// The problems with a request for a key, as (field, English message); empty when it can be issued. The field is
    /// the parameter's name; the message is a localization key (scripts/extract-strings.py finds it in the
    /// <c>Error(nameof(…), "…")</c> form).
    /// </summary>
    public static List<(string Field, string Message)> Check(string? name, IReadOnlyCollection<string> scopes, string? role)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            problems.Add(Error(nameof(name), "Give the key a name of 1 to 100 characters."));
        }

        if (scopes.Count == 0 || scopes.Any(s => !KnownScopes.Contains(s)))
        {
            problems.Add(Error(nameof(scopes), "Choose scopes among: claims:read, claims:write, master_data:read, master_data:write."));
        }

        if (role is null || !Roles.Contains(role))
        {
            problems.Add(Error(nameof(role), "A key acts as an Operator or a Manager."));
        }

        return problems;
    }

    /// <summary>
    /// Issues a key for a request that passed <see cref="Check"/>, on behalf of <paramref name="actor"/> (the
    /// administrator, or <see cref="Actor.System"/> for the command line).
    /// </summary>
    public async Task<Created> CreateAsync(string name, IReadOnlyCollection<string> scopes, string role, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var problems = Check(name, scopes, role);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => p.Message)));
        }

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
            CreatedBy = actor.Kind == Actor.SystemKind ? null : actor.Name,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        var id = EntityId(key.Id);
        audit.Record(new Change(EntityType, id, "created", "name", null, key.Name), actor);
        audit.Record(new Change(EntityType, id, "updated", "prefix", null, key.Prefix), actor);
        audit.Record(new Change(EntityType, id, "updated", "scopes", null, string.Join(", ", key.Scopes)), actor);
        audit.Record(new Change(EntityType, id, "updated", "acts_as_role", null, key.ActsAsRole), actor);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Created(key, secret);
    }

    /// <summary>Revokes a key for good: from then on <see cref="FindAsync"/> no longer finds it. Returns the key's name too.</summary>
    public async Task<(Revocation Outcome, string? Name)> RevokeAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return (Revocation.NotFound, null);
        }

        if (key.RevokedAt is not null)
        {
            return (Revocation.AlreadyRevoked, key.Name);
        }

        key.RevokedAt = clock.UtcNow;
        cache.Remove(CacheKey(key.SecretHash));
        audit.Record(new Change(EntityType, EntityId(key.Id), "revoked", "revoked_at", null,
            key.RevokedAt.Value.ToString("O", CultureInfo.InvariantCulture)), actor);
        await db.SaveChangesAsync(cancellationToken);
        return (Revocation.Revoked, key.Name);
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

    public static string EntityId(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static (string Field, string Message) Error(string field, string message) => (field, message);

    /// <summary>Notes that a key was used, at most once a minute per key, so the list tells live keys from dead ones.</summary>
    public async Task MarkUsedAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        if (key.LastUsedAt is { } last && now - last < TimeSpan.FromMinutes(1))
        {
            return;
        }

        await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        key.LastUsedAt = now;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
