using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>Staff intake: a complaint taken by phone, e-mail or in person, recorded on the customer's behalf.</summary>
public sealed class NewModel(
    AppDbContext db, ClaimCommands commands, AuditTrail audit, IStringLocalizer<SharedResource> localizer, CustomFields.CustomFieldQueries customFields) : PageModel
{
    /// <summary>The active custom fields of each register, by register code.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Core.CustomFields.CustomFieldDefinition>> CustomFields { get; private set; } =
        new Dictionary<string, IReadOnlyList<Core.CustomFields.CustomFieldDefinition>>();

    /// <summary>The input of one register's custom field, with what was typed.</summary>
    public CustomFields.CustomFieldInputView InputFor(string register, Core.CustomFields.CustomFieldDefinition field)
    {
        var key = ClaimForm.CustomFieldKey(register, field.Code);
        var view = new CustomFields.CustomFieldView(field, field.Label.In(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), null, "");
        return new(view, Form.CustomFields.GetValueOrDefault(key), $"cf-{register}-{field.Code}", Required: false, Name: $"Form.CustomFields[{key}]");
    }

    [BindProperty]
    public ClaimForm Form { get; set; } = new();

    public IReadOnlyList<(string Code, string Name)> Registers { get; private set; } = [];

    public Dictionary<string, List<string>> FieldErrors { get; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (input, parseErrors) = Form.ToInput();
        IReadOnlyList<FieldError> errors = parseErrors;
        Claim? claim = null;
        if (parseErrors.Count == 0)
        {
            (claim, errors) = await commands.CreateAsync(input, audit.CurrentActor, cancellationToken: HttpContext.RequestAborted);
        }

        if (claim is null)
        {
            foreach (var error in errors)
            {
                var message = localizer[error.Message, error.Arguments].Value;
                FieldErrors.TryAdd(error.Field, []);
                FieldErrors[error.Field].Add(message);
                ModelState.AddModelError(error.Field, message);
            }

            await LoadAsync();
            return Page();
        }

        TempData["Status"] = localizer["Complaint {0} was recorded.", claim.Number].Value;
        return RedirectToPage("Card", new { id = claim.Id });
    }

    public async Task<IActionResult> OnPostAddLineAsync()
    {
        Form.Lines.Add(new ClaimLineForm());
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveLineAsync()
    {
        if (Form.Lines.Count > 1)
        {
            Form.Lines.RemoveAt(Form.Lines.Count - 1);
        }

        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var registers = await db.Registers.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Registers = [.. registers.Select(r => (r.Code, r.Name.In(language)))];
        CustomFields = await customFields.ActiveByRegisterAsync(HttpContext.RequestAborted);
        if (Form.Lines.Count == 0)
        {
            Form.Lines.Add(new ClaimLineForm());
        }
    }
}
