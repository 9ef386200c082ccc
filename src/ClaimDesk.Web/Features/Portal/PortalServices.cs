using ClaimDesk.Core.Security;
using ClaimDesk.Web.Features.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>
/// The partner portal's services and its authorization: /portal is for partner users only (policy
/// <see cref="PartnerPolicy"/>), and partners reach nothing of the staff back office, whose pages and API require
/// staff roles or API keys.
/// </summary>
public static class PortalServices
{
    public const string PartnerPolicy = "Partner";

    /// <summary>How long an invitation's or a reset e-mail's set-password link works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(3);

    public static void AddClaimDeskPortal(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(PartnerPolicy, policy => policy.RequireRole(StaffRole.Partner));
        services.Configure<DataProtectionTokenProviderOptions>(tokens => tokens.TokenLifespan = LinkLifetime);
        services.AddScoped<PortalAccess>();
        services.AddScoped<PortalQueries>();
        services.AddScoped<PartnerInvitations>();
    }

    /// <summary>
    /// /Portal pages take the partner policy instead of the staff policy every page gets by default; the sign-in
    /// alias and the password pages (also under /account for staff) are open.
    /// </summary>
    public static void AddPortalConventions(this PageConventionCollection conventions, long uploadLimit)
    {
        conventions.AddPageRoute("/Account/Login", "portal/login");
        // Staff reset a forgotten password through the same two pages, at staff addresses.
        conventions.AddPageRoute("/Portal/ForgotPassword", "account/forgot-password");
        conventions.AddPageRoute("/Portal/SetPassword", "account/set-password");
        conventions.AddFolderApplicationModelConvention("/Portal", page =>
        {
            foreach (var staff in page.EndpointMetadata.OfType<AuthorizeAttribute>().Where(a => a.Policy == AccountServices.StaffPolicy).ToList())
            {
                page.EndpointMetadata.Remove(staff);
            }

            page.EndpointMetadata.Add(new AuthorizeAttribute(PartnerPolicy));
        });
        conventions.AllowAnonymousToPage("/Portal/ForgotPassword");
        conventions.AllowAnonymousToPage("/Portal/SetPassword");
        conventions.AddPageApplicationModelConvention("/Portal/ForgotPassword",
            page => page.EndpointMetadata.Add(Infrastructure.RateLimiting.Policy(Infrastructure.RateLimiting.SignInPolicy)));
        conventions.AddPageApplicationModelConvention("/Portal/Claim", page =>
        {
            page.Filters.Add(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(uploadLimit));
            page.Filters.Add(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = uploadLimit });
        });
    }
}
