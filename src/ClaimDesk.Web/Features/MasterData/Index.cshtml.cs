using ClaimDesk.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.MasterData;

/// <summary>The list of one kind of master data (<c>/MasterData/{kind}</c>): searched, sorted and paged in SQL.</summary>
public sealed class IndexModel(MasterDataQueries queries, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string Sort { get; set; } = "key";

    [BindProperty(SupportsGet = true, Name = "desc")]
    public bool Descending { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<MasterDataSection> Sections { get; private set; } = [];

    public MasterDataSection Section { get; private set; } = null!;

    public MasterDataRows Rows { get; private set; } = new([], 1, MasterDataListQuery.PageSize, 0);

    public bool MayEdit => StaffRole.MasterDataEditors.Any(User.IsInRole);

    public async Task<IActionResult> OnGetAsync()
    {
        Sections = MasterDataSection.All(localizer);
        if (Sections.FirstOrDefault(s => s.Route == (Kind ?? Sections[0].Route)) is not { } section)
        {
            return NotFound();
        }

        Section = section;
        Rows = await queries.ListAsync(section, new MasterDataListQuery(Query, Sort, Descending, Math.Max(1, PageNumber)), HttpContext.RequestAborted);
        return Page();
    }

    public string Link(int? page = null, string? sort = null, bool? descending = null) =>
        Url.Page("Index", new { kind = Section.Route, q = Query, sort = sort ?? Sort, desc = descending ?? Descending, p = page ?? PageNumber })!;
}
