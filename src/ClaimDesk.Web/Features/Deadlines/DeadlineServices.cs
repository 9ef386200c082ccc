namespace ClaimDesk.Web.Features.Deadlines;

public static class DeadlineServices
{
    /// <summary>Deadlines kept with each change, the queries that show them, the alerts and the scanner that sends them.</summary>
    public static void AddClaimDeskDeadlines(this IServiceCollection services)
    {
        services.AddScoped<ClaimDeadlines>();
        services.AddScoped<Claims.IHandleClaimEvents, DeadlinesOnClaimEvents>();
        services.AddScoped<DeadlineQueries>();
        services.AddScoped<IDeadlineAlerts, NotifiedDeadlineAlerts>();
        services.AddScoped<Admin.Sla.SlaPolicyAdministration>();
        services.AddSingleton<DeadlineScanner>();
        services.AddHostedService(provider => provider.GetRequiredService<DeadlineScanner>());
    }
}
