using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// <c>/api/v1/claims</c>: create, read, list, move along the workflow, decide lines, read the history. Callers send an
/// API key (<c>X-Api-Key</c>) with the <c>claims:read</c> or <c>claims:write</c> scope; errors are problem details.
/// </summary>
public static class ClaimsApi
{
    public sealed record CreatedLine(int LineNo, string ReferenceNumber);

    public sealed record CreatedClaim(long Id, string Number, string Status, IReadOnlyList<CreatedLine> Lines);

    public sealed record TransitionRequest(string? To, string? Reason, string? Comment, IReadOnlyList<LineDecisionRequest>? Lines)
    {
        /// <summary>Custom values to set with the move (those it requires), by field code.</summary>
        public IReadOnlyDictionary<string, string?>? CustomFields { get; init; }
    }

    /// <summary>A partial update: for now the custom values, by field code (null or "" clears one).</summary>
    public sealed record ClaimPatch(IReadOnlyDictionary<string, string?>? CustomFields);

    public sealed record LineDecisionRequest(int LineNo, string? Decision, string? Reason);

    public sealed record DecisionRequest(string? Decision, string? Reason);

    public static void MapClaimsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/claims").WithTags("Claims");
        api.MapPost("/", CreateAsync).WithName("CreateClaim").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Registers a claim; it is numbered from its register's pattern and starts in the initial status.");
        api.MapGet("/", ListAsync).WithName("ListClaims").RequireAuthorization(ApiKeyService.ClaimsRead)
            .WithSummary("Claims, newest first, paged; filter by register, status and updatedSince.");
        api.MapGet("/{idOrNumber}", GetAsync).WithName("GetClaim").RequireAuthorization(ApiKeyService.ClaimsRead)
            .WithSummary("One claim by its id, its number or a line's reference number.");
        api.MapPatch("/{idOrNumber}", PatchAsync).WithName("PatchClaim").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Sets custom field values (customFields: { code: value }); null or an empty string clears a value.");
        api.MapPost("/{idOrNumber}/transitions", TransitionAsync).WithName("TransitionClaim").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Moves the claim to another status along its register's workflow.");
        api.MapPost("/{idOrNumber}/lines/{lineNo:int}/decision", DecideAsync).WithName("DecideClaimLine").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Accepts or rejects one line (a rejection needs a reason).");
        api.MapGet("/{idOrNumber}/history", HistoryAsync).WithName("GetClaimHistory").RequireAuthorization(ApiKeyService.ClaimsRead)
            .WithSummary("Every change of the claim and its lines, oldest first, refused attempts included.");
    }

    private static async Task<Results<Created<CreatedClaim>, ValidationProblem>> CreateAsync(
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ClaimInput? input,
        Intake.ClaimIntake intake, AuditTrail audit, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var (claim, errors) = await intake.TakeOneAsync(input, audit.CurrentActor, cancellationToken: cancellationToken);
        if (claim is null)
        {
            return TypedResults.ValidationProblem(FormErrors.Describe(errors, localizer));
        }

        var created = new CreatedClaim(claim.Id, claim.Number, claim.Status,
            [.. claim.Lines.Select(l => new CreatedLine(l.LineNo, l.ReferenceNumber))]);
        return TypedResults.Created($"/api/v1/claims/{Uri.EscapeDataString(claim.Number)}", created);
    }

    private static async Task<Results<Ok<ClaimPage>, ValidationProblem>> ListAsync(
        ClaimQueries queries, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken,
        string? register = null, string? status = null, DateTimeOffset? updatedSince = null, string? search = null,
        string? sort = null, bool? descending = null, int page = 1, int pageSize = 25)
    {
        if (pageSize is < 1 or > ClaimFilter.MaxPageSize || page < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["pageSize"] = [localizer["Page is from 1 and pageSize from 1 to {0}.", ClaimFilter.MaxPageSize].Value],
            });
        }

        var filter = new ClaimFilter
        {
            Register = register, Status = status, UpdatedSince = updatedSince?.UtcDateTime, Search = search,
            Sort = sort ?? "received", Descending = descending ?? true, Page = page, PageSize = pageSize,
        };
        return TypedResults.Ok(await queries.ListAsync(filter, cancellationToken));
    }

    private static async Task<Results<Ok<ClaimDetail>, ProblemHttpResult>> GetAsync(
        string idOrNumber, ClaimQueries queries, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        var claim = id is null ? null : await queries.GetAsync(id.Value, cancellationToken);
        return claim is null ? NotFound(idOrNumber, localizer) : TypedResults.Ok(claim);
    }

    private static async Task<Results<Ok<ClaimDetail>, ValidationProblem, ProblemHttpResult>> TransitionAsync(
        string idOrNumber, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TransitionRequest? request,
        ClaimQueries queries, ClaimCommands commands, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        if (string.IsNullOrWhiteSpace(request?.To))
        {
            return TypedResults.ValidationProblem(Field("to", localizer["Name the status to move to in 'to'."]));
        }

        var lines = new List<LineDecisionInput>();
        foreach (var (line, index) in (request.Lines ?? []).Select((l, i) => (l, i)))
        {
            if (!Codes.TryParse<LineDecision>(line.Decision, out var decision) || decision == LineDecision.Pending)
            {
                return TypedResults.ValidationProblem(Field($"lines[{index}].decision", localizer["A decision is accepted or rejected."]));
            }

            lines.Add(new LineDecisionInput(line.LineNo, decision, line.Reason));
        }

        var input = new TransitionInput(new Dictionary<string, string?>
        {
            ["reason"] = request.Reason,
            ["comment"] = request.Comment,
        }, lines);
        var outcome = await commands.TransitionAsync(id.Value, request.To.Trim(), input, request.CustomFields, audit.CurrentActor, cancellationToken);
        return await ResultAsync(outcome, id.Value, queries, localizer, cancellationToken);
    }

    private static async Task<Results<Ok<ClaimDetail>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        string idOrNumber, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ClaimPatch? request,
        ClaimQueries queries, ClaimCommands commands, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        if (request?.CustomFields is not { Count: > 0 } values)
        {
            return TypedResults.ValidationProblem(Field("customFields", localizer["Send the values to change in 'customFields'."]));
        }

        var outcome = await commands.SetCustomValuesAsync(id.Value, values, audit.CurrentActor, cancellationToken);
        return await ResultAsync(outcome, id.Value, queries, localizer, cancellationToken);
    }

    private static async Task<Results<Ok<ClaimDetail>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        string idOrNumber, int lineNo, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] DecisionRequest? request,
        ClaimQueries queries, ClaimCommands commands, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        if (!Codes.TryParse<LineDecision>(request?.Decision, out var decision) || decision == LineDecision.Pending)
        {
            return TypedResults.ValidationProblem(Field("decision", localizer["A decision is accepted or rejected."]));
        }

        var outcome = await commands.DecideLineAsync(id.Value, lineNo, decision, request!.Reason, audit.CurrentActor, cancellationToken);
        return await ResultAsync(outcome, id.Value, queries, localizer, cancellationToken);
    }

    private static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, ProblemHttpResult>> HistoryAsync(
        string idOrNumber, ClaimQueries queries, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        return id is null ? NotFound(idOrNumber, localizer) : TypedResults.Ok(await queries.HistoryAsync(id.Value, cancellationToken));
    }

    private static async Task<Results<Ok<ClaimDetail>, ValidationProblem, ProblemHttpResult>> ResultAsync(
        ClaimOutcome outcome, long id, ClaimQueries queries, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var message = localizer[outcome.Message, [.. outcome.Arguments.Select(a => a is LocalizedText text ? text.In(language) : a)]].Value;
        return outcome.Refusal switch
        {
            Refusal.None => TypedResults.Ok((await queries.GetAsync(id, cancellationToken))!),
            Refusal.Invalid => TypedResults.ValidationProblem(Field(outcome.Field ?? "body", message)),
            Refusal.NotFound => TypedResults.Problem(message, statusCode: StatusCodes.Status404NotFound),
            Refusal.Forbidden => TypedResults.Problem(message, statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["allowedRoles"] = outcome.Allowed }),
            Refusal.NotInWorkflow => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict,
                title: localizer["Transition not allowed"].Value,
                extensions: new Dictionary<string, object?> { ["allowedTransitions"] = outcome.Allowed }),
            _ => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static Dictionary<string, string[]> Field(string field, string message) => new() { [field] = [message] };

    private static ProblemHttpResult NotFound(string idOrNumber, IStringLocalizer localizer) =>
        TypedResults.Problem(localizer["There is no claim '{0}'.", idOrNumber].Value, statusCode: StatusCodes.Status404NotFound);
}
