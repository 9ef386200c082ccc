namespace ClaimDesk.Web.Features.Account;

/// <summary>
/// A user signed in with a generated password sees nothing but the password change page (and may sign out)
/// until a new password is chosen.
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/ChangePassword";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(AppClaimsPrincipalFactory.MustChangePasswordClaim, "true")
            && !path.StartsWithSegments(ChangePasswordPath)
            && !path.StartsWithSegments("/Account/Logout")
            && !path.StartsWithSegments("/culture")
            && !path.StartsWithSegments("/health")
            && !path.StartsWithSegments("/lib")
            && !path.StartsWithSegments("/css")
            && !path.StartsWithSegments("/js"))
        {
            if (ClaimDeskApplication.IsApi(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
