using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>The company's sales documents from the ERP, read-only: a paged list, or one document with what is claimed of it.</summary>
public sealed class DocumentsModel(PortalAccess access, PortalQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PortalPage<PortalDocumentSummary> Documents { get; private set; } = new([], 1, 20, 0);

    public PortalDocument? Document { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? number)
    {
        if (await access.CompanyAsync(HttpContext.RequestAborted) is not { } company)
        {
            return Forbid();
        }

        if (number is not null)
        {
            Document = await queries.DocumentAsync(company.Id, number, HttpContext.RequestAborted);
            return Document is null ? NotFound() : Page();
        }

        Documents = await queries.DocumentsAsync(company.Id, Query, PageNumber, HttpContext.RequestAborted);
        return Page();
    }
}
