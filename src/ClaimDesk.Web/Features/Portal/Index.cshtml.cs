using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>The partner's RMA history: the company's claims, newest first, searched and filtered in SQL, paged.</summary>
public sealed class IndexModel(PortalAccess access, PortalQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PartnerCompany Company { get; private set; } = null!;

    public PortalPage<PortalClaimSummary> Claims { get; private set; } = new([], 1, 20, 0);

    /// <summary>The customer-facing status labels to filter by, each once; the filter's value is the label itself.</summary>
    public IReadOnlyList<string> Statuses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await access.CompanyAsync(HttpContext.RequestAborted) is not { } company)
        {
            return Forbid();
        }

        Company = company;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Statuses = await queries.StatusLabelsAsync(company.Id, language, HttpContext.RequestAborted);
        Claims = await queries.ClaimsAsync(company.Id, new PortalClaimFilter(Query, Status, From, To, PageNumber), language,
            HttpContext.RequestAborted);
        return Page();
    }

    public string PageLink(int page) =>
        Url.Page("Index", new { q = Query, status = Status, from = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p = page })!;
}
