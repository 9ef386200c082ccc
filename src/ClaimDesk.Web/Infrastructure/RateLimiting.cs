using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ClaimDesk.Web.Infrastructure;

/// <summary>Limits on public endpoints, per client address (DESIGN §9).</summary>
public static class RateLimiting
{
    public const string SignInPolicy = "sign-in";

    /// <summary>The public intake pages: posts of the form and of "find my claim", and opening activation links.</summary>
    public const string IntakePolicy = "intake";

    public static void AddClaimDeskRateLimits(this IServiceCollection services, ClaimDeskOptions options)
    {
        var perMinute = options.RateLimits.SignInPerMinute;
        if (perMinute < 1)
        {
            throw new StartupException($"ClaimDesk:RateLimits:SignInPerMinute is {perMinute}, but it must be at least 1.");
        }

        var intakePerMinute = options.RateLimits.IntakePerMinute;
        if (intakePerMinute < 1)
        {
            throw new StartupException($"ClaimDesk:RateLimits:IntakePerMinute is {intakePerMinute}, but it must be at least 1.");
        }

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("read"));
            limiter.AddPolicy(IntakePolicy, context => HttpMethods.IsPost(context.Request.Method)
                || context.Request.Path.StartsWithSegments("/complaint/activate", StringComparison.OrdinalIgnoreCase)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = intakePerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("read"));
        });
    }

    /// <summary>Marks a page as limited by <paramref name="policy"/>.</summary>
    public static EnableRateLimitingAttribute Policy(string policy) => new(policy);
}
