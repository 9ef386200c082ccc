using ClaimDesk.Web.Infrastructure.Mail;

namespace ClaimDesk.Web.Infrastructure.Sms;

public static class SmsServices
{
    /// <summary>The HTTP gateway when <c>ClaimDesk:Sms:Url</c> is set; otherwise the log (and file) provider.</summary>
    public static void AddClaimDeskSms(this IServiceCollection services, ClaimDeskOptions options)
    {
        HttpSmsGateway.Check(options.Sms);
        if (string.IsNullOrWhiteSpace(options.Sms.Url))
        {
            services.AddSingleton<ISmsSender, LogSmsSender>();
            return;
        }

        services.AddHttpClient(HttpSmsGateway.ClientName, client => client.Timeout = MailTransport.SendTimeout);
        services.AddSingleton<ISmsSender, HttpSmsGateway>();
    }
}
