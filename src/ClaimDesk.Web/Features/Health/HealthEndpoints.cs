using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClaimDesk.Web.Features.Health;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static void AddClaimDeskHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers and its schema is current.</summary>
    public static void MapClaimDeskHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
    }
}

public sealed class DatabaseReadyCheck(SchemaMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await migrator.PendingAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The schema is current.")
                : HealthCheckResult.Unhealthy($"{pending.Count} schema script(s) not applied, first {pending[0].Version:0000}_{pending[0].Name}.");
        }
        catch (System.Data.Common.DbException e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
