using System.Security.Cryptography;
using System.Text;
using StandardWebhooks;

namespace ClaimDesk.Web.Features.Webhooks;

/// <summary>
/// The signatures of a webhook delivery. The Standard Webhooks ones (https://www.standardwebhooks.com):
/// <c>webhook-id</c> (the delivery id, the same on every attempt), <c>webhook-timestamp</c> (Unix seconds of the
/// attempt) and <c>webhook-signature</c> (<c>v1,</c> and the base64 HMAC-SHA256 of <c>id.timestamp.body</c>), so that
/// a receiver's Standard Webhooks library checks them and refuses a replay older than five minutes. The key of a
/// <c>whsec_</c> secret whose rest is base64 (every generated one) is those bytes, as the standard says; an
/// administrator's own secret of another form is keyed with its UTF-8 bytes. Besides, for one release, the earlier
/// <see cref="Header"/>: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body keyed with the secret's
/// UTF-8 bytes.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-ClaimDesk-Signature";
    public const string EventHeader = "X-ClaimDesk-Event";
    public const string DeliveryHeader = "X-ClaimDesk-Delivery";
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string StandardHeader = "webhook-signature";

    private const string Prefix = "sha256=";
    private const string SecretPrefix = "whsec_";

    public static string Sign(string secret, byte[] body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="signature"/> is the signature of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, byte[] body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(signature.Trim()));

    /// <summary>The <c>webhook-signature</c> of a delivery sent at <paramref name="sentAt"/>.</summary>
    public static string SignStandard(string secret, string deliveryId, DateTimeOffset sentAt, string body) =>
        new StandardWebhook(StandardKey(secret)).Sign(deliveryId, sentAt, body);

    /// <summary>The HMAC key of the Standard Webhooks signature of <paramref name="secret"/>.</summary>
    public static byte[] StandardKey(string secret)
    {
        if (secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            var encoded = secret[SecretPrefix.Length..];
            var key = new byte[encoded.Length];
            if (encoded.Length > 0 && Convert.TryFromBase64String(encoded, key, out var written))
            {
                return key[..written];
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }
}
