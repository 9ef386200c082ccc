using System.Globalization;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Registers;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Admin.Registers;

/// <summary>The registers, with their numbering and the size of their workflows.</summary>
public sealed class IndexModel(AppDbContext db, OrganisationClock clock) : PageModel
{
    public sealed record RegisterRow(string Code, string Name, string NumberingPattern, string ExampleNumber, int Statuses, int Transitions);

    public IReadOnlyList<RegisterRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var registers = await db.Registers.AsNoTracking()
            .OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name, r.NumberingPattern, Statuses = r.Statuses.Count, Transitions = r.Transitions.Count })
            .ToListAsync();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Rows = [.. registers.Select(r => new RegisterRow(r.Code, r.Name.In(language), r.NumberingPattern,
            Example(r.NumberingPattern), r.Statuses, r.Transitions))];
    }

    private string Example(string pattern) =>
        NumberPattern.Problem(pattern) is null ? NumberPattern.Format(pattern, clock.Today, 1) : "";
}
