using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Users;

public sealed class CreateModel(UserAdministration administration, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public UserForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (user, errors) = await administration.CreateAsync(Form);
        if (user is null)
        {
            errors.ForEach(e => ModelState.AddModelError(e.Field, e.Message));
            return Page();
        }

        TempData["Status"] = localizer["User {0} was created.", user.Email!].Value;
        return RedirectToPage("Index");
    }
}
