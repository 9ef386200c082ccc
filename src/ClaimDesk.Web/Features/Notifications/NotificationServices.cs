namespace ClaimDesk.Web.Features.Notifications;

public static class NotificationServices
{
    public static void AddClaimDeskNotifications(this IServiceCollection services)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<Claims.IHandleClaimEvents, NotificationsOnClaimEvents>();
        services.AddScoped<NotificationCenter>();
        services.AddScoped<NotificationDefaults>();
        services.AddScoped<Admin.Notifications.NotificationAdministration>();
    }
}
