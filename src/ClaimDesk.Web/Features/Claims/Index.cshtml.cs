using System.Globalization;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>The claim list: filtered, sorted and paged in SQL; a claim number or line reference opens the claim.</summary>
public sealed class IndexModel(AppDbContext db, ClaimQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "register")]
    public string? Register { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string Sort { get; set; } = "received";

    [BindProperty(SupportsGet = true, Name = "desc")]
    public bool Descending { get; set; } = true;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ClaimPage Claims { get; private set; } = new([], 1, 25, 0);

    public IReadOnlyList<(string Code, string Name)> Registers { get; private set; } = [];

    /// <summary>Status codes with their staff label (first register's label wins where codes repeat).</summary>
    public IReadOnlyDictionary<string, string> StatusLabels { get; private set; } = new Dictionary<string, string>();

    public int PageCount => Math.Max(1, (Claims.Total + Claims.PageSize - 1) / Claims.PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!string.IsNullOrWhiteSpace(Query) && await queries.FindIdAsync(Query) is { } id && !Query.Trim().All(char.IsAsciiDigit))
        {
            return RedirectToPage("Card", new { id });
        }

        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var registers = await db.Registers.AsNoTracking().Include(r => r.Statuses).OrderBy(r => r.Id).ToListAsync();
        Registers = [.. registers.Select(r => (r.Code, r.Name.In(language)))];
        StatusLabels = registers.SelectMany(r => r.Statuses).GroupBy(s => s.Code)
            .ToDictionary(g => g.Key, g => g.First().StaffLabel.In(language));
        Claims = await queries.ListAsync(new ClaimFilter
        {
            Register = Register, Status = Status, Search = Query, Sort = Sort, Descending = Descending, Page = PageNumber,
        });
        return Page();
    }

    public string Label(string status) => StatusLabels.TryGetValue(status, out var label) ? label : status;

    public string Link(int? page = null, string? sort = null, bool? descending = null) =>
        Url.Page("Index", new
        {
            register = Register, status = Status, q = Query, sort = sort ?? Sort, desc = descending ?? Descending,
            p = page ?? PageNumber,
        })!;

    public static string DecisionLabel(string code) => CodeLabels.Of<Core.Claims.ClaimDecision>(code);

    public static string ChannelLabel(string code) => CodeLabels.Of<Core.Claims.Channel>(code);
}
