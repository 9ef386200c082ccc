using ClaimDesk.Core.CustomFields;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.CustomFields;

/// <summary>A register's custom fields in their order, with moving up and down and deactivating.</summary>
public sealed class IndexModel(CustomFieldAdministration administration, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CustomFieldRegister Register { get; private set; } = null!;

    public IReadOnlyList<CustomFieldDefinition> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string register)
    {
        if (await administration.RegisterAsync(register) is not { } found)
        {
            return NotFound();
        }

        Register = found;
        Fields = await administration.ListAsync(found.Id);
        return Page();
    }

    public Task<IActionResult> OnPostUpAsync(string register, int id) => ChangeAsync(register, r => administration.MoveAsync(r, id, up: true), null);

    public Task<IActionResult> OnPostDownAsync(string register, int id) => ChangeAsync(register, r => administration.MoveAsync(r, id, up: false), null);

    public Task<IActionResult> OnPostActiveAsync(string register, int id, bool active) =>
        ChangeAsync(register, r => administration.SetActiveAsync(r, id, active),
            active ? localizer["The field was activated."] : localizer["The field was deactivated."]);

    private async Task<IActionResult> ChangeAsync(string register, Func<int, Task<bool>> change, string? done)
    {
        if (await administration.RegisterAsync(register) is not { } found)
        {
            return NotFound();
        }

        await change(found.Id);
        if (done is not null)
        {
            TempData["Status"] = done;
        }

        return RedirectToPage("Index", new { register });
    }
}
