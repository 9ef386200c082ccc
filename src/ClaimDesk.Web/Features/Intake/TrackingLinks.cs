using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// Issues tracking links (magic links to one claim's tracking page). Each e-mail gets a fresh one, so a link that
/// leaked can expire without cutting off the others.
/// </summary>
public sealed class TrackingLinks(AppDbContext db, OrganisationClock clock, IOptions<ClaimDeskOptions> options)
{
    /// <summary>Adds a new tracking token for the claim to the unit of work; returns the link to it.</summary>
    public string Issue(long claimId, string baseUrl)
    {
        var secret = AccessToken.NewSecret();
        var now = clock.UtcNow;
        db.AccessTokens.Add(new AccessToken
        {
            Purpose = AccessToken.Tracking,
            Hash = AccessToken.HashOf(secret),
            ClaimId = claimId,
            ExpiresAt = now.AddDays(options.Value.Intake.TrackingDays),
            CreatedAt = now,
        });
        return $"{baseUrl}/track/{secret}";
    }
}
