using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// How one change of a claim is made, for every feature that changes claims through the claim's methods: the claim
/// loaded in a transaction (with what <c>load</c> includes besides its register's workflow), the method deciding; a
/// success saved with its audit and whatever the features acting on its events add (<see cref="ClaimEventDispatcher"/>),
/// a refusal a role was not allowed audited on its own, and a lost race refused as a conflict.
/// </summary>
public sealed class ClaimChanges(AppDbContext db, AuditTrail audit, OrganisationClock clock, ClaimEventDispatcher dispatcher)
{
    public async Task<ClaimOutcome> ApplyAsync(long claimId, Actor actor, Func<IQueryable<Claim>, IQueryable<Claim>> load,
        Func<Claim, ChangeLog, ClaimOutcome> change, Func<Claim, Change> refusal, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = await load(db.Claims
                .Include(c => c.Lines)
                .Include(c => c.Register).ThenInclude(r => r!.Statuses)
                .Include(c => c.Register).ThenInclude(r => r!.Transitions))
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == claimId && !c.IsDeleted, cancellationToken);
        if (claim is null)
        {
            return ClaimOutcome.Refuse(Refusal.NotFound, null, "The claim does not exist.");
        }

        var log = new ChangeLog();
        var outcome = change(claim, log);
        if (!outcome.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            if (outcome.Refusal == Refusal.Forbidden)
            {
                db.ChangeTracker.Clear();
                audit.Record(refusal(claim), actor);
                await db.SaveChangesAsync(cancellationToken);
            }

            return outcome;
        }

        try
        {
            await dispatcher.SaveAsync([claim], new ClaimChangeContext(actor, clock.UtcNow, log), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, null, "Someone else changed the claim meanwhile. Reload it and try again.");
        }

        return outcome;
    }
}
