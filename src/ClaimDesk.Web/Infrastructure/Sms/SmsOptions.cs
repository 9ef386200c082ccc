namespace ClaimDesk.Web.Infrastructure;

/// <summary>
/// The SMS gateway (<c>ClaimDesk:Sms</c>). Without <see cref="Url"/>, text messages are written to the log and to
/// files under <c>&lt;DataDirectory&gt;/sms</c> instead of being sent.
/// </summary>
public sealed class SmsOptions
{
    public const string DefaultBodyTemplate = """{"to":"{to}","text":"{text}"}""";

    /// <summary>Where the generic HTTP gateway takes a message (POST); <c>{to}</c>, <c>{text}</c> and <c>{id}</c> may appear, URL-encoded.</summary>
    public string? Url { get; set; }

    /// <summary>Request headers, one <c>Name: value</c> a line (<c>\n</c> between them), e.g. <c>Authorization: Bearer …</c>.</summary>
    public string? Headers { get; set; }

    /// <summary>The request body; <c>{to}</c>, <c>{text}</c> and <c>{id}</c> are replaced, escaped for <see cref="ContentType"/>.</summary>
    public string BodyTemplate { get; set; } = DefaultBodyTemplate;

    /// <summary>The body's media type: JSON types get JSON-escaped values, <c>application/x-www-form-urlencoded</c> URL-encoded ones.</summary>
    public string ContentType { get; set; } = "application/json";
}
