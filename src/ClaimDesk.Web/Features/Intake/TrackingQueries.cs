using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>What the customer sees of a claim: the customer-facing label of each status, never staff notes.</summary>
public sealed record TrackedClaim(
    string Number, string Status, DateTime ReceivedAt, string ProductName, IReadOnlyList<(DateTime At, string Status)> Timeline);

public sealed class TrackingQueries(AppDbContext db, OrganisationClock clock)
{
    /// <summary>The claim a valid, unexpired tracking link opens; <c>null</c> for anything else.</summary>
    public async Task<TrackedClaim?> GetAsync(string? secret, string language, CancellationToken cancellationToken = default)
    {
        if (!AccessToken.LooksValid(secret))
        {
            return null;
        }

        var hash = AccessToken.HashOf(secret!);
        var now = clock.UtcNow;
        var claimId = await db.AccessTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.Purpose == AccessToken.Tracking && t.ExpiresAt > now)
            .Select(t => t.ClaimId)
            .SingleOrDefaultAsync(cancellationToken);
        if (claimId is null)
        {
            return null;
        }

        var claim = await db.Claims.AsNoTracking()
            .Where(c => c.Id == claimId && !c.IsDeleted)
            .Select(c => new
            {
                c.Id, c.Number, c.Status, c.ReceivedAt, c.RegisterId,
                Product = c.Lines.OrderBy(l => l.LineNo).Select(l => l.ProductName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var labels = (await db.WorkflowStatuses.AsNoTracking().Where(s => s.RegisterId == claim.RegisterId).ToListAsync(cancellationToken))
            .ToDictionary(s => s.Code, s => s.CustomerLabel.In(language));
        string Label(string? code) => code is not null && labels.TryGetValue(code, out var label) ? label : code ?? "";

        var entityId = claim.Id.ToString(CultureInfo.InvariantCulture);
        var changes = await db.AuditEvents.AsNoTracking()
            .Where(a => a.EntityType == Claim.EntityType && a.EntityId == entityId && a.Field == "status"
                && (a.Action == "created" || a.Action == "status_changed"))
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new { a.At, a.NewValue })
            .ToListAsync(cancellationToken);
        return new TrackedClaim(claim.Number, Label(claim.Status), clock.ToLocal(claim.ReceivedAt), claim.Product ?? "",
            [.. changes.Select(c => (clock.ToLocal(c.At), Label(c.NewValue)))]);
    }
}
