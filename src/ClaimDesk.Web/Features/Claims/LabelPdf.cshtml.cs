using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>The claim's RMA label as a PDF download, for staff to print or send to the customer.</summary>
public sealed class LabelPdfModel(RmaLabels labels, RmaLabelPdf pdf) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id)
    {
        var label = await labels.GetAsync(id, HttpContext.RequestAborted);
        return label is null ? NotFound() : File(pdf.Render(label), "application/pdf", label.FileName);
    }
}
