using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.CustomFields;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The claim actions shared by the staff pages and the API: one transaction each, the domain method deciding, every
/// change audited in that transaction. A refused attempt that a role was not allowed is audited too, on its own.
/// </summary>
public sealed class ClaimCommands(
    AppDbContext db, ClaimNumbering numbering, AuditTrail audit, OrganisationClock clock, Notifications.Notifier notifier,
    Deadlines.ClaimDeadlines deadlines, ClaimLineEnrichment enrichment,
    Webhooks.WebhookPublisher webhooks, Intake.ClaimAcknowledgement acknowledgement, ClaimOpening opening,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    private const string RegistersKey = "claims.registers";

    /// <summary>How long the registers' numbering, kind and initial status are read from memory; their editors forget them at once.</summary>
    public static readonly TimeSpan RegistersCacheTime = TimeSpan.FromSeconds(10);

    /// <summary>Makes the next claim read the registers again (after a register was created or changed).</summary>
    public static void ForgetRegisters(Microsoft.Extensions.Caching.Memory.IMemoryCache cache) => cache.Remove(RegistersKey);

    /// <summary>
    /// Records a claim; <paramref name="receivedAt"/> is when it reached the company when that was earlier than now
    /// (a letter opened today; the demo data's history), and the deadlines run from it. In a register that
    /// acknowledges intake the claimant is e-mailed the acknowledgement in the same transaction, unless
    /// <paramref name="acknowledge"/> is false (the demo data's history, which writes to nobody).
    /// </summary>
    public async Task<(Claim? Claim, IReadOnlyList<FieldError> Errors)> CreateAsync(
        ClaimInput? input, Actor actor, DateTime? receivedAt = null, bool acknowledge = true, CancellationToken cancellationToken = default)
    {
        // One connection for the look-ups and the transaction: taking it from the pool once, not for each query.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await CheckAndCreateAsync(input, actor, receivedAt, acknowledge, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>What a new claim needs of its register, read once: what it holds (for the checks), numbering, initial status.</summary>
    private sealed record TargetRegister(int Id, Core.Registers.RegisterKind Kind, string NumberingPattern, bool AcknowledgesIntake, string? Initial);

    /// <summary>
    /// The register a new claim goes to, from the registers read at most <see cref="RegistersCacheTime"/> ago (a
    /// round trip less per claim); a code not among them is looked up again, so a register just made elsewhere is found.
    /// </summary>
    private async Task<TargetRegister?> TargetRegisterAsync(string? code, CancellationToken cancellationToken)
    {
        var registers = await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, RegistersKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = RegistersCacheTime;
            return ReadRegistersAsync(cancellationToken);
        });
        var found = code is null
            ? registers!.Where(r => r.Target.Kind == Core.Registers.RegisterKind.Complaints).Select(r => r.Target).FirstOrDefault()
            : registers!.Where(r => r.Code == code).Select(r => r.Target).FirstOrDefault();
        if (found is null && code is not null)
        {
            ForgetRegisters(cache);
            found = (await ReadRegistersAsync(cancellationToken)).Where(r => r.Code == code).Select(r => r.Target).FirstOrDefault();
        }

        return found;
    }

    private async Task<List<(string Code, TargetRegister Target)>> ReadRegistersAsync(CancellationToken cancellationToken) =>
        [.. (await db.Registers.AsNoTracking()
            .OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Code,
                Target = new TargetRegister(r.Id, r.Kind, r.NumberingPattern, r.AcknowledgesIntake,
                    r.Statuses.Where(s => s.IsInitial && !s.HiddenFromQueues).OrderBy(s => s.SortOrder).Select(s => s.Code).FirstOrDefault()),
            })
            .ToListAsync(cancellationToken)).Select(r => (r.Code, r.Target))];

    private async Task<(Claim? Claim, IReadOnlyList<FieldError> Errors)> CheckAndCreateAsync(
        ClaimInput? input, Actor actor, DateTime? receivedAt, bool acknowledge, CancellationToken cancellationToken)
    {
        // A claim that names no register is a customer complaint: it goes to the first register of that kind.
        var registerCode = input?.Register is { } named && !string.IsNullOrWhiteSpace(named) ? named.Trim() : null;
        var target = await TargetRegisterAsync(registerCode, cancellationToken);
        var (draft, errors) = ClaimValidator.Validate(input, clock.Today, productFromErp: true, target?.Kind ?? Core.Registers.RegisterKind.Complaints);
        if (draft?.SupplierCode is { } supplierCode)
        {
            var supplierId = await db.Suppliers.AsNoTracking().Where(s => s.Code == supplierCode)
                .Select(s => (long?)s.Id).SingleOrDefaultAsync(cancellationToken);
            (draft, errors) = supplierId is null
                ? (null, [new FieldError("supplier.code", "There is no supplier with the code {0} in master data.", supplierCode)])
                : (draft! with { SupplierId = supplierId }, errors);
        }

        if (draft is not null && receivedAt is { } received && received < clock.UtcNow)
        {
            draft = draft with { ReceivedAt = received };
        }

        if (draft is { } valid)
        {
            (draft, errors) = await enrichment.EnrichAsync(valid, cancellationToken);
        }

        // Custom values are checked against the register's fields with the rest, so every problem shows at once.
        List<(CustomFieldDefinition Field, CustomFieldParse Value)> customValues = [];
        if (input?.CustomFields is { Count: > 0 } typed)
        {
            var register = input.Register?.Trim() ?? "";
            var fields = await db.CustomFields.AsNoTracking()
                .Where(f => f.IsActive && db.Registers.Any(r => r.Id == f.RegisterId && r.Code == register))
                .ToListAsync(cancellationToken);
            (customValues, var customErrors) = CustomFieldValues.Check(fields, typed);
            errors = [.. errors, .. customErrors];
            if (customErrors.Count > 0)
            {
                draft = null;
            }
        }

        if (draft is null)
        {
            return (null, errors);
        }

        return await CreateAsync(draft, target, customValues, actor, acknowledge, cancellationToken);
    }

    private async Task<(Claim? Claim, IReadOnlyList<FieldError> Errors)> CreateAsync(
        ClaimDraft draft, TargetRegister? register, List<(CustomFieldDefinition Field, CustomFieldParse Value)> customValues, Actor actor,
        bool acknowledge, CancellationToken cancellationToken)
    {
        if (register?.Initial is null)
        {
            return (null, [new FieldError("register", "There is no register '{0}'.", draft.RegisterCode)]);
        }

        // Read and worked out before the number's counter row is locked, so the lock is not held for it.
        var plan = await opening.PrepareAsync(cancellationToken);
        var now = clock.UtcNow;
        var tier = draft.CustomerCode is null ? null
            : await db.Customers.AsNoTracking().Where(c => c.Code == draft.CustomerCode).Select(c => c.Tier).SingleOrDefaultAsync(cancellationToken);
        var planned = await deadlines.PlanForNewClaimAsync(Claim.Open(register.Id, register.Initial, draft, "", now), tier, cancellationToken);

        // The transaction is all or nothing: a failed save ends it, so EF's savepoints around each SaveChanges (a
        // round trip each on PostgreSQL) buy nothing here.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var customer = await FindOrAddCustomerAsync(draft, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            // The number's counter row stays locked from here to the commit, serialising every creation in the
            // register: only the claim, its lines and the audit events are written while it is held.
            var log = new ChangeLog();
            var claim = await OpenNumberedAsync(register.Id, register.NumberingPattern, register.Initial, draft, customer,
                now, log, cancellationToken, opened => (opened.Jurisdiction, opened.NextDueAt) = (planned.Jurisdiction, planned.NextDueAt));
            // Quantities claimed of a sales-document line are checked again under the lock: nothing can slip in now.
            if (await enrichment.RecheckQuantitiesAsync(claim, cancellationToken) is { Count: > 0 } overClaimed)
            {
                return (null, overClaimed);
            }

            foreach (var (field, value) in customValues)
            {
                claim.SetCustomValue(field, value, log);
            }

            await opening.AssignAsync(claim, customer, log, now, cancellationToken);
            if (acknowledge && register.AcknowledgesIntake)
            {
                acknowledgement.Queue(claim, log);
            }

            audit.Record(log, actor);
            deadlines.StorePlanned(claim, planned, actor);
            await opening.AnnounceAsync(plan, claim, actor, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (claim, []);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>
    /// Numbers a new claim and saves it inside the caller's transaction (the number's counter row stays locked until
    /// that transaction ends). Only the claim row is written here, for its id; its lines and the creation's changes,
    /// put into <paramref name="log"/>, go with the caller's next SaveChanges, in one batch with the audit events.
    /// </summary>
    public async Task<Claim> OpenNumberedAsync(int registerId, string numberingPattern, string initialStatus, ClaimDraft draft,
        Customer? customer, DateTime now, ChangeLog log, CancellationToken cancellationToken, Action<Claim>? prepare = null)
    {
        var number = await numbering.NextAsync(registerId, numberingPattern, cancellationToken);
        var claim = Claim.Open(registerId, initialStatus, draft, number, now);
        claim.Customer = customer;
        prepare?.Invoke(claim);
        List<ClaimLine> lines = [.. claim.Lines];
        claim.Lines.Clear();
        db.Claims.Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        claim.Lines.AddRange(lines);
        claim.RecordCreation(log);
        return claim;
    }

    /// <summary>
    /// Moves the claim; custom values sent along (those the move asks for) are set first, in the same transaction, so a
    /// refused move keeps none of them.
    /// </summary>
    public Task<ClaimOutcome> TransitionAsync(long claimId, string to, TransitionInput input, Actor actor,
        CancellationToken cancellationToken = default) =>
        TransitionAsync(claimId, to, input, null, actor, cancellationToken);

    /// <inheritdoc cref="TransitionAsync(long, string, TransitionInput, Actor, CancellationToken)"/>
    public Task<ClaimOutcome> TransitionAsync(long claimId, string to, TransitionInput input, IReadOnlyDictionary<string, string?>? customValues,
        Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(claimId, actor, (claim, log) =>
            {
                if (customValues is { Count: > 0 })
                {
                    var set = claim.SetCustomValues(claim.Register!.CustomFields, customValues, clock.UtcNow, log);
                    if (!set.Succeeded)
                    {
                        return set;
                    }
                }

                return claim.MoveTo(claim.Register!.Workflow, to, input, actor, clock.UtcNow, log, claim.Register.CustomFields);
            },
            refused => new Change(Claim.EntityType, Id(claimId), "transition_refused", "status", refused.Status, to), cancellationToken,
            (claim, _) => notifier.NotifyAsync(Notifications.NotificationEvent.StatusChanged, Notifications.ClaimRef.Of(claim),
                actorUserId: Notifications.Notifier.UserOf(actor), cancellationToken: cancellationToken));

    public Task<ClaimOutcome> DecideLineAsync(long claimId, int lineNo, LineDecision decision, string? reason, Actor actor,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(claimId, actor, (claim, log) => claim.DecideLine(claim.Register!.Workflow, lineNo, decision, reason, actor, clock.UtcNow, log),
            _ => new Change(Claim.LineEntityType, Id(claimId), "decision_refused", $"line {lineNo} decision", null, Core.Common.Codes.Of(decision)),
            cancellationToken);

    /// <summary>Assigns the claim to a staff user (null: to nobody); the user must exist, be active and hold a staff role.</summary>
    public async Task<ClaimOutcome> AssignAsync(long claimId, string? assigneeId, Actor actor, CancellationToken cancellationToken = default)
    {
        var staff = await StaffNamesAsync(cancellationToken);
        if (assigneeId is not null && !staff.ContainsKey(assigneeId))
        {
            return ClaimOutcome.Refuse(Refusal.Invalid, "assignee", "Choose an active staff member.");
        }

        return await ChangeAsync(claimId, actor,
            (claim, log) => claim.Assign(assigneeId, assigneeId is null ? null : staff[assigneeId],
                claim.AssigneeId is { } previous && staff.TryGetValue(previous, out var name) ? name : claim.AssigneeId, actor, clock.UtcNow, log),
            _ => new Change(Claim.EntityType, Id(claimId), "assign_refused", "assignee", null, assigneeId is null ? null : staff[assigneeId]),
            cancellationToken,
            (claim, log) => log.Changes.Count > 0 && claim.AssigneeId is not null
                ? notifier.NotifyAsync(Notifications.NotificationEvent.Assigned, Notifications.ClaimRef.Of(claim),
                    actorUserId: Notifications.Notifier.UserOf(actor), cancellationToken: cancellationToken)
                : Task.FromResult(0));
    }

    /// <summary>Active users holding a staff role, by id, with their display names.</summary>
    public Task<Dictionary<string, string>> StaffNamesAsync(CancellationToken cancellationToken = default) =>
        StaffNamesAsync(db, cancellationToken);

    /// <summary>Active users holding a staff role, by id, with their display names.</summary>
    public static async Task<Dictionary<string, string>> StaffNamesAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var staffRoles = Core.Security.StaffRole.Staff.ToList();
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.Name!))))
            .OrderBy(u => u.DisplayName)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    /// <summary>Sets custom values of the claim by field code (empty clears); each change is audited.</summary>
    public Task<ClaimOutcome> SetCustomValuesAsync(long claimId, IReadOnlyDictionary<string, string?> values, Actor actor,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(claimId, actor, (claim, log) => claim.SetCustomValues(claim.Register!.CustomFields, values, clock.UtcNow, log),
            _ => new Change(Claim.EntityType, Id(claimId), "custom_fields_refused"), cancellationToken);

    public Task<ClaimOutcome> DeleteAsync(long claimId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(claimId, actor, (claim, log) => claim.Delete(actor, clock.UtcNow, log),
            _ => new Change(Claim.EntityType, Id(claimId), "delete_refused"), cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> in one transaction; after a success, <paramref name="notify"/> adds its
    /// notifications (<see cref="Notifications.Notifier"/>) and the webhook events the change amounts to
    /// (<see cref="Webhooks.WebhookPublisher.RaiseChangesAsync"/>) are added to the same unit of work.
    /// </summary>
    private async Task<ClaimOutcome> ChangeAsync(long claimId, Actor actor, Func<Claim, ChangeLog, ClaimOutcome> change,
        Func<Claim, Change> refusal, CancellationToken cancellationToken, Func<Claim, ChangeLog, Task>? notify = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = await db.Claims
            .Include(c => c.Lines)
            .Include(c => c.Register).ThenInclude(r => r!.Statuses)
            .Include(c => c.Register).ThenInclude(r => r!.Transitions)
            .Include(c => c.Register).ThenInclude(r => r!.CustomFields)
            .Include(c => c.CustomValues)
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

        audit.Record(log, actor);
        await deadlines.RecomputeAsync(claim, actor, cancellationToken);
        if (notify is not null)
        {
            await notify(claim, log);
        }

        await webhooks.RaiseChangesAsync(claim, cancellationToken);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, null, "Someone else changed the claim meanwhile. Reload it and try again.");
        }

        return outcome;
    }

    /// <summary>
    /// A customer with the ERP code given is reused; otherwise the claimant becomes a new customer. A claim without a
    /// customer (a pre-sale defect, a claim to a supplier with no customer named) has none.
    /// </summary>
    private async Task<Customer?> FindOrAddCustomerAsync(ClaimDraft draft, CancellationToken cancellationToken)
    {
        if (draft.CustomerCode is null && string.IsNullOrWhiteSpace(draft.CustomerName))
        {
            return null;
        }

        if (draft.CustomerCode is not null
            && await db.Customers.SingleOrDefaultAsync(c => c.Code == draft.CustomerCode, cancellationToken) is { } known)
        {
            return known;
        }

        var customer = new Customer
        {
            Code = draft.CustomerCode,
            Name = draft.CustomerName,
            Type = draft.CustomerType,
            TaxId = draft.CustomerTaxId,
            Email = draft.ContactEmail,
            Phone = draft.ContactPhone,
            CreatedAt = clock.UtcNow,
        };
        db.Customers.Add(customer);
        return customer;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
