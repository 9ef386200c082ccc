namespace ClaimDesk.Web.Features.Claims;

public static class ClaimServices
{
    public static void AddClaimDeskClaims(this IServiceCollection services)
    {
        services.AddScoped<ClaimCommands>();
        services.AddScoped<ClaimNumbering>();
        services.AddScoped<ClaimQueries>();
    }
}
