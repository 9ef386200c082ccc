using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>The public complaint form (DESIGN §3.1): anyone may send it; what they send waits for the e-mail confirmation.</summary>
public sealed class NewModel(
    IntakeCommands commands, OrganisationClock clock, IOptions<ClaimDeskOptions> options, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public IntakeForm Form { get; set; } = new();

    public Dictionary<string, List<string>> FieldErrors { get; } = [];

    public void OnGet()
    {
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Form.Language = Core.Localization.Language.IsSupported(language) ? language : Core.Localization.Language.Polish;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrEmpty(Form.Website))
        {
            // A bot filled in the hidden field: it is told what a person is told, and nothing is saved or sent.
            return RedirectToPage("Sent");
        }

        var (input, errors) = Form.ToInput();
        IReadOnlyList<FieldError> problems = errors.Count == 0
            ? await commands.SubmitAsync(input, IntakeCommands.BaseUrl(options.Value, Request), HttpContext.RequestAborted)
            // Every mistake at once: what could be read is checked too.
            : [.. errors, .. ClaimValidator.Validate(input with { Register = IntakeCommands.Register, Channel = "web" }, clock.Today).Errors];

        if (problems.Count == 0)
        {
            return RedirectToPage("Sent");
        }

        foreach (var error in problems)
        {
            var message = localizer[error.Message, error.Arguments].Value;
            var field = IntakeForm.FieldOf(error.Field);
            FieldErrors.TryAdd(field, []);
            if (!FieldErrors[field].Contains(message))
            {
                FieldErrors[field].Add(message);
                ModelState.AddModelError(field, message);
            }
        }

        EnsureItem();
        return Page();
    }

    public IActionResult OnPostAddItem()
    {
        if (Form.Items.Count < IntakeForm.MaxItems)
        {
            Form.Items.Add(new IntakeItemForm());
        }

        ModelState.Clear();
        return Page();
    }

    public IActionResult OnPostRemoveItem()
    {
        if (Form.Items.Count > 1)
        {
            Form.Items.RemoveAt(Form.Items.Count - 1);
        }

        ModelState.Clear();
        return Page();
    }

    private void EnsureItem()
    {
        if (Form.Items.Count == 0)
        {
            Form.Items.Add(new IntakeItemForm());
        }
    }
}
