using System.Security.Cryptography;
using System.Text;

namespace ClaimDesk.Web.Features.Webhooks;

/// <summary>
/// The signature of a webhook body: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body bytes, keyed
/// with the UTF-8 bytes of the webhook's secret. It travels in <see cref="Header"/>; receivers compute the same and
/// compare in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-ClaimDesk-Signature";
    public const string EventHeader = "X-ClaimDesk-Event";
    public const string DeliveryHeader = "X-ClaimDesk-Delivery";

    private const string Prefix = "sha256=";

    public static string Sign(string secret, byte[] body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="signature"/> is the signature of <paramref name="body"/> with <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, byte[] body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(signature.Trim()));
}
