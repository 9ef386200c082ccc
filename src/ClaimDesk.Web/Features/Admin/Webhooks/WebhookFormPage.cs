using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Webhooks;

/// <summary>What the create and edit pages share: the form, and its check turned into localized field errors.</summary>
public abstract class WebhookFormPage : PageModel
{
    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    /// <summary>A secret just generated; set only in the response that generated it, never stored or redirected.</summary>
    public string? GeneratedSecret { get; protected set; }

    /// <summary>Adds the form's problems to the model state; true when there were none.</summary>
    protected bool FormIsValid(IStringLocalizer<SharedResource> localizer)
    {
        foreach (var (field, message) in WebhookAdministration.Check(Form))
        {
            ModelState.AddModelError("Form." + field, localizer[message]);
        }

        return ModelState.IsValid;
    }

    protected IActionResult ShowSecretOnce(string secret)
    {
        GeneratedSecret = secret;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
