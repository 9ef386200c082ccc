using System.Globalization;
using ClaimDesk.Core.Approvals;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Admin.Approvals;

/// <summary>Approval rules (issue 13): which claims only some roles may accept or reject; for administrators.</summary>
public sealed class IndexModel(
    AppDbContext db, ApprovalAdministration administration, IStringLocalizer<SharedResource> localizer, IOptions<ClaimDeskOptions> options) : PageModel
{
    /// <summary>A rule as listed: its conditions, decision and roles in words.</summary>
    public sealed record RuleRow(int Id, string Name, bool Enabled, string? Register, string? ValueAbove, string? CostTotalAbove,
        ApprovalDecision Decision, IReadOnlyList<string> Roles);

    [BindProperty]
    public ApprovalRuleForm Rule { get; set; } = new();

    public IReadOnlyList<RuleRow> Rules { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Registers { get; private set; } = [];

    /// <summary>The organisation's currency, in which the amounts are.</summary>
    public string Currency => options.Value.Organisation.Currency;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRuleAsync()
    {
        var errors = await administration.AddRuleAsync(Rule, HttpContext.RequestAborted);
        if (errors.Count == 0)
        {
            return Done(localizer["The rule was added."]);
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, localizer[error.Message, error.Arguments].Value);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(int id, bool enabled) =>
        await administration.SetEnabledAsync(id, enabled, HttpContext.RequestAborted)
            ? Done(enabled ? localizer["The rule is on."] : localizer["The rule is off."])
            : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(int id) =>
        await administration.DeleteRuleAsync(id, HttpContext.RequestAborted) ? Done(localizer["The rule was deleted."]) : NotFound();

    private RedirectToPageResult Done(string message)
    {
        TempData["Status"] = message;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var registers = await db.Registers.AsNoTracking().OrderBy(r => r.Id).ToListAsync(HttpContext.RequestAborted);
        Registers = [.. registers.Select(r => (r.Code, r.Name.In(language)))];
        var rules = await db.ApprovalRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(HttpContext.RequestAborted);
        Rules = [.. rules.Select(r => new RuleRow(r.Id, r.Name, r.Enabled, registers.FirstOrDefault(g => g.Id == r.RegisterId)?.Name.In(language),
            r.ValueAbove is { } value ? AmountText.Show(value, Currency) : null, r.CostTotalAbove is { } cost ? AmountText.Show(cost, Currency) : null,
            r.Decision, r.Roles))];
    }
}
