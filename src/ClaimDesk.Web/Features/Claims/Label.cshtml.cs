using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>The claim's RMA label as a page to print from the browser; the same content as the PDF.</summary>
public sealed class LabelModel(RmaLabels labels) : PageModel
{
    public RmaLabel Label { get; private set; } = null!;

    public long Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var label = await labels.GetAsync(id, HttpContext.RequestAborted);
        if (label is null)
        {
            return NotFound();
        }

        Label = label;
        Id = id;
        return Page();
    }
}
