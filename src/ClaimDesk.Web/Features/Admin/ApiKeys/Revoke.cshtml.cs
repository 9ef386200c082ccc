using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.ApiKeys;

/// <summary>Asks before revoking a key (it works without JavaScript), then revokes it for good.</summary>
public sealed class RevokeModel(AppDbContext db, ApiKeyService keys, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public ApiKey? Key { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id);
        return Key is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var (revocation, name) = await keys.RevokeAsync(id, AuditTrail.ActorOf(User), cancellationToken);
        switch (revocation)
        {
            case ApiKeyService.Revocation.Revoked:
                TempData["Status"] = localizer["API key {0} was revoked.", name!].Value;
                break;
            case ApiKeyService.Revocation.AlreadyRevoked:
                TempData["Status"] = localizer["API key {0} had already been revoked.", name!].Value;
                break;
            default:
                return NotFound();
        }

        return RedirectToPage("Index");
    }
}
