using ClaimDesk.Web.Features.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>The RMA label of one of the company's claims, as a page to print; the same label as the PDF.</summary>
public sealed class LabelModel(PortalAccess access, RmaLabels labels) : PageModel
{
    public RmaLabelPage LabelPage { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var label = await access.OwnClaimAsync(id, HttpContext.RequestAborted) is { } own
            ? await labels.GetAsync(own, HttpContext.RequestAborted)
            : null;
        if (label is null)
        {
            return NotFound();
        }

        LabelPage = new RmaLabelPage(label, $"/portal/claims/{id}/label.pdf", Url.Page("Claim", new { id })!);
        return Page();
    }
}
