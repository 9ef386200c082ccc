using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace ClaimDesk.Web.Features.Account;

public static class AccountServices
{
    public const string StaffPolicy = "Staff";
    public const string AdministratorPolicy = "Administrator";
    public const string MasterDataEditorPolicy = "MasterDataEditor";

    /// <summary>Identity with cookies, lockout after repeated failures, localized errors and the staff policies.</summary>
    public static void AddClaimDeskAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 10;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "ClaimDesk.Auth";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });

        // A disabled user's or a changed password's old sessions end within a minute.
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, policy => policy.RequireRole(StaffRole.Staff))
            .AddPolicy(AdministratorPolicy, policy => policy.RequireRole(StaffRole.Administrator))
            .AddPolicy(MasterDataEditorPolicy, policy => policy.RequireRole(StaffRole.MasterDataEditors));

        services.AddScoped<AccountSeeder>();
        services.AddScoped<UserLanguages>();
        services.AddScoped<ClaimDesk.Web.Features.Admin.Users.UserAdministration>();
    }

    /// <summary>An API caller gets a status code, a person gets the sign-in page.</summary>
    private static Task ApiAwareRedirect(
        Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context,
        int statusCode)
    {
        if (ClaimDeskApplication.IsApi(context.HttpContext))
        {
            context.Response.StatusCode = statusCode;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
