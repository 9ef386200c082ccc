using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// <c>/api/v1/claims/{idOrNumber}/lines/{lineNo}/work</c> and <c>/api/v1/claims/{idOrNumber}/costs</c> (issue 13): an
/// item's diagnosis, supplier statement, remedy with its facts, and dates; the claim's cost lines and their totals.
/// Scopes <c>claims:read</c> and <c>claims:write</c>, as the rest of the claims API; errors are problem details.
/// </summary>
public static class ClaimItemWorkApi
{
    /// <summary>Everything known of an item's work; what is left out or empty is cleared (PUT).</summary>
    public sealed record ItemWorkRequest(
        string? Diagnosis, string? SupplierStatement, string? Remedy, string? ReplacementSerial, decimal? RefundAmount, string? RefundCurrency,
        string? RepairDone, string? RepairParts, int? RepairMinutes, DateTimeOffset? GoodsReceivedAt, DateTimeOffset? ReturnedAt,
        string? ReturnMethod, string? ReturnTrackingNumber);

    /// <summary>A cost line: kind (parts, labour, transport, replacement_goods, refund, other), borneBy (us, supplier, customer).</summary>
    public sealed record CostRequest(int? LineNo, string? Kind, string? Description, decimal? Amount, string? Currency, string? BorneBy, string? GlAccount);

    public static void MapClaimItemWorkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/claims/{idOrNumber}").WithTags("Claims");
        api.MapPut("/lines/{lineNo:int}/work", WorkAsync).WithName("RecordClaimLineWork").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Records an item's diagnosis, supplier statement, remedy granted with its facts (replacementSerial, refundAmount, " +
                "repairDone), goods received and returned dates and returnMethod (courier, parcel_locker, post, pickup_in_person); " +
                "fields left out are cleared.");
        api.MapGet("/costs", CostsAsync).WithName("ListClaimCosts").RequireAuthorization(ApiKeyService.ClaimsRead)
            .WithSummary("The claim's cost lines with their totals per currency and the cost total in the organisation's currency.");
        api.MapPost("/costs", AddCostAsync).WithName("AddClaimCost").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Adds a cost line (kind, description, amount, currency, borneBy, optional lineNo and glAccount).");
        api.MapPut("/costs/{costId:long}", ChangeCostAsync).WithName("ChangeClaimCost").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Changes a cost line; every field that changes is recorded in the history.");
        api.MapDelete("/costs/{costId:long}", RemoveCostAsync).WithName("RemoveClaimCost").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Removes a cost line; the history keeps what it was.");
    }

    private static async Task<Results<Ok<ClaimDetail>, ValidationProblem, ProblemHttpResult>> WorkAsync(
        string idOrNumber, int lineNo, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ItemWorkRequest? request,
        ClaimQueries queries, ClaimItemWork work, AuditTrail audit, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        var input = request is null ? new ItemWorkInput() : new ItemWorkInput
        {
            Diagnosis = request.Diagnosis,
            SupplierStatement = request.SupplierStatement,
            Remedy = request.Remedy,
            ReplacementSerial = request.ReplacementSerial,
            RefundAmount = request.RefundAmount,
            RefundCurrency = request.RefundCurrency,
            RepairDone = request.RepairDone,
            RepairParts = request.RepairParts,
            RepairMinutes = request.RepairMinutes,
            GoodsReceivedAt = request.GoodsReceivedAt?.UtcDateTime,
            ReturnedAt = request.ReturnedAt?.UtcDateTime,
            ReturnMethod = request.ReturnMethod,
            ReturnTrackingNumber = request.ReturnTrackingNumber,
        };
        var outcome = await work.RecordAsync(id.Value, lineNo, input, audit.CurrentActor, cancellationToken);
        return outcome.Succeeded
            ? TypedResults.Ok((await queries.GetAsync(id.Value, cancellationToken))!)
            : IsInvalid(outcome) ? Invalid(outcome, localizer) : Problem(outcome, localizer);
    }

    private static async Task<Results<Ok<ClaimCostsDetail>, ProblemHttpResult>> CostsAsync(
        string idOrNumber, ClaimQueries queries, ClaimItemWork work, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        return id is null ? NotFound(idOrNumber, localizer) : TypedResults.Ok(await work.CostsAsync(id.Value, cancellationToken));
    }

    private static async Task<Results<Created<ClaimCostsDetail>, ValidationProblem, ProblemHttpResult>> AddCostAsync(
        string idOrNumber, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CostRequest? request,
        ClaimQueries queries, ClaimItemWork work, AuditTrail audit, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        var (outcome, cost) = await work.AddCostAsync(id.Value, Input(request), audit.CurrentActor, cancellationToken);
        if (!outcome.Succeeded)
        {
            return IsInvalid(outcome) ? Invalid(outcome, localizer) : Problem(outcome, localizer);
        }

        return TypedResults.Created($"/api/v1/claims/{Uri.EscapeDataString(idOrNumber)}/costs/{cost!.Id}",
            await work.CostsAsync(id.Value, cancellationToken));
    }

    private static async Task<Results<Ok<ClaimCostsDetail>, ValidationProblem, ProblemHttpResult>> ChangeCostAsync(
        string idOrNumber, long costId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CostRequest? request,
        ClaimQueries queries, ClaimItemWork work, AuditTrail audit, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        var outcome = await work.ChangeCostAsync(id.Value, costId, Input(request), audit.CurrentActor, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(await work.CostsAsync(id.Value, cancellationToken)) : IsInvalid(outcome) ? Invalid(outcome, localizer) : Problem(outcome, localizer);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveCostAsync(
        string idOrNumber, long costId, ClaimQueries queries, ClaimItemWork work, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        var outcome = await work.RemoveCostAsync(id.Value, costId, audit.CurrentActor, cancellationToken);
        return outcome.Succeeded ? TypedResults.NoContent() : IsInvalid(outcome) ? Invalid(outcome, localizer) : Problem(outcome, localizer);
    }

    private static CostInput Input(CostRequest? request) =>
        new(request?.LineNo, request?.Kind, request?.Description, request?.Amount, request?.Currency, request?.BorneBy, request?.GlAccount);

    /// <summary>A refusal as the claims API gives it: 400 with the field (<see cref="Invalid"/>), else 404, 403 or 409 (closed claim, someone else's change).</summary>
    private static bool IsInvalid(ClaimOutcome outcome) => outcome.Refusal == Refusal.Invalid;

    private static ValidationProblem Invalid(ClaimOutcome outcome, IStringLocalizer localizer) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [outcome.Field ?? "body"] = [localizer[outcome.Message, outcome.Arguments].Value],
        });

    private static ProblemHttpResult Problem(ClaimOutcome outcome, IStringLocalizer localizer) =>
        TypedResults.Problem(localizer[outcome.Message, outcome.Arguments].Value, statusCode: outcome.Refusal switch
        {
            Refusal.NotFound => StatusCodes.Status404NotFound,
            Refusal.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status409Conflict,
        });

    private static ProblemHttpResult NotFound(string idOrNumber, IStringLocalizer localizer) =>
        TypedResults.Problem(localizer["There is no claim '{0}'.", idOrNumber].Value, statusCode: StatusCodes.Status404NotFound);
}
