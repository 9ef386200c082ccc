using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Registers;

/// <summary>A new register: code, kind, names and numbering; it starts with the default workflow of its kind.</summary>
public sealed class CreateModel(RegisterAdministration administration, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public NewRegisterForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (code, errors) = await administration.CreateAsync(Form);
        if (code is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["Status"] = localizer["Register {0} is created with the default workflow of its kind; change it here.", code].Value;
        return RedirectToPage("Edit", new { code });
    }
}
