using System.Security.Cryptography;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>One consumer web form as sent: its items became claims, linked through <see cref="SubmissionClaim"/>.</summary>
public sealed class Submission
{
    public long Id { get; set; }

    public DateTime CreatedAt { get; set; }

    public string Email { get; set; } = "";

    public string Language { get; set; } = "pl";

    public List<SubmissionClaim> Claims { get; set; } = [];
}

public sealed class SubmissionClaim
{
    public long SubmissionId { get; set; }

    public long ClaimId { get; set; }
}

/// <summary>
/// A magic link (DESIGN §4): the link carries a random 256-bit token, the database only its SHA-256, so a copy of the
/// database opens nothing. Activation links are single-use; tracking links open one claim until they expire.
/// </summary>
public sealed class AccessToken
{
    public const string Activation = "activation";
    public const string Tracking = "tracking";

    public long Id { get; set; }

    public string Purpose { get; set; } = "";

    public string Hash { get; set; } = "";

    public long? SubmissionId { get; set; }

    public long? ClaimId { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>A new random token, base64url without padding (43 characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    /// <summary>Only a string that could be a token is looked up; anything else is unknown.</summary>
    public static bool LooksValid(string? secret) =>
        secret is { Length: 43 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
