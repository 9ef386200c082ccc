using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The claim actions shared by the staff pages and the API: one transaction each, the domain method deciding, every
/// change audited in that transaction and handed to the features that act on it (<see cref="ClaimEventDispatcher"/>).
/// A refused attempt that a role was not allowed is audited too, on its own. Claims come in through
/// <see cref="Intake.ClaimIntake"/>.
/// </summary>
public sealed class ClaimCommands(AppDbContext db, OrganisationClock clock, ClaimChanges changes,
    Tasks.StageTasks stageTasks, Approvals.ApprovalRules approvals)
{
    /// <summary>
    /// Moves the claim; custom values sent along (those the move asks for) are set first, in the same transaction, so a
    /// refused move keeps none of them. A move that accepts (or rejects) a claim an approval rule reserves for other
    /// roles is refused (<see cref="Approvals.ApprovalRules"/>).
    /// </summary>
    public Task<ClaimOutcome> TransitionAsync(long claimId, string to, TransitionInput input, Actor actor,
        CancellationToken cancellationToken = default) =>
        TransitionAsync(claimId, to, input, null, actor, cancellationToken);

    /// <inheritdoc cref="TransitionAsync(long, string, TransitionInput, Actor, CancellationToken)"/>
    public async Task<ClaimOutcome> TransitionAsync(long claimId, string to, TransitionInput input, IReadOnlyDictionary<string, string?>? customValues,
        Actor actor, CancellationToken cancellationToken = default)
    {
        var approval = await approvals.PrepareAsync(cancellationToken);
        return await ChangeAsync(claimId, actor, (claim, log) =>
            {
                if (customValues is { Count: > 0 })
                {
                    var set = claim.SetCustomValues(claim.Register!.CustomFields, customValues, clock.UtcNow, log);
                    if (!set.Succeeded)
                    {
                        return set;
                    }
                }

                var approved = stageTasks.Check(claim, to, actor) ?? approval.Move(claim, to, input, actor);
                return !approved.Succeeded ? approved
                    : claim.MoveTo(claim.Register!.Workflow, to, input, actor, clock.UtcNow, log, claim.Register.CustomFields);
            },
            refused => new Change(Claim.EntityType, Id(claimId), "transition_refused", "status", refused.Status, to), cancellationToken);
    }

    /// <summary>Decides one line; an acceptance (or rejection) an approval rule reserves for other roles is refused.</summary>
    public async Task<ClaimOutcome> DecideLineAsync(long claimId, int lineNo, LineDecision decision, string? reason, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var approval = await approvals.PrepareAsync(cancellationToken);
        return await ChangeAsync(claimId, actor, (claim, log) => approval.Line(claim, lineNo, decision, actor) is { Succeeded: false } refused ? refused
                : claim.DecideLine(claim.Register!.Workflow, lineNo, decision, reason, actor, clock.UtcNow, log),
            _ => new Change(Claim.LineEntityType, Id(claimId), "decision_refused", $"line {lineNo} decision", null, Core.Common.Codes.Of(decision)),
            cancellationToken);
    }

    /// <summary>Assigns the claim to a staff user (null: to nobody); the user must exist, be active and hold a staff role.</summary>
    public async Task<ClaimOutcome> AssignAsync(long claimId, string? assigneeId, Actor actor, CancellationToken cancellationToken = default)
    {
        var staff = await StaffDirectory.NamesAsync(db, cancellationToken);
        if (assigneeId is not null && !staff.ContainsKey(assigneeId))
        {
            return ClaimOutcome.Refuse(Refusal.Invalid, "assignee", "Choose an active staff member.");
        }

        return await ChangeAsync(claimId, actor,
            (claim, log) => claim.Assign(assigneeId, assigneeId is null ? null : staff[assigneeId],
                claim.AssigneeId is { } previous && staff.TryGetValue(previous, out var name) ? name : claim.AssigneeId, actor, clock.UtcNow, log),
            _ => new Change(Claim.EntityType, Id(claimId), "assign_refused", "assignee", null, assigneeId is null ? null : staff[assigneeId]),
            cancellationToken);
    }

    /// <summary>Sets custom values of the claim by field code (empty clears); each change is audited.</summary>
    public Task<ClaimOutcome> SetCustomValuesAsync(long claimId, IReadOnlyDictionary<string, string?> values, Actor actor,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(claimId, actor, (claim, log) => claim.SetCustomValues(claim.Register!.CustomFields, values, clock.UtcNow, log),
            _ => new Change(Claim.EntityType, Id(claimId), "custom_fields_refused"), cancellationToken);

    public Task<ClaimOutcome> DeleteAsync(long claimId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(claimId, actor, (claim, log) => claim.Delete(actor, clock.UtcNow, log),
            _ => new Change(Claim.EntityType, Id(claimId), "delete_refused"), cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the claim with its custom fields and values (<see cref="ClaimChanges"/>).</summary>
    private Task<ClaimOutcome> ChangeAsync(long claimId, Actor actor, Func<Claim, ChangeLog, ClaimOutcome> change,
        Func<Claim, Change> refusal, CancellationToken cancellationToken) =>
        changes.ApplyAsync(claimId, actor,
            claims => claims.Include(c => c.Register).ThenInclude(r => r!.CustomFields).Include(c => c.CustomValues),
            change, refusal, cancellationToken);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
