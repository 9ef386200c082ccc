using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Users;

public sealed class EditModel(
    AppDbContext db, UserManager<AppUser> users, UserAdministration administration,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public UserForm Form { get; set; } = new();

    public IReadOnlyList<AuditEvent> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        Form = new UserForm
        {
            Email = user.Email ?? "",
            DisplayName = user.DisplayName,
            Language = user.Language,
            Roles = [.. await users.GetRolesAsync(user)],
            MustChangePassword = user.MustChangePassword,
            IsDisabled = user.IsDisabled,
        };
        await LoadHistoryAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var errors = await administration.UpdateAsync(user, Form, users.GetUserId(User)!);
            if (errors.Count == 0)
            {
                TempData["Status"] = localizer["User {0} was saved.", Form.Email].Value;
                return RedirectToPage("Index");
            }

            errors.ForEach(e => ModelState.AddModelError(e.Field, e.Message));
        }

        await LoadHistoryAsync(id);
        return Page();
    }

    private async Task LoadHistoryAsync(string id) =>
        History = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == "user" && e.EntityId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(100)
            .ToListAsync();
}
