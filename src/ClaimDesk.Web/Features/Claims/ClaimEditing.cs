using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// What an edit was based on: the claim's <see cref="Claim.Version"/> when the form was loaded (or the API read it),
/// and, from a form, the last history entry it had then (<see cref="ClaimEditing.HistoryMarkAsync"/>), which tells
/// exactly what others changed since.
/// </summary>
public sealed record EditBasis(int Version, long? HistoryMark = null);

/// <summary>
/// How an edit ended: its outcome, the field errors of what was typed, and, when the claim had changed since the form
/// was loaded, what others changed since (<paramref name="OtherChanges"/>) with the claim's version and history mark now,
/// for the form to be saved again once reviewed.
/// </summary>
public sealed record EditResult(
    ClaimOutcome Outcome, IReadOnlyList<FieldError> Errors, IReadOnlyList<HistoryEntry> OtherChanges, int Version, long HistoryMark)
{
    public bool Succeeded => Outcome.Succeeded && Errors.Count == 0;

    public bool Stale => OtherChanges.Count > 0 || Outcome.Field == "version";
}

/// <summary>
/// Corrections of a claim after intake, for the edit page and the API: checked with the intake's rules, items added
/// filled from master data as at intake, applied by <see cref="Claim.Edit"/> in one transaction with every field audited,
/// and saved through the <see cref="ClaimEventDispatcher"/> (deadlines recomputed, webhooks told). An edit based on an
/// older version of the claim is refused, naming who changed what since; so is one that loses the race to the save.
/// </summary>
public sealed class ClaimEditing(
    AppDbContext db, AuditTrail audit, OrganisationClock clock, ClaimEventDispatcher dispatcher, ClaimLineEnrichment enrichment)
{
    public const string RefusedAction = "edit_refused";

    /// <summary>The id of the claim's latest history entry (0: none): what a form loaded now has seen.</summary>
    public async Task<long> HistoryMarkAsync(long claimId, CancellationToken cancellationToken = default)
    {
        var key = Key(claimId);
        return await db.AuditEvents.AsNoTracking()
            .Where(a => (a.EntityType == Claim.EntityType || a.EntityType == Claim.LineEntityType) && a.EntityId == key)
            .MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
    }

    public async Task<EditResult> EditAsync(long claimId, ClaimEditInput? edit, EditBasis? basis, Actor actor,
        CancellationToken cancellationToken = default)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var claim = await db.Claims
                .Include(c => c.Lines)
                .Include(c => c.Customer)
                .Include(c => c.Register).ThenInclude(r => r!.Statuses)
                .Include(c => c.Register).ThenInclude(r => r!.Transitions)
                .AsSplitQuery()
                .SingleOrDefaultAsync(c => c.Id == claimId && !c.IsDeleted, cancellationToken);
            if (claim is null)
            {
                return Refused(ClaimOutcome.Refuse(Refusal.NotFound, null, "The claim does not exist."));
            }

            if (basis is not null && !claim.CheckVersion(basis.Version).Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await StaleAsync(claimId, basis, cancellationToken);
            }

            var (draft, errors) = ClaimEditValidator.Validate(claim, claim.Register!.Kind, edit?.CustomerCode ?? claim.Customer?.Code, edit,
                clock.Today);
            Core.Customers.Customer? customer = null;
            if (draft?.NewCustomerCode is { } code)
            {
                customer = await db.Customers.SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
                if (customer is null)
                {
                    (draft, errors) = (null, [new FieldError("customer.code", "There is no customer with the code {0} in master data.", code)]);
                }
            }

            if (draft is { Added.Count: > 0 } withAdded)
            {
                // Items added are filled from master data as at intake: product, price and date from the sale they name.
                var (enriched, enrichErrors) = await enrichment.EnrichAsync(withAdded.Claim with
                {
                    Lines = withAdded.Added,
                    CustomerCode = customer?.Code ?? claim.Customer?.Code,
                    CustomerType = customer?.Type ?? claim.CustomerType,
                    ReceivedAt = claim.ReceivedAt,
                }, cancellationToken);
                (draft, errors) = enriched is null
                    ? (null, [.. enrichErrors.Select(e => e.Field.StartsWith("lines[", StringComparison.Ordinal) ? e with { Field = "newLines" + e.Field[5..] } : e)])
                    : (withAdded with { Added = enriched.Lines }, errors);
            }

            if (draft is null)
            {
                return new EditResult(ClaimOutcome.Refuse(Refusal.Invalid, errors.Count > 0 ? errors[0].Field : null, "Check the fields marked."), errors, [],
                    claim.Version, 0);
            }

            var log = new ChangeLog();
            var outcome = claim.Edit(claim.Register.Workflow, draft, customer, actor, clock.UtcNow, log);
            if (!outcome.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                if (outcome.Refusal == Refusal.Forbidden)
                {
                    db.ChangeTracker.Clear();
                    audit.Record(new Change(Claim.EntityType, Key(claimId), RefusedAction, outcome.Field), actor);
                    await db.SaveChangesAsync(cancellationToken);
                }

                return Refused(outcome);
            }

            try
            {
                await dispatcher.SaveAsync([claim], new ClaimChangeContext(actor, clock.UtcNow, log), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new EditResult(outcome, [], [], claim.Version, 0);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone saved between the check above and this save: nothing of this edit is kept.
                await transaction.RollbackAsync(cancellationToken);
            }
        }

        db.ChangeTracker.Clear();
        return await StaleAsync(claimId, basis ?? new EditBasis(-1), cancellationToken);
    }

    /// <summary>
    /// The refusal of a stale edit, naming what others changed since it was based: the history entries after the form's
    /// mark, or, for an API call that sent only the version, those of the changes that made the versions it missed
    /// (told apart by who made them and when).
    /// </summary>
    private async Task<EditResult> StaleAsync(long claimId, EditBasis basis, CancellationToken cancellationToken)
    {
        var key = Key(claimId);
        var now = await db.Claims.AsNoTracking().Where(c => c.Id == claimId).Select(c => c.Version).SingleAsync(cancellationToken);
        var entries = await db.AuditEvents.AsNoTracking()
            .Where(a => (a.EntityType == Claim.EntityType || a.EntityType == Claim.LineEntityType) && a.EntityId == key
                && (basis.HistoryMark == null || a.Id > basis.HistoryMark))
            .OrderByDescending(a => a.Id)
            .Take(basis.HistoryMark == null ? 500 : 2_000)
            .Select(a => new { a.Id, Entry = new HistoryEntry(a.At, a.ActorType, a.ActorName, a.EntityType, a.Action, a.Field, a.OldValue, a.NewValue, a.RemoteAddress) })
            .ToListAsync(cancellationToken);
        var changes = entries.Where(e => !e.Entry.Action.EndsWith("_refused", StringComparison.Ordinal)
            && e.Entry.Action != Deadlines.ClaimDeadlines.ChangedAction).ToList();
        if (basis.HistoryMark is null)
        {
            changes = Missed(changes.Select(c => (c.Id, c.Entry)).ToList(), Math.Max(1, now - basis.Version))
                .Select(c => new { c.Id, Entry = c.Entry }).ToList();
        }

        var mark = entries.Count > 0 ? entries.Max(e => e.Id) : basis.HistoryMark ?? 0;
        return new EditResult(ClaimOutcome.Refuse(Refusal.Conflict, "version", "Someone else changed the claim meanwhile. Reload it and try again."),
            [], [.. changes.OrderBy(c => c.Id).Select(c => c.Entry)], now, mark);
    }

    /// <summary>The entries (newest first) of the last <paramref name="count"/> changes: runs of one actor's entries close in time.</summary>
    private static IEnumerable<(long Id, HistoryEntry Entry)> Missed(List<(long Id, HistoryEntry Entry)> newestFirst, int count)
    {
        var runs = 0;
        HistoryEntry? previous = null;
        foreach (var (id, entry) in newestFirst)
        {
            if (previous is null || previous.ActorType != entry.ActorType || previous.ActorName != entry.ActorName
                || (previous.At - entry.At).Duration() > TimeSpan.FromSeconds(2))
            {
                if (++runs > count)
                {
                    yield break;
                }
            }

            previous = entry;
            yield return (id, entry);
        }
    }

    private static EditResult Refused(ClaimOutcome outcome) => new(outcome, [], [], 0, 0);

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
