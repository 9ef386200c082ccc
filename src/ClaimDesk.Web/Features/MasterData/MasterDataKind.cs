using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.MasterData;

public enum UpsertResult
{
    Created,
    Updated,
    Unchanged,
    Refused,
}

/// <summary>What became of one record: created, updated, unchanged, or refused with its field errors.</summary>
public sealed record UpsertOutcome(UpsertResult Result, string? Key, IReadOnlyList<FieldError> Errors)
{
    public static UpsertOutcome Refuse(string? key, IReadOnlyList<FieldError> errors) => new(UpsertResult.Refused, key, errors);

    public static UpsertOutcome Applied(bool created, bool changed, string key) =>
        new(created ? UpsertResult.Created : changed ? UpsertResult.Updated : UpsertResult.Unchanged, key, []);
}

/// <summary>A record to upsert: its key from the address of a PUT (null for an import, which reads it from the record).</summary>
public sealed record UpsertItem<TData>(string? Key, TData? Data);

/// <summary>
/// One kind of master data (customers, suppliers, products, sales documents): how a batch of records is checked, its
/// references looked up and applied to tracked entities, how the kind is read back, and its CSV columns.
/// <see cref="MasterDataWriter"/> runs <see cref="ApplyAsync"/> in a transaction and saves.
/// </summary>
public abstract class MasterDataKind<TData, TDto>
    where TData : class
    where TDto : class
{
    /// <summary>The path segment under <c>/api/v1</c>: <c>customers</c>.</summary>
    public abstract string Route { get; }

    /// <summary>The name of the key field: <c>code</c>, or <c>number</c> for sales documents.</summary>
    public abstract string KeyField { get; }

    /// <summary>The entity type of the kind's audit events (<c>customer</c>, <c>sales_document</c>); their id is the key.</summary>
    public abstract string EntityType { get; }

    /// <summary>The field checks of <see cref="ApplyAsync"/> that need no database (references to other records are not checked).</summary>
    public abstract IReadOnlyList<FieldError> Check(string? key, TData data);

    /// <summary>The CSV columns an import understands, named as the JSON fields; <see cref="KeyField"/> is required.</summary>
    public abstract IReadOnlyList<string> CsvColumns { get; }

    /// <summary>
    /// Checks the items, looks up what exists and what they refer to (one query each, for the whole batch), and applies
    /// them in order: a key repeated in the batch updates what its first occurrence created. Nothing is saved here;
    /// every change goes into <paramref name="log"/>.
    /// </summary>
    public abstract Task<List<UpsertOutcome>> ApplyAsync(
        AppDbContext db, IReadOnlyList<UpsertItem<TData>> items, DateTime now, ChangeLog log, CancellationToken cancellationToken);

    public abstract Task<TDto?> GetAsync(AppDbContext db, string key, CancellationToken cancellationToken);

    public abstract Task<MasterDataPage<TDto>> ListAsync(AppDbContext db, MasterDataFilter filter, CancellationToken cancellationToken);

    /// <summary>One CSV row as a record; values that do not parse become field errors (named as the columns).</summary>
    public abstract TData FromCsv(CsvRow row, List<FieldError> errors);

    /// <summary>One page of a query already filtered and sorted, projected to the kind's DTO, with the total count.</summary>
    protected static async Task<MasterDataPage<TDto>> PageAsync<TEntity>(
        IQueryable<TEntity> sorted, Func<IQueryable<TEntity>, IQueryable<TDto>> project, MasterDataFilter filter, CancellationToken cancellationToken)
    {
        var total = await sorted.CountAsync(cancellationToken);
        var items = await project(sorted.Skip(filter.Skip).Take(filter.PageSize)).ToListAsync(cancellationToken);
        return new MasterDataPage<TDto>(items, filter.Page, filter.PageSize, total);
    }

    /// <summary>How many lines a record holds, so that batches stay about the same size (sales documents: their lines).</summary>
    public virtual int Weight(TData? data) => 1;

    /// <summary>Whether a record may span several CSV rows (see <see cref="Merge"/>).</summary>
    public virtual bool RecordSpansRows => false;

    /// <summary>
    /// Whether a CSV record belongs with the one before it (a sales document's next line): it is then merged into it
    /// instead of starting a record of its own. Null when it does not.
    /// </summary>
    public virtual TData? Merge(TData current, TData following, List<FieldError> errors) => null;
}

/// <summary>A page of a master-data list, paged and sorted by key in SQL.</summary>
public sealed record MasterDataPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record MasterDataFilter(string? Search, DateTime? UpdatedSince, string? Customer, int Page, int PageSize)
{
    public const int MaxPageSize = 500;

    public int Skip => (Page - 1) * PageSize;
}
