using System.Security.Claims;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>The customer company a partner user belongs to.</summary>
public sealed record PartnerCompany(long Id, string? Code, string Name, CustomerType Type);

/// <summary>
/// The one gate of the portal: which company the signed-in partner belongs to (read from the database on each
/// request, so a user moved to another company or disabled loses the old company at once), and whether a claim or a
/// sales document is that company's. Everything else answers 404, the same as what does not exist.
/// </summary>
public sealed class PortalAccess(AppDbContext db, IHttpContextAccessor http)
{
    private PartnerCompany? _company;

    /// <summary>The signed-in partner's company; null for anyone else (staff, a partner bound to no company).</summary>
    public async Task<PartnerCompany?> CompanyAsync(CancellationToken cancellationToken = default)
    {
        if (_company is not null)
        {
            return _company;
        }

        var user = http.HttpContext?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || !user!.IsInRole(StaffRole.Partner))
        {
            return null;
        }

        _company = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && !u.IsDisabled && u.CustomerId != null)
            .Join(db.Customers, u => u.CustomerId, c => c.Id, (u, c) => new PartnerCompany(c.Id, c.Code, c.Name, c.Type))
            .SingleOrDefaultAsync(cancellationToken);
        return _company;
    }

    /// <summary>The claim's id when it is the company's, not deleted and not hidden from queues (an unconfirmed web submission).</summary>
    public async Task<long?> OwnClaimAsync(long claimId, CancellationToken cancellationToken = default)
    {
        if (await CompanyAsync(cancellationToken) is not { } company)
        {
            return null;
        }

        return await db.Claims.AsNoTracking()
            .Where(c => c.Id == claimId && c.CustomerId == company.Id && !c.IsDeleted
                && !db.WorkflowStatuses.Any(s => s.RegisterId == c.RegisterId && s.Code == c.Status && s.HiddenFromQueues))
            .Select(c => (long?)c.Id)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The partner as the actor of what they do: a user with the partner role and no staff role.</summary>
    public Actor Actor => AuditTrail.ActorOf(http.HttpContext?.User);
}
