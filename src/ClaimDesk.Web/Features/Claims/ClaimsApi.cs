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

    /// <summary>
    /// A partial update: the custom values by field code (null or "" clears one), and the claim's facts staff correct after
    /// intake (a part left out stays as it is; "" clears an optional text). With <see cref="Version"/>, a claim changed
    /// since that version is not changed: 409 names who changed what since.
    /// </summary>
    public sealed record ClaimPatch(IReadOnlyDictionary<string, string?>? CustomFields)
    {
        public ContactInput? Contact { get; init; }

        /// <summary>The master-data code of the customer the claim names instead; the claim takes its customer type.</summary>
        public string? CustomerCode { get; init; }

        public string? Category { get; init; }
        public string? Priority { get; init; }
        public string? LegalBasis { get; init; }
        public string? Description { get; init; }

        /// <summary>The claim's version as read (GET's <c>version</c>).</summary>
        public int? Version { get; init; }

        public bool HasFacts => Contact is not null || CustomerCode is not null || Category is not null || Priority is not null
            || LegalBasis is not null || Description is not null;
    }

    /// <summary>An item to add, or the fields of an item to change (a field left out stays as it is), with the claim's version as read.</summary>
    public sealed record LineRequest
    {
        public string? ProductCode { get; init; }
        public string? ProductName { get; init; }
        public string? Ean { get; init; }
        public string? SerialNumber { get; init; }
        public decimal? Quantity { get; init; }
        public decimal? UnitPrice { get; init; }
        public DateOnly? PurchaseDate { get; init; }
        public string? SalesDocumentNumber { get; init; }
        public int? SalesDocumentLineNo { get; init; }
        public string? FaultDescription { get; init; }
        public int? Version { get; init; }

        public ClaimLineInput ToInput() => new()
        {
            ProductCode = ProductCode, ProductName = ProductName, Ean = Ean, SerialNumber = SerialNumber, Quantity = Quantity,
            UnitPrice = UnitPrice, PurchaseDate = PurchaseDate, SalesDocumentNumber = SalesDocumentNumber,
            SalesDocumentLineNo = SalesDocumentLineNo, FaultDescription = FaultDescription,
        };
    }

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
            .WithSummary("Corrects the claim (contact, customerCode, category, priority, legalBasis, description) and sets custom field values (customFields: { code: value }; null or an empty string clears a value). With version, a claim changed since gives 409 naming who changed what.");
        api.MapPost("/{idOrNumber}/lines", AddLineAsync).WithName("AddClaimLine").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Adds an item to the claim, checked and filled from master data as at intake; with version, 409 if the claim changed since.");
        api.MapPatch("/{idOrNumber}/lines/{lineNo:int}", ChangeLineAsync).WithName("ChangeClaimLine").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Changes an item's fields (those sent); once the claim is decided, a decided item only by a manager or administrator.");
        api.MapDelete("/{idOrNumber}/lines/{lineNo:int}", WithdrawLineAsync).WithName("WithdrawClaimLine").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Withdraws an item: it stays on the claim, left out of its decision and value; ?version= refuses a stale call with 409.");
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
        ClaimQueries queries, ClaimCommands commands, ClaimEditing editing, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        if (request is not null && (request.HasFacts || request.Version is not null))
        {
            var edited = await editing.EditAsync(id.Value, new ClaimEditInput
            {
                Contact = request.Contact, CustomerCode = request.CustomerCode, Category = request.Category, Priority = request.Priority,
                LegalBasis = request.LegalBasis, Description = request.Description,
            }, request.Version is { } version ? new EditBasis(version) : null, audit.CurrentActor, cancellationToken);
            if (!edited.Succeeded || request.CustomFields is not { Count: > 0 })
            {
                return await EditResultAsync(edited, id.Value, queries, localizer, cancellationToken);
            }
        }
        else if (request?.CustomFields is not { Count: > 0 })
        {
            return TypedResults.ValidationProblem(Field("customFields", localizer["Send the values to change in 'customFields'."]));
        }

        var outcome = await commands.SetCustomValuesAsync(id.Value, request.CustomFields, audit.CurrentActor, cancellationToken);
        return await ResultAsync(outcome, id.Value, queries, localizer, cancellationToken);
    }

    private static async Task<Results<Ok<ClaimDetail>, ValidationProblem, ProblemHttpResult>> AddLineAsync(
        string idOrNumber, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LineRequest? request,
        ClaimQueries queries, ClaimEditing editing, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken) =>
        await EditAsync(idOrNumber, request?.Version, new ClaimEditInput { NewLines = [(request ?? new LineRequest()).ToInput()] },
            queries, editing, audit, localizer, cancellationToken);

    private static async Task<Results<Ok<ClaimDetail>, ValidationProblem, ProblemHttpResult>> ChangeLineAsync(
        string idOrNumber, int lineNo, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LineRequest? request,
        ClaimQueries queries, ClaimEditing editing, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken) =>
        await EditAsync(idOrNumber, request?.Version,
            new ClaimEditInput { Lines = [new LineEditInput(lineNo, (request ?? new LineRequest()).ToInput())] },
            queries, editing, audit, localizer, cancellationToken);

    private static async Task<Results<Ok<ClaimDetail>, ValidationProblem, ProblemHttpResult>> WithdrawLineAsync(
        string idOrNumber, int lineNo, ClaimQueries queries, ClaimEditing editing, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken, int? version = null) =>
        await EditAsync(idOrNumber, version, new ClaimEditInput { Withdraw = [lineNo] }, queries, editing, audit, localizer, cancellationToken);

    private static async Task<Results<Ok<ClaimDetail>, ValidationProblem, ProblemHttpResult>> EditAsync(
        string idOrNumber, int? version, ClaimEditInput edit, ClaimQueries queries, ClaimEditing editing, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        var edited = await editing.EditAsync(id.Value, edit, version is { } read ? new EditBasis(read) : null, audit.CurrentActor, cancellationToken);
        return await EditResultAsync(edited, id.Value, queries, localizer, cancellationToken);
    }

    /// <summary>
    /// An edit's result: the claim, the field errors (400), or, for a stale version, 409 with the claim's version now and the
    /// changes made since (who, when, which field, old → new).
    /// </summary>
    private static async Task<Results<Ok<ClaimDetail>, ValidationProblem, ProblemHttpResult>> EditResultAsync(
        EditResult edited, long id, ClaimQueries queries, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        if (edited.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(FormErrors.Describe(edited.Errors, localizer));
        }

        if (edited.Stale)
        {
            return TypedResults.Problem(
                localizer["The claim changed after the version you read (it is at version {0} now): {1}. Nothing was saved; read the claim again and send your changes anew.",
                    edited.Version, EditText.Others(edited.OtherChanges, localizer)].Value,
                statusCode: StatusCodes.Status409Conflict, title: localizer["Changed by someone else"].Value,
                extensions: new Dictionary<string, object?>
                {
                    ["currentVersion"] = edited.Version,
                    ["changes"] = edited.OtherChanges.Select(c => new
                    {
                        c.At, By = c.ActorName, c.Field, What = HistoryText.What(c, localizer), c.OldValue, c.NewValue,
                    }).ToList(),
                });
        }

        return await ResultAsync(edited.Outcome, id, queries, localizer, cancellationToken);
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
