using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Infrastructure.Sms;

/// <summary>
/// A generic HTTP gateway (<c>ClaimDesk:Sms:*</c>): POSTs <see cref="SmsOptions.BodyTemplate"/> to
/// <see cref="SmsOptions.Url"/> with the configured headers. Any answer but 2xx, or no answer within
/// <see cref="MailTransport.SendTimeout"/>, is a failed attempt that the outbox dispatcher retries.
/// </summary>
public sealed class HttpSmsGateway(IHttpClientFactory clients, IOptions<ClaimDeskOptions> options) : ISmsSender
{
    public const string ClientName = "sms";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SmsOptions _sms = options.Value.Sms;

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var url = Fill(_sms.Url!.Trim(), message, Uri.EscapeDataString);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(Fill(_sms.BodyTemplate, message, EscaperFor(_sms.ContentType)), Encoding.UTF8, MediaType(_sms.ContentType)),
        };
        foreach (var (name, value) in ParseHeaders(_sms.Headers))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var client = clients.CreateClient(ClientName);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"The SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}: {(answer.Length > 300 ? answer[..300] : answer)}");
        }
    }

    /// <summary>Checks the settings at start-up, so that a wrong one stops ClaimDesk rather than every message.</summary>
    public static void Check(SmsOptions sms)
    {
        if (string.IsNullOrWhiteSpace(sms.Url))
        {
            return;
        }

        if (!Uri.TryCreate(Fill(sms.Url.Trim(), new SmsMessage("id", "to", "text"), Uri.EscapeDataString), UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https"))
        {
            throw new StartupException($"ClaimDesk:Sms:Url '{sms.Url}' is not an http or https address.");
        }

        if (!sms.BodyTemplate.Contains("{text}", StringComparison.Ordinal) && !sms.Url.Contains("{text}", StringComparison.Ordinal))
        {
            throw new StartupException("ClaimDesk:Sms:BodyTemplate (or ClaimDesk:Sms:Url) must contain {text}, where the message goes.");
        }

        if (!System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(sms.ContentType, out _))
        {
            throw new StartupException($"ClaimDesk:Sms:ContentType '{sms.ContentType}' is not a media type.");
        }

        ParseHeaders(sms.Headers);
    }

    /// <summary>One <c>Name: value</c> a line; a line without a name before a colon stops ClaimDesk at start-up.</summary>
    public static IReadOnlyList<(string Name, string Value)> ParseHeaders(string? headers)
    {
        var parsed = new List<(string, string)>();
        foreach (var line in (headers ?? "").Replace("\\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? line[..colon].Trim() : "";
            if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw new StartupException($"ClaimDesk:Sms:Headers has the line '{line.Trim()}', but each line must be 'Name: value'.");
            }

            parsed.Add((name, line[(colon + 1)..].Trim()));
        }

        return parsed;
    }

    private static string Fill(string template, SmsMessage message, Func<string, string> escape) => template
        .Replace("{to}", escape(message.To), StringComparison.Ordinal)
        .Replace("{id}", escape(message.Id), StringComparison.Ordinal)
        .Replace("{text}", escape(message.Text), StringComparison.Ordinal);

    private static Func<string, string> EscaperFor(string contentType)
    {
        var media = MediaType(contentType);
        if (media.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return value => JsonSerializer.Serialize(value, Json)[1..^1];
        }

        return media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ? Uri.EscapeDataString : value => value;
    }

    private static string MediaType(string contentType) => contentType.Split(';')[0].Trim();
}
