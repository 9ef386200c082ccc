using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.CustomFields;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// What a channel decides about the claims it takes in; everything else is the same for every channel.
/// </summary>
public sealed record IntakeChannel
{
    /// <summary>Staff (phone, e-mail, in person), the API and the partner portal: the claim is staff's at once.</summary>
    public static IntakeChannel Staff { get; } = new();

    /// <summary>
    /// The consumer web form: the claims wait for the claimant to confirm them from an e-mail (in the register's status
    /// of that role), one claim per item, an e-mail address required; the product is kept as typed, and the form's own
    /// e-mail acknowledges the claims once confirmed.
    /// </summary>
    public static IntakeChannel WebForm { get; } = new()
    {
        AwaitsConfirmation = true, OneClaimPerLine = true, RequiresEmail = true, UsesErp = false, Acknowledges = false,
    };

    /// <summary>The claims wait for their claimant's confirmation (<see cref="StatusRole.AwaitingConfirmation"/>).</summary>
    public bool AwaitsConfirmation { get; init; }

    /// <summary>Each item becomes a claim of its own, with its own number and deadlines.</summary>
    public bool OneClaimPerLine { get; init; }

    public bool RequiresEmail { get; init; }

    /// <summary>The lines take their product and facts from the ERP's master data and sales documents.</summary>
    public bool UsesErp { get; init; } = true;

    /// <summary>In a register that acknowledges intake, the claimant is e-mailed the acknowledgement.</summary>
    public bool Acknowledges { get; init; } = true;

    /// <summary>When the claim reached the company, when earlier than now (a letter opened today; the demo history).</summary>
    public DateTime? ReceivedAt { get; init; }
}

