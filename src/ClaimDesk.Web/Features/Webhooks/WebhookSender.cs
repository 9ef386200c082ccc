using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Webhooks;

/// <summary>
/// POSTs one webhook delivery for <see cref="OutboxDispatcher"/>: the body as queued, <c>Content-Type:
/// application/json</c>, the event, the delivery id and the signatures (<see cref="WebhookSignature"/>) in headers. A 2xx answer is delivered; any
/// other answer (redirects are not followed), no answer within <see cref="MailTransport.SendTimeout"/>, a disabled or
/// deleted webhook, or a secret that cannot be read is a failed attempt, which the dispatcher retries with back-off.
/// The receiver's last HTTP status is kept on the delivery for the log.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookSecrets secrets, TimeProvider clock) : IOutboxSender
{
    public const string ClientName = "webhooks";

    public string Kind => OutboxMessage.WebhookKind;

    public async Task SendAsync(AppDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var target = await db.WebhookDeliveries.AsNoTracking().Where(d => d.OutboxMessageId == message.Id)
            .Join(db.Webhooks, d => d.WebhookId, w => w.Id, (d, w) => new { d.Id, d.Event, w.Url, w.ProtectedSecret, w.Enabled })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("The webhook of this delivery no longer exists.");
        if (!target.Enabled)
        {
            throw new InvalidOperationException("The webhook is disabled; enable it and requeue the delivery to send it.");
        }

        string secret;
        try
        {
            secret = secrets.Unprotect(target.ProtectedSecret);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                "The webhook's secret cannot be read (the data-protection keys are not those it was stored with); give the webhook a new secret.", e);
        }

        var body = Encoding.UTF8.GetBytes(message.TextBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.EventHeader, target.Event);
        request.Headers.Add(WebhookSignature.DeliveryHeader, message.InternetMessageId);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, body));
        var sentAt = clock.GetUtcNow();
        request.Headers.Add(WebhookSignature.IdHeader, message.InternetMessageId);
        request.Headers.Add(WebhookSignature.TimestampHeader, sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.StandardHeader, WebhookSignature.SignStandard(secret, message.InternetMessageId, sentAt, message.TextBody));

        int? status = null;
        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new HttpRequestException(
                    $"The receiver answered {status} {response.ReasonPhrase}: {(answer.Length > 300 ? answer[..300] : answer)}");
            }
        }
        finally
        {
            await db.WebhookDeliveries.Where(d => d.Id == target.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LastHttpStatus, status), CancellationToken.None);
        }
    }
}
