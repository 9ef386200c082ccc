using ClaimDesk.Core.CustomFields;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.CustomFields;

/// <summary>Creates or edits one custom field; a refused form is drawn again with everything typed.</summary>
public sealed class EditModel(CustomFieldAdministration administration, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public CustomFieldForm Form { get; set; } = new();

    public CustomFieldRegister Register { get; private set; } = null!;

    /// <summary>The field being edited; null while a new one is created.</summary>
    public CustomFieldDefinition? Field { get; private set; }

    public IReadOnlyList<AuditEvent> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string register, int? id)
    {
        if (!await LoadAsync(register, id))
        {
            return NotFound();
        }

        if (Field is not null)
        {
            Form = CustomFieldForm.Of(Field);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string register, int? id)
    {
        if (!await LoadAsync(register, id))
        {
            return NotFound();
        }

        var (saved, errors) = await administration.SaveAsync(Register, id, Form);
        if (saved is not null)
        {
            TempData["Status"] = localizer["The field {0} was saved.", Field?.Code ?? Form.Code ?? ""].Value;
            return RedirectToPage("Index", new { register });
        }

        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string register, int? id)
    {
        if (await administration.RegisterAsync(register) is not { } found)
        {
            return false;
        }

        Register = found;
        if (id is { } existing)
        {
            Field = await administration.FindAsync(found.Id, existing);
            if (Field is null)
            {
                return false;
            }

            History = await administration.HistoryAsync(existing);
        }

        return true;
    }
}
