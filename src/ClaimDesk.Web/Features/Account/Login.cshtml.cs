using System.ComponentModel.DataAnnotations;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Account;

public sealed class LoginModel(
    SignInManager<AppUser> signInManager, UserManager<AppUser> users, UserLanguages languages, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your e-mail.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true
            ? LocalRedirect(User.IsInRole(Core.Security.StaffRole.Partner) ? PortalReturnUrl : SafeReturnUrl)
            : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is { IsDisabled: true })
        {
            ModelState.AddModelError("", localizer["This account is disabled. Ask your administrator."]);
            return Page();
        }

        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signInManager.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", localizer["Too many failed attempts: the account is locked for a while. Try again later."]);
            return Page();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError("", localizer["The e-mail or the password is not correct."]);
            return Page();
        }

        // The page's language counts when the visitor's cookie or browser asked for it, not when it is the default.
        var requested = HttpContext.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>();
        var pageLanguage = requested?.Provider is null ? null : requested.RequestCulture.UICulture.TwoLetterISOLanguageName;
        LocalizationSetup.SetLanguageCookie(Response, await languages.AtSignInAsync(user!, pageLanguage));
        if (user!.MustChangePassword)
        {
            return RedirectToPage("/Account/ChangePassword");
        }

        // Partners use the portal only: wherever they were headed in the back office, they land in it.
        return LocalRedirect(await users.IsInRoleAsync(user, Core.Security.StaffRole.Partner) ? PortalReturnUrl : SafeReturnUrl);
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    private string PortalReturnUrl => SafeReturnUrl.StartsWith("/portal", StringComparison.OrdinalIgnoreCase) ? SafeReturnUrl : "/portal";
}
