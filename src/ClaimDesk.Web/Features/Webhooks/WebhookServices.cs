using ClaimDesk.Web.Infrastructure.Mail;

namespace ClaimDesk.Web.Features.Webhooks;

public static class WebhookServices
{
    public static void AddClaimDeskWebhooks(this IServiceCollection services)
    {
        services.AddScoped<WebhookPublisher>();
        services.AddScoped<Claims.IHandleClaimEvents, WebhooksOnClaimEvents>();
        services.AddScoped<Admin.Webhooks.WebhookAdministration>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<IOutboxSender>(provider => provider.GetRequiredService<WebhookSender>());
        services.AddHttpClient(WebhookSender.ClientName, client =>
            {
                client.Timeout = MailTransport.SendTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ClaimDesk-Webhooks/1.0");
            })
            // A redirect is the receiver's mistake to fix, not a reason to POST the body elsewhere.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
    }
}
