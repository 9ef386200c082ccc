using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>
/// The page an invitation or a reset e-mail opens: the partner or staff member chooses a password (Identity's reset
/// token), then signs in on their own sign-in page.
/// </summary>
public sealed class SetPasswordModel(
    UserManager<AppUser> users, PartnerInvitations invitations, AuditTrail audit, AppDbContext db, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Confirmation { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Password) || Password != Confirmation)
        {
            ModelState.AddModelError(nameof(Confirmation), localizer["The two passwords differ."]);
            return Page();
        }

        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        var result = user is null || user.IsDisabled || Token is null
            ? IdentityResult.Failed(new IdentityError { Description = localizer["The link is not valid or has expired. Ask for a new one."] })
            : await users.ResetPasswordAsync(user, Token, Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Code == "InvalidToken"
                    ? localizer["The link is not valid or has expired. Ask for a new one."] : error.Description);
            }

            return Page();
        }

        if (user!.MustChangePassword)
        {
            // A password chosen through the e-mailed link is the user's own, not a generated one.
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }

        var roles = await users.GetRolesAsync(user);
        audit.Record(new Core.Claims.Change(PartnerInvitations.EntityType, user.Id, "password_set"), new Core.Claims.Actor(Core.Claims.Actor.UserKind, user.Id, user.Email ?? "", [.. roles]));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Status"] = localizer["Your password is set. Sign in with your e-mail address."].Value;
        return Redirect(await invitations.SignInPathAsync(user));
    }
}
