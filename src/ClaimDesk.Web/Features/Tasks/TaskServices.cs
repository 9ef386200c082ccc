namespace ClaimDesk.Web.Features.Tasks;

public static class TaskServices
{
    /// <summary>Claims' tasks: created on entering a status, the gate on moves, the pages' and API's service, the overdue scanner.</summary>
    public static void AddClaimDeskTasks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TaskOptions>(configuration.GetSection(TaskOptions.Section));
        services.AddScoped<ClaimTasks>();
        services.AddScoped<StageTasks>();
        services.AddScoped<Claims.IHandleClaimEvents, TasksOnClaimEvents>();
        services.AddSingleton<TaskScanner>();
        services.AddHostedService(provider => provider.GetRequiredService<TaskScanner>());
    }
}
