using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Portal;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Partners;

/// <summary>Staff see the partner users and invite new ones for a customer company; the invitation goes out by e-mail.</summary>
public sealed class IndexModel(
    PartnerInvitations invitations, AuditTrail audit, IOptions<ClaimDeskOptions> options, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<PartnerUser> Partners { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "customer")]
    public string? CustomerCode { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string Language { get; set; } = "pl";

    public Dictionary<string, List<string>> FieldErrors { get; } = [];

    public async Task OnGetAsync() => Partners = await invitations.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = await invitations.InviteAsync(CustomerCode, Name, Email, Language,
            PublicAddress.BaseUrl(options.Value, Request), audit.CurrentActor, HttpContext.RequestAborted);
        if (errors.Count == 0)
        {
            TempData["Status"] = localizer["{0} is invited; the e-mail with the link to choose a password is on its way.", Email!.Trim()].Value;
            return RedirectToPage();
        }

        foreach (FieldError error in errors)
        {
            var message = localizer[error.Message, error.Arguments].Value;
            FieldErrors.TryAdd(error.Field, []);
            FieldErrors[error.Field].Add(message);
            ModelState.AddModelError(error.Field, message);
        }

        Partners = await invitations.ListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
