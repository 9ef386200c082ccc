using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Repairs;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Repairs;

/// <summary>
/// <c>/api/v1/claims/{idOrNumber}/repair-quotes</c>: paid repair quotes of a claim: prepare and send one, list them,
/// accept or decline one on the claimant's behalf (the ERP, a phone call), record the repair done and issue the
/// invoice. API keys with <c>claims:read</c> or <c>claims:write</c>; errors are problem details.
/// </summary>
public static class RepairQuotesApi
{
    public sealed record QuoteLineRequest(string? Description, decimal Amount, int? LineNo);

    public sealed record QuoteRequest(IReadOnlyList<QuoteLineRequest>? Lines, string? Currency, DateOnly? ValidUntil,
        string? AcceptStatus, string? DeclineStatus);

    public sealed record RepairRequest(string? Report);

    /// <summary>A quote as the API shows it; <c>status</c> is as of today (a sent quote past its validity is <c>expired</c>).</summary>
    public sealed record QuoteView(
        long Id, string Number, string Status, string Currency, IReadOnlyList<RepairQuoteLine> Lines, decimal Total, DateOnly ValidUntil,
        string? AcceptStatus, string? DeclineStatus, DateTime? SentAt, string? SentBy, DateTime? AnsweredAt, string? AnsweredBy,
        string? AnswerChannel, DateTime? RepairedAt, string? RepairReport, string? InvoiceNumber, DateTime? InvoicedAt)
    {
        public static QuoteView Of(RepairQuote q, DateOnly today) => new(
            q.Id, q.Number, Codes.Of(q.StatusOn(today)), q.Currency, q.Lines, q.Total, q.ValidUntil, q.AcceptStatus, q.DeclineStatus,
            q.SentAt, q.SentBy, q.AnsweredAt, q.AnsweredBy, q.AnswerChannel is { } channel ? Codes.Of(channel) : null,
            q.RepairedAt, q.RepairReport, q.InvoiceNumber, q.InvoicedAt);
    }

