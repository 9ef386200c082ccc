using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.MasterData;

/// <summary>
/// Upserts batches of master data, one transaction per batch: the kind applies the records to tracked entities, every
/// change becomes an audit event (one <c>created</c> event per new entity, one <c>updated</c> event per changed field),
/// and one SaveChanges writes them together. A record identical to what is stored changes nothing, so nothing is
/// written for it. When the database refuses a batch (two callers creating the same key at once), the batch is
/// rolled back and its records are tried one by one, so that one bad record never stops the others.
/// </summary>
public sealed partial class MasterDataWriter(
    AppDbContext db, AuditTrail audit, OrganisationClock clock, Deadlines.ClaimDeadlines deadlines, ILogger<MasterDataWriter> logger,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    public async Task<IReadOnlyList<UpsertOutcome>> UpsertAsync<TData, TDto>(
        MasterDataKind<TData, TDto> kind, IReadOnlyList<UpsertItem<TData>> items, Actor actor, CancellationToken cancellationToken)
        where TData : class
        where TDto : class
    {
        try
        {
            return await UpsertOnceAsync(kind, items, actor, cancellationToken);
        }
        catch (DbUpdateException failure)
        {
            LogBatchRefused(logger, failure, items.Count, kind.Route);
        }
        finally
        {
            // Claims look serial numbers up only while sales data is known: this node learns of new sales data at once.
            Claims.ClaimLineEnrichment.SalesDataChanged(cache);
        }

        var outcomes = new List<UpsertOutcome>(items.Count);
        foreach (var item in items)
        {
            // A second attempt finds what a concurrent caller created meanwhile, and updates it.
            outcomes.Add(await UpsertAloneAsync(kind, item, actor, cancellationToken)
                ?? await UpsertAloneAsync(kind, item, actor, cancellationToken)
                ?? UpsertOutcome.Refuse(item.Key, [new FieldError(kind.KeyField, "The record could not be saved; try it again.")]));
        }

        Claims.ClaimLineEnrichment.SalesDataChanged(cache);
        return outcomes;
    }

    private async Task<UpsertOutcome?> UpsertAloneAsync<TData, TDto>(
        MasterDataKind<TData, TDto> kind, UpsertItem<TData> item, Actor actor, CancellationToken cancellationToken)
        where TData : class
        where TDto : class
    {
        try
        {
            return (await UpsertOnceAsync(kind, [item], actor, cancellationToken))[0];
        }
        catch (DbUpdateException failure)
        {
            LogRecordRefused(logger, failure, kind.Route);
            return null;
        }
    }

    private async Task<IReadOnlyList<UpsertOutcome>> UpsertOnceAsync<TData, TDto>(
        MasterDataKind<TData, TDto> kind, IReadOnlyList<UpsertItem<TData>> items, Actor actor, CancellationToken cancellationToken)
        where TData : class
        where TDto : class
    {
        // The batch is all or nothing, so EF's savepoint around the one SaveChanges buys nothing but a round trip.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        db.ChangeTracker.Clear();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var log = new ChangeLog();
            var outcomes = await kind.ApplyAsync(db, items, clock.UtcNow, log, cancellationToken);
            if (log.Changes.Count > 0)
            {
                audit.Record(log, actor);
                await db.SaveChangesAsync(cancellationToken);
                await deadlines.CustomersChangedAsync(log, actor, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return outcomes;
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information,
        Message = "A batch of {Count} {Kind} was refused by the database; its records are tried one by one")]
    private static partial void LogBatchRefused(ILogger logger, Exception failure, int count, string kind);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "A {Kind} record was refused by the database")]
    private static partial void LogRecordRefused(ILogger logger, Exception failure, string kind);
}
