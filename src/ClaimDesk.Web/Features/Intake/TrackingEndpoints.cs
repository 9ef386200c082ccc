using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// The downloads of the tracking page, opened by the same magic link: the RMA label, the intake confirmation and the
/// claim's public files. Anything else (an internal file, another claim's file, an expired link) is 404.
/// </summary>
public static class TrackingEndpoints
{
    public static void MapTrackingEndpoints(this IEndpointRouteBuilder app)
    {
        var track = app.MapGroup("/track/{token}").ExcludeFromDescription().AllowAnonymous();
        track.MapGet("/label.pdf", LabelAsync);
        track.MapGet("/confirmation.pdf", ConfirmationAsync);
        track.MapGet("/files/{fileId:long}", FileAsync);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> LabelAsync(
        string token, TrackingQueries queries, RmaLabels labels, RmaLabelPdf pdf, CancellationToken cancellationToken)
    {
        var label = await queries.ClaimIdAsync(token, cancellationToken) is { } claimId
            ? await labels.GetAsync(claimId, cancellationToken)
            : null;
        return label is null ? TypedResults.NotFound() : TypedResults.File(pdf.Render(label), "application/pdf", label.FileName);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> ConfirmationAsync(
        string token, TrackingQueries queries, AppDbContext db, IntakeMails mails, CancellationToken cancellationToken)
    {
        if (await queries.ClaimIdAsync(token, cancellationToken) is not { } claimId)
        {
            return TypedResults.NotFound();
        }

        var claim = await db.Claims.AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.Id == claimId, cancellationToken);
        return TypedResults.File(mails.ConfirmationPdf(claim.ContactLanguage, claim), "application/pdf", $"{claim.Number}.pdf");
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> FileAsync(
        string token, long fileId, TrackingQueries queries, ClaimAttachments attachments, HttpContext context,
        CancellationToken cancellationToken)
    {
        var download = await queries.ClaimIdAsync(token, cancellationToken) is { } claimId
            ? await attachments.OpenAsync(claimId, fileId, publicOnly: true, cancellationToken)
            : null;
        return AttachmentDownload.Send(download, context);
    }
}
