namespace ClaimDesk.Web.Features.Intake;

public static class IntakeServices
{
    public static void AddClaimDeskIntake(this IServiceCollection services)
    {
        services.AddScoped<IntakeCommands>();
        services.AddScoped<IntakeMails>();
        services.AddScoped<TrackingQueries>();
        services.AddSingleton<IntakeConfirmationPdf>();
    }
}
