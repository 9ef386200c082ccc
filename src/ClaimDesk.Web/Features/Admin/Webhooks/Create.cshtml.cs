using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Webhooks;

/// <summary>Registers a webhook; a generated secret is shown in the response to the POST itself, once.</summary>
public sealed class CreateModel(WebhookAdministration webhooks, IStringLocalizer<SharedResource> localizer) : WebhookFormPage
{
    public void OnGet() => Form.Events = [.. WebhookEvent.All];

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!FormIsValid(localizer))
        {
            return Page();
        }

        var (webhook, generated) = await webhooks.CreateAsync(Form, AuditTrail.ActorOf(User), cancellationToken);
        if (generated is not null)
        {
            return ShowSecretOnce(generated);
        }

        TempData["Status"] = localizer["Webhook {0} was created.", webhook.Name].Value;
        return RedirectToPage("Index");
    }
}
