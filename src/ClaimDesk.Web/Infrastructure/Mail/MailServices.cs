namespace ClaimDesk.Web.Infrastructure.Mail;

public static class MailServices
{
    /// <summary>The outbox (scoped, on the request's unit of work), the transport and the dispatcher.</summary>
    public static void AddClaimDeskMail(this IServiceCollection services, ClaimDeskOptions options)
    {
        MailTransport.Check(options);
        services.AddScoped<Outbox>();
        services.AddSingleton<MailTransport>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
    }
}
