using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Registers;

/// <summary>
/// One register: names, numbering pattern, statuses and transitions in one form. "Add status" and "Add transition"
/// post the form back and draw it again with one more row, so the page works without JavaScript.
/// </summary>
[RequestFormLimits(ValueCountLimit = 10_000)]
public sealed class EditModel(RegisterAdministration administration, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public RegisterForm Form { get; set; } = new();

    public RegisterHeader Register { get; private set; } = null!;

    public IReadOnlyList<AuditEvent> History { get; private set; } = [];

    /// <summary>The teams a task may be for.</summary>
    public IReadOnlyList<TeamChoice> Teams { get; private set; } = [];

    /// <summary>The id of the input that takes the focus when the page is drawn: the first of a row just added.</summary>
    public string? FocusId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (await administration.LoadAsync(code) is not { } form || !await LoadRegisterAsync(code))
        {
            return NotFound();
        }

        Form = form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code)
    {
        var outcome = await administration.SaveAsync(code, Form);
        if (!outcome.Found)
        {
            return NotFound();
        }

        if (outcome.Saved)
        {
            TempData["Status"] = localizer["Register {0} was saved.", code].Value;
            return RedirectToPage("Index");
        }

        foreach (var (field, message) in outcome.Errors)
        {
            ModelState.AddModelError(field, message);
        }

        return await LoadRegisterAsync(code) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddStatusAsync(string code)
    {
        RegisterAdministration.AddStatus(Form);
        FocusId = $"s{Form.Statuses.Count - 1}-code";
        return await LoadRegisterAsync(code) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddTransitionAsync(string code)
    {
        RegisterAdministration.AddTransition(Form);
        FocusId = $"t{Form.Transitions.Count - 1}-from";
        return await LoadRegisterAsync(code) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddTaskAsync(string code)
    {
        RegisterAdministration.AddTask(Form);
        FocusId = $"k{Form.Tasks.Count - 1}-title-en";
        return await LoadRegisterAsync(code) ? Page() : NotFound();
    }

    private async Task<bool> LoadRegisterAsync(string code)
    {
        if (await administration.FindAsync(code) is not { } register)
        {
            return false;
        }

        Register = register;
        History = await administration.HistoryAsync(register.Id);
        Teams = await administration.TeamsAsync();
        return true;
    }
}
