using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>
/// A partner (at /portal/forgot-password) or a staff member (at /account/forgot-password) who forgot the password asks
/// for a set-password link; the answer never tells whether the address is known.
/// </summary>
public sealed class ForgotPasswordModel(PartnerInvitations invitations, IOptions<ClaimDeskOptions> options, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The sign-in page this visitor came from: the portal's or the staff one.</summary>
    public string SignInPath => Request.Path.StartsWithSegments("/portal", StringComparison.OrdinalIgnoreCase) ? "/portal/login" : "/Account/Login";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await invitations.SendResetAsync(Email, PublicAddress.BaseUrl(options.Value, Request), HttpContext.RequestAborted);
        TempData["Status"] = localizer["If an account has this address, a link to choose a new password is on its way."].Value;
        return LocalRedirect(Request.Path);
    }
}
