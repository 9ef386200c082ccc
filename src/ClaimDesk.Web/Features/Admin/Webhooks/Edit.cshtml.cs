using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Webhooks;

/// <summary>Changes a webhook; the secret stays unless a new one is typed or generated (then shown once).</summary>
public sealed class EditModel(AppDbContext db, WebhookAdministration webhooks, IStringLocalizer<SharedResource> localizer)
    : WebhookFormPage
{
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (webhook is null)
        {
            return NotFound();
        }

        Name = webhook.Name;
        Form = new WebhookForm { Name = webhook.Name, Url = webhook.Url, Events = webhook.Events, Enabled = webhook.Enabled };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Name = await db.Webhooks.Where(w => w.Id == id).Select(w => w.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        if (!FormIsValid(localizer))
        {
            return Page();
        }

        var (found, generated) = await webhooks.UpdateAsync(id, Form, AuditTrail.ActorOf(User), cancellationToken);
        if (!found)
        {
            return NotFound();
        }

        if (generated is not null)
        {
            return ShowSecretOnce(generated);
        }

        TempData["Status"] = localizer["Webhook {0} was saved.", Form.Name!.Trim()].Value;
        return RedirectToPage("Index");
    }
}
