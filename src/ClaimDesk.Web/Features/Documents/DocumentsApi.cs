using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Features.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Documents;

/// <summary>
/// <c>/api/v1/claims/{idOrNumber}/documents</c>: the claim's documents (decision letters, closing protocols, repair
/// documents), making one, downloading its stored PDF (whose SHA-256 the list gives) and sending it to the claimant.
/// </summary>
public static class DocumentsApi
{
    public sealed record GenerateRequest(string? Kind);

    public static void MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/claims/{idOrNumber}/documents").WithTags("Documents");
        api.MapGet("/", ListAsync).WithName("ListClaimDocuments").RequireAuthorization(ApiKeyService.ClaimsRead)
            .WithSummary("The claim's documents, newest first, each with its kind, language, size, SHA-256 and when it was sent.");
        api.MapPost("/", GenerateAsync).WithName("GenerateClaimDocument").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("Makes a document of a kind (decision_letter, closing_protocol …) in the claimant's language and stores it; a new version each time.");
        api.MapGet("/{documentId:long}", DownloadAsync).WithName("GetClaimDocument").RequireAuthorization(ApiKeyService.ClaimsRead)
            .WithSummary("The document's stored PDF, byte for byte as it was made.")
            .Produces(StatusCodes.Status200OK, contentType: ClaimDocuments.ContentType);
        api.MapGet("/{documentId:long}/data", DataAsync).WithName("GetClaimDocumentData").RequireAuthorization(ApiKeyService.ClaimsRead)
            .WithSummary("The facts the document was drawn from, as stored with it (JSON).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapPost("/{documentId:long}/send", SendAsync).WithName("SendClaimDocument").RequireAuthorization(ApiKeyService.ClaimsWrite)
            .WithSummary("E-mails the document to the claimant, the PDF attached.");

        // The claimant's downloads of the public documents: by the tracking page's link, or in the portal for the
        // partner's own claims. Another claim's document, an internal one or an expired link is 404 alike.
        app.MapGet("/track/{token}/documents/{documentId:long}", TrackedAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/portal/claims/{id:long}/documents/{documentId:long}", PortalAsync).ExcludeFromDescription()
            .RequireAuthorization(Portal.PortalServices.PartnerPolicy);
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> TrackedAsync(
        string token, long documentId, Intake.TrackingQueries queries, ClaimDocuments documents, HttpContext context,
        CancellationToken cancellationToken)
    {
        var download = await queries.ClaimIdAsync(token, cancellationToken) is { } claimId
            ? await documents.OpenAsync(claimId, documentId, publicOnly: true, cancellationToken)
            : null;
        return download is null ? TypedResults.NotFound() : Send(download, context);
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> PortalAsync(
        long id, long documentId, Portal.PortalAccess access, ClaimDocuments documents, HttpContext context,
        CancellationToken cancellationToken)
    {
        var download = await access.OwnClaimAsync(id, cancellationToken) is { } own
            ? await documents.OpenAsync(own, documentId, publicOnly: true, cancellationToken)
            : null;
        return download is null ? TypedResults.NotFound() : Send(download, context);
    }

    private static async Task<Results<Ok<IReadOnlyList<StoredDocument>>, ProblemHttpResult>> ListAsync(
        string idOrNumber, ClaimQueries queries, ClaimDocuments documents, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        return id is null ? NotFound(idOrNumber, localizer) : TypedResults.Ok(await documents.ListAsync(id.Value, publicOnly: false, cancellationToken));
    }

    private static async Task<Results<Created<StoredDocument>, ValidationProblem, ProblemHttpResult>> GenerateAsync(
        string idOrNumber, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] GenerateRequest? request,
        ClaimQueries queries, ClaimDocuments documents, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        if (!documents.Knows(request?.Kind?.Trim()))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["kind"] = [localizer["Name the kind of document in 'kind': one of {0}.", string.Join(", ", documents.Kinds)].Value],
            });
        }

        try
        {
            var document = await documents.CreateAsync(id.Value, request!.Kind!.Trim(), audit.CurrentActor, cancellationToken);
            return TypedResults.Created($"/api/v1/claims/{id.Value}/documents/{document.Id}", document);
        }
        catch (ClaimDocumentException e)
        {
            return Refused(e, localizer);
        }
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string idOrNumber, long documentId, ClaimQueries queries, ClaimDocuments documents, HttpContext context,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        var download = id is null ? null : await documents.OpenAsync(id.Value, documentId, publicOnly: false, cancellationToken);
        if (download is null)
        {
            return id is null ? NotFound(idOrNumber, localizer) : NoDocument(localizer);
        }

        return Send(download, context);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> DataAsync(
        string idOrNumber, long documentId, ClaimQueries queries, ClaimDocuments documents,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        var data = id is null ? null : await documents.DataAsync(id.Value, documentId, publicOnly: false, cancellationToken);
        if (data is null)
        {
            return id is null ? NotFound(idOrNumber, localizer) : NoDocument(localizer);
        }

        return TypedResults.Content(data, "application/json");
    }

    private static async Task<Results<Ok<StoredDocument>, ProblemHttpResult>> SendAsync(
        string idOrNumber, long documentId, ClaimQueries queries, ClaimDocuments documents, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
    {
        var id = await queries.FindIdAsync(idOrNumber, cancellationToken);
        if (id is null)
        {
            return NotFound(idOrNumber, localizer);
        }

        if (await documents.FindAsync(id.Value, documentId, publicOnly: false, cancellationToken) is null)
        {
            return NoDocument(localizer);
        }

        try
        {
            await documents.SendAsync(documentId, audit.CurrentActor, cancellationToken);
        }
        catch (ClaimDocumentException e)
        {
            return Refused(e, localizer);
        }

        return TypedResults.Ok((await documents.FindAsync(id.Value, documentId, publicOnly: false, cancellationToken))!);
    }

    /// <summary>
    /// A stored document as a download: always an attachment, <c>nosniff</c>, never cached, with its SHA-256 in
    /// <c>X-Content-SHA256</c> for the receiver to check against the bytes.
    /// </summary>
    public static FileStreamHttpResult Send(DocumentDownload download, HttpContext context)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Content-SHA256"] = download.Document.Sha256;
        return TypedResults.File(download.Content, download.Document.ContentType, download.Document.FileName);
    }

    private static ProblemHttpResult Refused(ClaimDocumentException e, IStringLocalizer localizer)
    {
        var message = DocumentMessages.Localize(e.Message, localizer);
        return e.Refusal switch
        {
            Refusal.NotFound => TypedResults.Problem(message, statusCode: StatusCodes.Status404NotFound),
            Refusal.Invalid => TypedResults.Problem(message, statusCode: StatusCodes.Status400BadRequest),
            _ => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static ProblemHttpResult NoDocument(IStringLocalizer localizer) =>
        TypedResults.Problem(localizer["The document does not exist."].Value, statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult NotFound(string idOrNumber, IStringLocalizer localizer) =>
        TypedResults.Problem(localizer["There is no claim '{0}'.", idOrNumber].Value, statusCode: StatusCodes.Status404NotFound);
}
