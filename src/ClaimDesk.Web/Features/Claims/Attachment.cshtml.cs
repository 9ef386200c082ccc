using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// Downloads an attachment, for signed-in staff: always as an attachment (never shown inline) with the type detected
/// from its bytes, and <c>nosniff</c>, so a browser never runs a file as a page.
/// </summary>
public sealed class AttachmentModel(ClaimAttachments attachments) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, long attachmentId)
    {
        var download = await attachments.OpenAsync(id, attachmentId, cancellationToken: HttpContext.RequestAborted);
        if (download is null)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        return File(download.Content, download.ContentType, download.FileName);
    }
}