/// <summary>
/// The one way a claim comes in, for every channel (staff, API, portal, web form): the input is validated (with the ERP's
/// facts and the register's custom fields, every problem at once), the claimant's customer found or added, each claim
/// numbered and opened, and the change saved through the <see cref="ClaimEventDispatcher"/>, so that what follows from
/// a claim opened or become staff's (deadlines, assignment, notifications, webhooks) is done by the features that own
/// it, in the same transaction. The register's number counter stays locked from numbering to the commit.
/// </summary>
public sealed class ClaimIntake(
    AppDbContext db, ClaimNumbering numbering, Infrastructure.OrganisationClock clock, ClaimLineEnrichment enrichment,
    ClaimAcknowledgement acknowledgement, ClaimEventDispatcher dispatcher, IMemoryCache cache, Infrastructure.DatabaseInfo database)
{
    private const string RegistersKey = "intake.registers";

    /// <summary>How long the registers' numbering, kind and entry statuses are read from memory; their editors forget them at once.</summary>
    public static readonly TimeSpan RegistersCacheTime = TimeSpan.FromSeconds(10);

    /// <summary>Makes the next claim read the registers again (after a register was created or changed).</summary>
    public static void ForgetRegisters(IMemoryCache cache) => cache.Remove(RegistersKey);

    /// <summary>
    /// Takes in <paramref name="input"/> on <paramref name="channel"/>; returns the claims opened, or the field errors
    /// and no claim. <paramref name="alongside"/> adds the channel's own rows (the web form's submission and activation
    /// e-mail) to the same transaction, once the claims have their ids.
    /// </summary>
    public async Task<(IReadOnlyList<Claim> Claims, IReadOnlyList<FieldError> Errors)> TakeAsync(
        ClaimInput? input, IntakeChannel channel, Actor actor,
        Func<IReadOnlyList<Claim>, ChangeLog, Task>? alongside = null, CancellationToken cancellationToken = default)
    {
        // One connection for the look-ups and the transaction: taking it from the pool once, not for each query.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var (draft, register, customValues, errors) = await CheckAsync(input, channel, cancellationToken);
            return draft is null ? ([], errors) : await OpenAsync(draft, register!, customValues, channel, actor, alongside, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Takes in one claim (staff, API, portal; the demo history with its own <paramref name="channel"/>).</summary>
    public async Task<(Claim? Claim, IReadOnlyList<FieldError> Errors)> TakeOneAsync(
        ClaimInput? input, Actor actor, IntakeChannel? channel = null, CancellationToken cancellationToken = default)
    {
        var (claims, errors) = await TakeAsync(input, channel ?? IntakeChannel.Staff, actor, cancellationToken: cancellationToken);
        return (claims.Count > 0 ? claims[0] : null, errors);
    }

    /// <summary>What a new claim needs of its register, read once: what it holds, numbering, the statuses it enters in.</summary>
    private sealed record TargetRegister(
        int Id, string Code, RegisterKind Kind, string NumberingPattern, bool AcknowledgesIntake, string? Initial, string? Awaiting);

    private async Task<(ClaimDraft? Draft, TargetRegister? Register, List<(CustomFieldDefinition Field, CustomFieldParse Value)> CustomValues,
        IReadOnlyList<FieldError> Errors)> CheckAsync(ClaimInput? input, IntakeChannel channel, CancellationToken cancellationToken)
    {
        // A claim that names no register is a customer complaint: it goes to the first register of that kind (of those
        // with a status awaiting confirmation, when the channel needs one).
        var registerCode = !channel.AwaitsConfirmation && input?.Register is { } named && !string.IsNullOrWhiteSpace(named) ? named.Trim() : null;
        var target = await TargetRegisterAsync(registerCode, channel.AwaitsConfirmation, cancellationToken);
        var (draft, errors) = ClaimValidator.Validate(channel.AwaitsConfirmation ? input! with { Register = null } : input, clock.Today,
            productFromErp: channel.UsesErp, target?.Kind ?? RegisterKind.Complaints);
        if (draft is not null && channel.RequiresEmail && draft.ContactEmail is null)
        {
            return (null, null, [], [new FieldError("contact.email", "This field is required.")]);
        }

        if (draft is not null && (target is null || (channel.AwaitsConfirmation ? target.Awaiting : target.Initial) is null))
        {
            return (null, null, [], [channel.AwaitsConfirmation
                ? new FieldError("register", "No register of customer complaints has a status awaiting confirmation, so the web form cannot take complaints; give a status that role in the workflow editor.")
                : new FieldError("register", "There is no register '{0}'.", draft.RegisterCode)]);
        }

        if (draft?.SupplierCode is { } supplierCode)
        {
            var supplierId = await db.Suppliers.AsNoTracking().Where(s => s.Code == supplierCode)
                .Select(s => (long?)s.Id).SingleOrDefaultAsync(cancellationToken);
            (draft, errors) = supplierId is null
                ? (null, [new FieldError("supplier.code", "There is no supplier with the code {0} in master data.", supplierCode)])
                : (draft! with { SupplierId = supplierId }, errors);
        }

        if (draft is not null && channel.ReceivedAt is { } received && received < clock.UtcNow)
        {
            draft = draft with { ReceivedAt = received };
        }

        if (draft is { } valid && channel.UsesErp)
        {
            (draft, errors) = await enrichment.EnrichAsync(valid, cancellationToken);
        }

        // Custom values are checked against the register's fields with the rest, so every problem shows at once.
        List<(CustomFieldDefinition Field, CustomFieldParse Value)> customValues = [];
        if (input?.CustomFields is { Count: > 0 } typed)
        {
            // Only a register named has custom fields to fill in; values sent without one are refused as unknown.
            List<CustomFieldDefinition> fields = registerCode is null || target is null ? []
                : await db.CustomFields.AsNoTracking().Where(f => f.IsActive && f.RegisterId == target.Id).ToListAsync(cancellationToken);
            (customValues, var customErrors) = CustomFieldValues.Check(fields, typed);
            errors = [.. errors, .. customErrors];
            if (customErrors.Count > 0)
            {
                draft = null;
            }
        }

        return (draft, target, customValues, errors);
    }

    /// <summary>
    /// The register a new claim goes to, from the registers read at most <see cref="RegistersCacheTime"/> ago (a
    /// round trip less per claim); a code not among them is looked up again, so a register just made elsewhere is found.
    /// </summary>
    private async Task<TargetRegister?> TargetRegisterAsync(string? code, bool awaitsConfirmation, CancellationToken cancellationToken)
    {
        var registers = (await cache.GetOrCreateAsync(RegistersKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = RegistersCacheTime;
            return ReadRegistersAsync(cancellationToken);
        }))!;
        var found = Find(registers, code, awaitsConfirmation);
        if (found is null && code is not null)
        {
            ForgetRegisters(cache);
            found = Find(await ReadRegistersAsync(cancellationToken), code, awaitsConfirmation);
        }

        return found;
    }

    private static TargetRegister? Find(List<TargetRegister> registers, string? code, bool awaitsConfirmation) =>
        code is not null ? registers.FirstOrDefault(r => r.Code == code)
        : registers.FirstOrDefault(r => r.Kind == RegisterKind.Complaints && (!awaitsConfirmation || r.Awaiting is not null));

    private async Task<List<TargetRegister>> ReadRegistersAsync(CancellationToken cancellationToken) =>
        await db.Registers.AsNoTracking()
            .OrderBy(r => r.Id)
            .Select(r => new TargetRegister(r.Id, r.Code, r.Kind, r.NumberingPattern, r.AcknowledgesIntake,
                r.Statuses.Where(s => s.IsInitial && !s.HiddenFromQueues).OrderBy(s => s.SortOrder).Select(s => s.Code).FirstOrDefault(),
                r.Statuses.Where(s => s.Role == StatusRole.AwaitingConfirmation).Select(s => s.Code).FirstOrDefault()))
            .ToListAsync(cancellationToken);

    private async Task<(IReadOnlyList<Claim> Claims, IReadOnlyList<FieldError> Errors)> OpenAsync(
        ClaimDraft draft, TargetRegister register, List<(CustomFieldDefinition Field, CustomFieldParse Value)> customValues,
        IntakeChannel channel, Actor actor, Func<IReadOnlyList<Claim>, ChangeLog, Task>? alongside, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var status = channel.AwaitsConfirmation ? register.Awaiting! : register.Initial!;
        var known = await KnownCustomerAsync(draft, cancellationToken);
        var customer = known ?? NewCustomer(draft);
        List<Claim> claims = [.. (channel.OneClaimPerLine ? draft.Lines.Select(line => draft with { Lines = [line] }) : [draft])
            .Select(one => Claim.Open(register.Id, status, channel.AwaitsConfirmation, one, now))];
        claims.ForEach(claim => claim.AttachCustomer(customer));
        var log = new ChangeLog();
        var context = new ClaimChangeContext(actor, now, log);
        // What follows from the claims' facts (their deadlines) is worked out now, before the number counter is locked,
        // and on PostgreSQL the claims' ids are reserved: then one batch writes each claim with all that names it.
        await dispatcher.PrepareAsync(claims, context, cancellationToken);
        var ids = await ReserveIdsAsync(claims.Count, cancellationToken);
        for (var i = 0; i < ids.Count; i++)
        {
            claims[i].Identified(ids[i]);
        }

        // The transaction is all or nothing: a failed save ends it, so EF's savepoints around each SaveChanges (a
        // round trip each on PostgreSQL) buy nothing here.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (customer is not null && known is null)
            {
                // Saved for its id; each claim then takes it from its customer when it is added.
                db.Customers.Add(customer);
                await db.SaveChangesAsync(cancellationToken);
            }

            // The number's counter row stays locked from here to the commit, serialising every creation in the
            // register: only the claims, their lines and what the handlers add are written while it is held.
            foreach (var claim in claims)
            {
                await SaveNumberedAsync(claim, register, log, cancellationToken);
            }

            foreach (var claim in claims)
            {
                // Quantities claimed of a sales-document line are checked again under the lock: nothing can slip in now.
                if (channel.UsesErp && await enrichment.RecheckQuantitiesAsync(claim, cancellationToken) is { Count: > 0 } overClaimed)
                {
                    return ([], overClaimed);
                }

                foreach (var (field, value) in customValues)
                {
                    claim.SetCustomValue(field, value, log);
                }

                if (channel.Acknowledges && register.AcknowledgesIntake)
                {
                    acknowledgement.Queue(claim, log);
                }
            }

            if (alongside is not null)
            {
                await alongside(claims, log);
            }

            await dispatcher.SaveAsync(claims, context, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (claims, []);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>
    /// Ids for <paramref name="count"/> new claims from the claims' id sequence (PostgreSQL; one round trip, before any
    /// lock is taken); none on SQLite, which gives the id as the claim's row is written.
    /// </summary>
    private async Task<List<long>> ReserveIdsAsync(int count, CancellationToken cancellationToken) =>
        database.Provider == Infrastructure.DatabaseProvider.Postgres
            ? await db.Database.SqlQuery<long>(
                    $"SELECT nextval(pg_get_serial_sequence('claims', 'id')) AS \"Value\" FROM generate_series(1, {count})")
                .ToListAsync(cancellationToken)
            : [];

    /// <summary>
    /// Numbers a new claim inside the caller's transaction (the number's counter row stays locked until that transaction
    /// ends). A claim with its id reserved goes with the caller's next SaveChanges, in one batch with its lines, the
    /// creation's changes (put into <paramref name="log"/>) and what the features add; otherwise its row is saved now,
    /// for its id, and its lines go with that next batch.
    /// </summary>
    private async Task SaveNumberedAsync(Claim claim, TargetRegister register, ChangeLog log, CancellationToken cancellationToken)
    {
        claim.Numbered(await numbering.NextAsync(register.Id, register.NumberingPattern, cancellationToken));
        if (claim.Id > 0)
        {
            db.Claims.Add(claim);
            claim.RecordCreation(log);
            return;
        }

        var lines = claim.SetLinesAside();
        db.Claims.Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        claim.RestoreLines(lines);
        claim.RecordCreation(log);
    }

    /// <summary>The customer with the ERP code given, reused by the claim.</summary>
    private async Task<Customer?> KnownCustomerAsync(ClaimDraft draft, CancellationToken cancellationToken) =>
        draft.CustomerCode is null ? null : await db.Customers.SingleOrDefaultAsync(c => c.Code == draft.CustomerCode, cancellationToken);

    /// <summary>
    /// The claimant as a new customer, when the ERP code given is not known or none is given but a name; a claim without
    /// a customer (a pre-sale defect, a claim to a supplier with no customer named) has none.
    /// </summary>
    private Customer? NewCustomer(ClaimDraft draft) =>
        draft.CustomerCode is null && string.IsNullOrWhiteSpace(draft.CustomerName) ? null : new Customer
        {
            Code = draft.CustomerCode,
            Name = draft.CustomerName,
            Type = draft.CustomerType,
            TaxId = draft.CustomerTaxId,
            Email = draft.ContactEmail,
            Phone = draft.ContactPhone,
            CreatedAt = clock.UtcNow,
        };
}
