using ClaimDesk.Web.Features.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>
/// The portal's downloads: the RMA label PDF and the public files of the company's claims. Another company's claim,
/// an internal file or anything that does not exist is 404 alike.
/// </summary>
public static class PortalEndpoints
{
    public static void MapPortalEndpoints(this IEndpointRouteBuilder app)
    {
        var claim = app.MapGroup("/portal/claims/{id:long}").ExcludeFromDescription().RequireAuthorization(PortalServices.PartnerPolicy);
        claim.MapGet("/label.pdf", LabelAsync);
        claim.MapGet("/files/{fileId:long}", FileAsync);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> LabelAsync(
        long id, PortalAccess access, RmaLabels labels, RmaLabelPdf pdf, CancellationToken cancellationToken)
    {
        var label = await access.OwnClaimAsync(id, cancellationToken) is { } own ? await labels.GetAsync(own, cancellationToken) : null;
        return label is null ? TypedResults.NotFound() : TypedResults.File(pdf.Render(label), "application/pdf", label.FileName);
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> FileAsync(
        long id, long fileId, PortalAccess access, ClaimAttachments attachments, HttpContext context, CancellationToken cancellationToken)
    {
        var download = await access.OwnClaimAsync(id, cancellationToken) is { } own
            ? await attachments.OpenAsync(own, fileId, publicOnly: true, cancellationToken)
            : null;
        return AttachmentDownload.Send(download, context);
    }
}
