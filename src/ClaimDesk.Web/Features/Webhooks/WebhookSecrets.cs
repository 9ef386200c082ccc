using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ClaimDesk.Web.Features.Webhooks;

/// <summary>
/// Webhook secrets: generated at random, or given by the administrator; stored protected with ASP.NET Core Data
/// Protection (the keys in <c>&lt;DataDirectory&gt;/keys</c>, the same ones sign-in cookies need), since signing
/// needs the secret itself, not a hash of it.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const int MinLength = 16;
    public const int MaxLength = 200;

    private readonly IDataProtector _protector = protection.CreateProtector("ClaimDesk.Webhooks.Secret.v1");

    /// <summary>A new secret: <c>whsec_</c> and 40 random characters (about 238 bits).</summary>
    public static string Generate() =>
        "whsec_" + RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 40);

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secret; throws <see cref="CryptographicException"/> when the data-protection keys that protected it are gone.</summary>
    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
