using ClaimDesk.Web.Features.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Notifications;

/// <summary>Notification rules (list, add, turn on and off, delete) and the templates of each event and channel.</summary>
public sealed class IndexModel(
    NotificationAdministration administration, IStringLocalizer<SharedResource> localizer,
    Microsoft.Extensions.Options.IOptions<Infrastructure.ClaimDeskOptions> options) : PageModel
{
    /// <summary>The organisation's currency, in which the amounts are.</summary>
    public string Currency => options.Value.Organisation.Currency;

    [BindProperty]
    public RuleForm Rule { get; set; } = new();

    public IReadOnlyList<RuleRow> Rules { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Staff { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<(string Event, string Channel)> Templates => NotificationDefaults.TemplatePairs;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var errors = await administration.AddRuleAsync(Rule, cancellationToken);
        if (errors.Count == 0)
        {
            TempData["Status"] = localizer["The rule was added."].Value;
            return RedirectToPage("Index");
        }

        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(int id, bool enabled, CancellationToken cancellationToken)
    {
        if (!await administration.SetEnabledAsync(id, enabled, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = (enabled ? localizer["The rule is on."] : localizer["The rule is off."]).Value;
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (!await administration.DeleteRuleAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Status"] = localizer["The rule was deleted."].Value;
        return RedirectToPage("Index");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rules = await administration.RulesAsync(cancellationToken);
        Staff = await administration.StaffAsync(cancellationToken);
    }
}
