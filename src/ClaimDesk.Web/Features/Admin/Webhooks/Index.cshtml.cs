using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Webhooks;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Webhooks;

/// <summary>The webhooks, by name, paged in SQL, with how many deliveries wait or are dead; turned on and off here.</summary>
public sealed class IndexModel(
    AppDbContext db, WebhookAdministration webhooks, OrganisationClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<WebhookRow> Rows { get; private set; } = [];

    /// <summary>A webhook as listed; the time in the organisation's time zone.</summary>
    public sealed record WebhookRow(int Id, string Name, string Url, IReadOnlyList<string> Events, bool Enabled, DateTime UpdatedAt,
        int Waiting, int Dead);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Total = await db.Webhooks.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var rows = await db.Webhooks.AsNoTracking().OrderBy(w => w.Name).ThenBy(w => w.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(w => new
            {
                w.Id, w.Name, w.Url, w.Events, w.Enabled, w.UpdatedAt,
                Waiting = db.WebhookDeliveries.Count(d => d.WebhookId == w.Id
                    && (d.Message!.Status == OutboxStatus.Pending || d.Message.Status == OutboxStatus.Sending)),
                Dead = db.WebhookDeliveries.Count(d => d.WebhookId == w.Id && d.Message!.Status == OutboxStatus.Dead),
            })
            .ToListAsync(cancellationToken);
        Rows = [.. rows.Select(w => new WebhookRow(w.Id, w.Name, w.Url, w.Events, w.Enabled, clock.ToLocal(w.UpdatedAt), w.Waiting, w.Dead))];
    }

    public Task<IActionResult> OnPostDisableAsync(int id, CancellationToken cancellationToken) => SetEnabledAsync(id, false, cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(int id, CancellationToken cancellationToken) => SetEnabledAsync(id, true, cancellationToken);

    private async Task<IActionResult> SetEnabledAsync(int id, bool enabled, CancellationToken cancellationToken)
    {
        if (!await webhooks.SetEnabledAsync(id, enabled, AuditTrail.ActorOf(User), cancellationToken))
        {
            return NotFound();
        }

        var name = await db.Webhooks.Where(w => w.Id == id).Select(w => w.Name).SingleAsync(cancellationToken);
        TempData["Status"] = (enabled ? localizer["Webhook {0} is enabled.", name] : localizer["Webhook {0} is disabled: no event is queued for it.", name]).Value;
        return RedirectToPage("Index", new { p = PageNumber });
    }
}
