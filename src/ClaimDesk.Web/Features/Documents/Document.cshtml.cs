using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Documents;

/// <summary>
/// The claim card's documents, for signed-in staff: downloads a stored document (the bytes as they were made, as an
/// attachment, <c>nosniff</c>), makes a new one of a kind, or sends one to the claimant; then back to the card, where
/// <c>_ClaimDocuments</c> lists them.
/// </summary>
public sealed class DocumentModel(ClaimDocuments documents, AuditTrail audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The TempData key of a refusal the card's documents section shows.</summary>
    public const string ErrorKey = "DocumentError";

    public async Task<IActionResult> OnGetAsync(long id, long? documentId)
    {
        var download = documentId is { } one ? await documents.OpenAsync(id, one, publicOnly: false, HttpContext.RequestAborted) : null;
        if (download is null)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Content-SHA256"] = download.Document.Sha256;
        return File(download.Content, download.Document.ContentType, download.Document.FileName);
    }

    public async Task<IActionResult> OnPostGenerateAsync(long id, string? kind)
    {
        if (!documents.Knows(kind))
        {
            TempData[ErrorKey] = localizer["Choose a kind of document."].Value;
            return Back(id);
        }

        try
        {
            var document = await documents.CreateAsync(id, kind!, audit.CurrentActor, HttpContext.RequestAborted);
            TempData["Status"] = localizer["The document {0} was made.", document.FileName].Value;
        }
        catch (ClaimDocumentException e) when (e.Refusal != Core.Claims.Refusal.NotFound)
        {
            TempData[ErrorKey] = DocumentMessages.Localize(e.Message, localizer);
        }
        catch (ClaimDocumentException)
        {
            return NotFound();
        }

        return Back(id);
    }

    public async Task<IActionResult> OnPostSendAsync(long id, long documentId)
    {
        if (await documents.FindAsync(id, documentId, publicOnly: false, HttpContext.RequestAborted) is not { } document)
        {
            return NotFound();
        }

        try
        {
            await documents.SendAsync(documentId, audit.CurrentActor, HttpContext.RequestAborted);
            TempData["Status"] = localizer["The document {0} is on its way to the claimant.", document.FileName].Value;
        }
        catch (ClaimDocumentException e)
        {
            TempData[ErrorKey] = DocumentMessages.Localize(e.Message, localizer);
        }

        return Back(id);
    }

    private RedirectResult Back(long id) => Redirect($"/Claims/{id}#documents-heading");
}
