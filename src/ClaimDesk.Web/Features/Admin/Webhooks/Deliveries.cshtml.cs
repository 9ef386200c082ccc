using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Webhooks;

/// <summary>A webhook's delivery log, newest first, paged in SQL: attempts, status, last answer; dead deliveries are requeued here.</summary>
public sealed class DeliveriesModel(
    AppDbContext db, WebhookAdministration webhooks, OrganisationClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public string Name { get; private set; } = "";

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + WebhookAdministration.LogPageSize - 1) / WebhookAdministration.LogPageSize);

    public IReadOnlyList<DeliveryRow> Rows { get; private set; } = [];

    /// <summary>A UTC time of a row in the organisation's time zone.</summary>
    public DateTime Local(DateTime utc) => clock.ToLocal(utc);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var name = await db.Webhooks.Where(w => w.Id == id).Select(w => w.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return NotFound();
        }

        Name = name;
        (Rows, Total, PageNumber) = await webhooks.DeliveriesAsync(id, PageNumber, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRequeueAsync(int id, long delivery, CancellationToken cancellationToken)
    {
        switch (await webhooks.RequeueAsync(id, delivery, AuditTrail.ActorOf(User), cancellationToken))
        {
            case WebhookAdministration.Requeue.Requeued:
                TempData["Status"] = localizer["Delivery {0} was requeued; it is sent in the next round.", delivery].Value;
                break;
            case WebhookAdministration.Requeue.NotDead:
                TempData["Status"] = localizer["Delivery {0} is not dead-lettered; nothing was changed.", delivery].Value;
                break;
            default:
                return NotFound();
        }

        return RedirectToPage("Deliveries", new { id, p = PageNumber });
    }
}
