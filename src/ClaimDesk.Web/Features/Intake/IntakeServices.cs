namespace ClaimDesk.Web.Features.Intake;

public static class IntakeServices
{
    public static void AddClaimDeskIntake(this IServiceCollection services)
    {
        services.AddScoped<IntakeCommands>();
        services.AddScoped<ClaimIntake>();
        services.AddScoped<IntakeMails>();
        services.AddScoped<Infrastructure.Mail.IOutboxDocuments, IntakeDocuments>();
        services.AddScoped<TrackingQueries>();
        services.AddScoped<TrackingLinks>();
        services.AddScoped<ClaimAcknowledgement>();
        services.AddScoped<StaffSignature>();
        services.AddScoped<PendingUploads>();
        services.AddSingleton<IntakeConfirmationPdf>();
        services.AddSingleton<IntakePurge>();
        services.AddHostedService(provider => provider.GetRequiredService<IntakePurge>());
    }
}