    public static void MapRepairQuotesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/claims/{idOrNumber}/repair-quotes").WithTags("Repairs");
        api.MapPost("/", CreateAsync).WithName("SendRepairQuote").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Prepares a paid repair quote (lines, currency, validUntil, the statuses to move to on acceptance and on declining) and e-mails it to the claimant with its PDF.");
        api.MapGet("/", ListAsync).WithName("ListRepairQuotes").RequireAuthorization(ApiKeyService.ClaimsRead)
            .WithSummary("The claim's repair quotes, newest first.");
        api.MapPost("/{quoteId:long}/accept", AcceptAsync).WithName("AcceptRepairQuote").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Records the claimant's acceptance (on their behalf); the claim moves to the quote's accept status.");
        api.MapPost("/{quoteId:long}/decline", DeclineAsync).WithName("DeclineRepairQuote").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Records that the claimant declined (on their behalf); the claim moves to the quote's decline status.");
        api.MapPost("/{quoteId:long}/repaired", RepairedAsync).WithName("RecordRepair").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Records the repair of an accepted quote as done, with what was done (report).");
        api.MapPost("/{quoteId:long}/invoice", InvoiceAsync).WithName("InvoiceRepair").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Issues the repair invoice of a repaired quote (PDF kept with the claim and e-mailed to the claimant).");
    }

    private static async Task<Results<Created<QuoteView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string idOrNumber, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] QuoteRequest? request, ClaimQueries queries,
        RepairQuotes quotes, AuditTrail audit, OrganisationClock clock, IOptions<ClaimDeskOptions> options, HttpRequest http,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (await queries.FindIdAsync(idOrNumber, cancellationToken) is not { } id)
        {
            return NotFound(idOrNumber, localizer);
        }

        var input = new RepairQuoteInput(
            [.. (request?.Lines ?? []).Select(l => new RepairQuoteLine(l.Description ?? "", l.Amount, l.LineNo))],
            request?.Currency, request?.ValidUntil, request?.AcceptStatus, request?.DeclineStatus);
        var (outcome, quote) = await quotes.SendAsync(id, input, audit.CurrentActor, PublicAddress.BaseUrl(options.Value, http), cancellationToken);
        if (outcome.Refusal == Refusal.Invalid)
        {
            return Invalid(outcome, localizer);
        }

        return quote is not null && outcome.Succeeded
            ? TypedResults.Created($"/api/v1/claims/{id}/repair-quotes", QuoteView.Of(quote, clock.Today))
            : Problem(outcome, localizer);
    }

    private static async Task<Results<Ok<IReadOnlyList<QuoteView>>, ProblemHttpResult>> ListAsync(
        string idOrNumber, ClaimQueries queries, RepairQuotes quotes, OrganisationClock clock, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        if (await queries.FindIdAsync(idOrNumber, cancellationToken) is not { } id)
        {
            return NotFound(idOrNumber, localizer);
        }

        var list = await quotes.ListAsync(id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<QuoteView>>([.. list.Select(q => QuoteView.Of(q, clock.Today))]);
    }

    private static Task<Results<Ok<QuoteView>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        string idOrNumber, long quoteId, ClaimQueries queries, RepairQuotes quotes, AuditTrail audit, OrganisationClock clock,
        HttpContext context, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        StepAsync(idOrNumber, quoteId, queries, quotes, clock, localizer, (id, q) => q.AnswerAsync(id, quoteId, accept: true,
            RepairAnswerChannel.Api, audit.CurrentActor, context.Connection.RemoteIpAddress?.ToString(), cancellationToken), cancellationToken);

    private static Task<Results<Ok<QuoteView>, ValidationProblem, ProblemHttpResult>> DeclineAsync(
        string idOrNumber, long quoteId, ClaimQueries queries, RepairQuotes quotes, AuditTrail audit, OrganisationClock clock,
        HttpContext context, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        StepAsync(idOrNumber, quoteId, queries, quotes, clock, localizer, (id, q) => q.AnswerAsync(id, quoteId, accept: false,
            RepairAnswerChannel.Api, audit.CurrentActor, context.Connection.RemoteIpAddress?.ToString(), cancellationToken), cancellationToken);

    private static Task<Results<Ok<QuoteView>, ValidationProblem, ProblemHttpResult>> RepairedAsync(
        string idOrNumber, long quoteId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RepairRequest? request,
        ClaimQueries queries, RepairQuotes quotes, AuditTrail audit, OrganisationClock clock, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken) =>
        StepAsync(idOrNumber, quoteId, queries, quotes, clock, localizer,
            (id, q) => q.RecordRepairAsync(id, quoteId, request?.Report, audit.CurrentActor, cancellationToken), cancellationToken);

    private static Task<Results<Ok<QuoteView>, ValidationProblem, ProblemHttpResult>> InvoiceAsync(
        string idOrNumber, long quoteId, ClaimQueries queries, RepairQuotes quotes, AuditTrail audit, OrganisationClock clock,
        IOptions<ClaimDeskOptions> options, HttpRequest http, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
        StepAsync(idOrNumber, quoteId, queries, quotes, clock, localizer,
            (id, q) => q.InvoiceAsync(id, quoteId, audit.CurrentActor, PublicAddress.BaseUrl(options.Value, http), cancellationToken), cancellationToken);

    private static async Task<Results<Ok<QuoteView>, ValidationProblem, ProblemHttpResult>> StepAsync(
        string idOrNumber, long quoteId, ClaimQueries queries, RepairQuotes quotes, OrganisationClock clock, IStringLocalizer localizer,
        Func<long, RepairQuotes, Task<ClaimOutcome>> step, CancellationToken cancellationToken)
    {
        if (await queries.FindIdAsync(idOrNumber, cancellationToken) is not { } id)
        {
            return NotFound(idOrNumber, localizer);
        }

        var outcome = await step(id, quotes);
        if (outcome.Refusal == Refusal.Invalid)
        {
            return Invalid(outcome, localizer);
        }

        if (!outcome.Succeeded)
        {
            return Problem(outcome, localizer);
        }

        var quote = (await quotes.ListAsync(id, cancellationToken)).Single(q => q.Id == quoteId);
        return TypedResults.Ok(QuoteView.Of(quote, clock.Today));
    }

    private static ProblemHttpResult NotFound(string idOrNumber, IStringLocalizer localizer) =>
        TypedResults.Problem(localizer["There is no claim '{0}'.", idOrNumber].Value, statusCode: StatusCodes.Status404NotFound);

    private static ValidationProblem Invalid(ClaimOutcome outcome, IStringLocalizer localizer) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            [outcome.Field ?? "body"] = [localizer[outcome.Message, [.. outcome.Arguments]].Value],
        });

    /// <summary>A refusal as the claims API answers one: 403, 404, or 409 (with the allowed statuses).</summary>
    private static ProblemHttpResult Problem(ClaimOutcome outcome, IStringLocalizer localizer)
    {
        var message = localizer[outcome.Message, [.. outcome.Arguments]].Value;
        return outcome.Refusal switch
        {
            Refusal.NotFound => TypedResults.Problem(message, statusCode: StatusCodes.Status404NotFound),
            Refusal.Forbidden => TypedResults.Problem(message, statusCode: StatusCodes.Status403Forbidden),
            Refusal.NotInWorkflow => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = outcome.Field, ["allowedTransitions"] = outcome.Allowed }),
            _ => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict),
        };
    }
}
