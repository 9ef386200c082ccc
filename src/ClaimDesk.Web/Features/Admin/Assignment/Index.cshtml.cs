using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Assignment;

/// <summary>Teams and auto-assignment rules (DESIGN §3.4), for administrators.</summary>
public sealed class IndexModel(
    AppDbContext db, AssignmentAdministration administration, IStringLocalizer<SharedResource> localizer,
    Microsoft.Extensions.Options.IOptions<ClaimDeskOptions> options) : PageModel
{
    /// <summary>A team as listed.</summary>
    public sealed record TeamRow(int Id, string Name, IReadOnlyList<string> Members, long Handed);

    /// <summary>A rule as listed: its conditions and its target in words.</summary>
    public sealed record RuleRow(int Id, int Order, string Name, bool Enabled, string? Register, string? Category, string? Tier, string? Group, string Target)
    {
        /// <summary>The value the claim must be above, with the currency, as the reader writes amounts.</summary>
        public string? ValueAbove { get; init; }

        public string? CostTotalAbove { get; init; }
    }

    /// <summary>The organisation's currency, in which the amounts are.</summary>
    public string Currency => options.Value.Organisation.Currency;

    [BindProperty]
    public TeamForm Team { get; set; } = new();

    [BindProperty]
    public RuleForm Rule { get; set; } = new();

    public IReadOnlyList<TeamRow> Teams { get; private set; } = [];

    public IReadOnlyList<RuleRow> Rules { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Staff { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<(string Code, string Name)> Registers { get; private set; } = [];

    public Dictionary<string, List<string>> FieldErrors { get; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostTeamAsync() =>
        await AfterAsync(await administration.SaveTeamAsync(Team, HttpContext.RequestAborted), localizer["The team was saved."]);

    public async Task<IActionResult> OnPostRuleAsync() =>
        await AfterAsync(await administration.AddRuleAsync(Rule, HttpContext.RequestAborted), localizer["The rule was added."]);

    public async Task<IActionResult> OnPostEnableAsync(int id, bool enabled) =>
        await administration.SetEnabledAsync(id, enabled, HttpContext.RequestAborted)
            ? Done(enabled ? localizer["The rule is on."] : localizer["The rule is off."])
            : NotFound();

    public async Task<IActionResult> OnPostDeleteRuleAsync(int id) =>
        await administration.DeleteRuleAsync(id, HttpContext.RequestAborted) ? Done(localizer["The rule was deleted."]) : NotFound();

    public async Task<IActionResult> OnPostDeleteTeamAsync(int id) =>
        await administration.DeleteTeamAsync(id, HttpContext.RequestAborted) ? Done(localizer["The team was deleted."]) : NotFound();

    private RedirectToPageResult Done(string message)
    {
        TempData["Status"] = message;
        return RedirectToPage();
    }

    private async Task<IActionResult> AfterAsync(IReadOnlyList<FieldError> errors, string done)
    {
        if (errors.Count == 0)
        {
            return Done(done);
        }

        foreach (var error in errors)
        {
            var message = localizer[error.Message, error.Arguments].Value;
            FieldErrors.TryAdd(error.Field, []);
            FieldErrors[error.Field].Add(message);
            ModelState.AddModelError(error.Field, message);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Staff = await StaffDirectory.NamesAsync(db, HttpContext.RequestAborted);
        var registers = await db.Registers.AsNoTracking().OrderBy(r => r.Id).ToListAsync(HttpContext.RequestAborted);
        Registers = [.. registers.Select(r => (r.Code, r.Name.In(language)))];
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(HttpContext.RequestAborted);
        Teams = [.. teams.Select(t => new TeamRow(t.Id, t.Name, [.. t.Members.Select(m => Staff.GetValueOrDefault(m, m))], t.Handed))];
        var rules = await db.AssignmentRules.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(HttpContext.RequestAborted);
        Rules = [.. rules.Select(r => new RuleRow(r.Id, r.Order, r.Name, r.Enabled,
            registers.FirstOrDefault(g => g.Id == r.RegisterId)?.Name.In(language),
            r.Category is { } c ? localizer[CodeLabels.Of(c)].Value : null, r.CustomerTier, r.ProductGroup,
            r.UserId is { } u ? Staff.GetValueOrDefault(u, u) : localizer["Team {0}", teams.FirstOrDefault(t => t.Id == r.TeamId)?.Name ?? "?"].Value)
        {
            ValueAbove = r.ValueAbove is { } value ? AmountText.Show(value, Currency) : null,
            CostTotalAbove = r.CostTotalAbove is { } cost ? AmountText.Show(cost, Currency) : null,
        })];
    }
}
