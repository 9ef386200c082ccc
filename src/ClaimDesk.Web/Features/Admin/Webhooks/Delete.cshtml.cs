using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Webhooks;

/// <summary>Asks before deleting a webhook (it works without JavaScript), then deletes it with its delivery log.</summary>
public sealed class DeleteModel(AppDbContext db, WebhookAdministration webhooks, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Webhook? Webhook { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Webhook = await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        return Webhook is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var name = await webhooks.DeleteAsync(id, AuditTrail.ActorOf(User), cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        TempData["Status"] = localizer["Webhook {0} was deleted.", name].Value;
        return RedirectToPage("Index");
    }
}
