using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Features.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Tasks;

/// <summary>
/// Claims' tasks under <c>/api/v1</c>: a claim's tasks, open tasks (of one assignee), and marking a task done or not
/// done. The API key acts in its role, so it may change the tasks of that role, or any as a Manager.
/// </summary>
public static class TasksApi
{
    /// <summary>A task as the API shows it; titles in every language, times in UTC.</summary>
    public sealed record ApiTask(
        long Id, long ClaimId, string ClaimNumber, string Status, ApiTitle Title, string? AssigneeId, string? AssigneeName,
        string? Role, int? TeamId, string? TeamName, DateTime DueAt, bool Overdue, bool Done, DateTime? DoneAt, string? DoneBy,
        DateTime CreatedAt);

    public sealed record ApiTitle(string En, string Pl, string Cs);

    public sealed record ApiTaskPage(IReadOnlyList<ApiTask> Items, int Page, int PageSize, int Total);

    public static void MapTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Tasks");
        api.MapGet("/claims/{idOrNumber}/tasks", ForClaimAsync).WithName("GetClaimTasks").RequireAuthorization(ApiKeyService.ClaimsRead)
            .WithSummary("The claim's tasks (made on entering statuses that carry task templates), oldest first.");
        api.MapGet("/tasks", ListAsync).WithName("ListTasks").RequireAuthorization(ApiKeyService.ClaimsRead)
            .WithSummary("Open tasks (state=all: done ones too), open first and earliest due first, paged; assignee: a user's id or e-mail.");
        api.MapPost("/tasks/{id:long}/done", (long id, ClaimTasks tasks, AuditTrail audit, IStringLocalizer<SharedResource> localizer, Infrastructure.OrganisationClock clock,
                CancellationToken cancellationToken) => MarkAsync(id, true, tasks, audit, localizer, clock, cancellationToken))
            .WithName("MarkTaskDone").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Marks the task done.");
        api.MapPost("/tasks/{id:long}/undone", (long id, ClaimTasks tasks, AuditTrail audit, IStringLocalizer<SharedResource> localizer, Infrastructure.OrganisationClock clock,
                CancellationToken cancellationToken) => MarkAsync(id, false, tasks, audit, localizer, clock, cancellationToken))
            .WithName("MarkTaskUndone").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Opens a done task again.");
    }

    private static async Task<Results<Ok<IReadOnlyList<ApiTask>>, ProblemHttpResult>> ForClaimAsync(
        string idOrNumber, ClaimQueries queries, ClaimTasks tasks, Infrastructure.OrganisationClock clock, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return TypedResults.Problem(localizer["There is no claim '{0}'.", idOrNumber].Value, statusCode: StatusCodes.Status404NotFound);
        }

        var now = clock.UtcNow;
        return TypedResults.Ok<IReadOnlyList<ApiTask>>([.. (await tasks.ForClaimAsync(id.Value, cancellationToken)).Select(t => Of(t, now))]);
    }

    private static async Task<Results<Ok<ApiTaskPage>, ValidationProblem>> ListAsync(
        ClaimTasks tasks, Infrastructure.OrganisationClock clock, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken,
        string? assignee = null, string? state = null, int page = 1, int pageSize = 25)
    {
        if (pageSize is < 1 or > ClaimTasks.MaxPageSize || page < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["pageSize"] = [localizer["Page is from 1 and pageSize from 1 to {0}.", ClaimTasks.MaxPageSize].Value],
            });
        }

        if (state is not (null or "open" or "all"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["state"] = [localizer["The state is open or all."].Value],
            });
        }

        var found = await tasks.ListAsync(assignee, state != "all", page, pageSize, cancellationToken);
        if (found is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["assignee"] = [localizer["There is no user '{0}'.", assignee!].Value],
            });
        }

        var now = clock.UtcNow;
        return TypedResults.Ok(new ApiTaskPage([.. found.Items.Select(t => Of(t, now))], found.Page, found.PageSize, found.Total));
    }

    private static async Task<Results<Ok<ApiTask>, ProblemHttpResult>> MarkAsync(long id, bool done, ClaimTasks tasks, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, Infrastructure.OrganisationClock clock, CancellationToken cancellationToken)
    {
        var outcome = await tasks.MarkAsync(id, done, audit.CurrentActor, cancellationToken);
        var message = localizer[outcome.Message, outcome.Arguments].Value;
        return outcome.Refusal switch
        {
            Refusal.None => TypedResults.Ok(Of((await tasks.GetAsync(id, cancellationToken))!, clock.UtcNow)),
            Refusal.NotFound => TypedResults.Problem(message, statusCode: StatusCodes.Status404NotFound),
            Refusal.Forbidden => TypedResults.Problem(message, statusCode: StatusCodes.Status403Forbidden),
            _ => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static ApiTask Of(TaskView t, DateTime now) => new(t.Id, t.ClaimId, t.ClaimNumber, t.StatusCode,
        new ApiTitle(t.Title.En, t.Title.Pl, t.Title.Cs), t.AssigneeId, t.AssigneeName, t.Role, t.TeamId, t.TeamName, t.DueAt,
        t.IsOverdue(now), t.IsDone, t.DoneAt, t.DoneByName, t.CreatedAt);
}
