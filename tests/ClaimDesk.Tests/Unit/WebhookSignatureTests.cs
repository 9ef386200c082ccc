using System.Text;
using ClaimDesk.Web.Features.Admin.Webhooks;
using ClaimDesk.Web.Features.Webhooks;

namespace ClaimDesk.Tests.Unit;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Fox = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");

    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_the_raw_body_with_the_secret()
    {
        // The published HMAC-SHA256 example (key "key").
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", WebhookSignature.Sign("key", Fox));
    }

    [Fact]
    public void A_signature_verifies_only_with_the_same_secret_and_the_same_bytes()
    {
        var signature = WebhookSignature.Sign("whsec_secret", Fox);
        Assert.True(WebhookSignature.Verify("whsec_secret", Fox, signature));
        Assert.False(WebhookSignature.Verify("whsec_other", Fox, signature));
        Assert.False(WebhookSignature.Verify("whsec_secret", [.. Fox, (byte)' '], signature));
        Assert.False(WebhookSignature.Verify("whsec_secret", Fox, null));
        Assert.False(WebhookSignature.Verify("whsec_secret", Fox, signature.Replace("sha256=", "", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("https://erp.example.com/claimdesk/events", true)]
    [InlineData("http://127.0.0.1:8080/hook", true)]
    [InlineData("ftp://erp.example.com/events", false)]
    [InlineData("/hooks/claims", false)]
    [InlineData("erp.example.com/events", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("https://user:password@erp.example.com/", false)]
    [InlineData("", false)]
    public void Only_absolute_http_and_https_addresses_are_accepted(string url, bool accepted) =>
        Assert.Equal(accepted, WebhookAdministration.IsHttpUrl(url));

    [Fact]
    public void A_generated_secret_is_long_and_new_each_time()
    {
        var first = WebhookSecrets.Generate();
        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Equal(46, first.Length);
        Assert.NotEqual(first, WebhookSecrets.Generate());
    }
}
