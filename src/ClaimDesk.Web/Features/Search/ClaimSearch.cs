using System.Runtime.CompilerServices;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClaimDesk.Web.Features.Search;

/// <summary>One claim's searchable text, folded (<see cref="SearchText"/>); the database's full-text index covers it.</summary>
public sealed class ClaimSearchDocument
{
    public long ClaimId { get; set; }

    public string Document { get; set; } = "";

    public DateTime IndexedAt { get; set; }
}

/// <summary>
/// Full-text search over claims (DESIGN §3.4): numbers, reference numbers, customer, contact, serial numbers, products,
/// descriptions, custom field values (a choice by its code and its labels) and the thread's messages, active and
/// archived alike. Each claim's text is folded in .NET and kept in
/// <c>claim_search</c>; SQLite indexes it with an FTS5 table (<c>fts_claim_search</c>, kept in step by triggers),
/// PostgreSQL with a GIN index on <c>to_tsvector('simple', document)</c>. Both are declared in the schema scripts only:
/// EF cannot describe them, which is why their names start with <c>fts_</c>.
/// </summary>
public static class ClaimSearch
{
    /// <summary>The ids of the claims whose text holds every phrase of <paramref name="query"/>, as a subquery.</summary>
    /// <param name="db">The context the subquery is composed into.</param>
    /// <param name="provider">The database: PostgreSQL's tsquery or SQLite's FTS5 MATCH.</param>
    /// <param name="query">What was typed; quoted words are one phrase, the last word of a phrase a prefix.</param>
    /// <param name="few">
    /// The caller knows the query matches few claims (the grid counted them). On PostgreSQL the ids are then collected
    /// first, once (<c>unnest(ARRAY(…))</c> is an init plan the planner cannot turn inside out): otherwise, for a list
    /// sorted by date, it may walk the claims newest first and test each one's text, which costs a
    /// <c>to_tsvector</c> per claim it passes and takes seconds when only one claim in a thousand matches.
    /// </param>
    public static IQueryable<long> Matching(AppDbContext db, DatabaseProvider provider, string query, bool few = false)
    {
        var phrases = SearchText.Phrases(query);
        if (phrases.Count == 0)
        {
            return db.ClaimSearch.Where(_ => false).Select(d => d.ClaimId);
        }

        if (provider == DatabaseProvider.Postgres)
        {
            var tsquery = string.Join(" & ", phrases.Select(p => "(" + string.Join(" <-> ", p.Select((w, i) => i == p.Count - 1 ? $"{w}:*" : w)) + ")"));
            return few
                ? db.Database.SqlQuery<long>(
                    $"SELECT unnest(ARRAY(SELECT claim_id FROM claim_search WHERE to_tsvector('simple', document) @@ to_tsquery('simple', {tsquery}))) AS \"Value\"")
                : db.Database.SqlQuery<long>(
                    $"SELECT claim_id AS \"Value\" FROM claim_search WHERE to_tsvector('simple', document) @@ to_tsquery('simple', {tsquery})");
        }

        var match = string.Join(" AND ", phrases.Select(p => $"\"{string.Join(' ', p)}\"*"));
        return db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM fts_claim_search WHERE fts_claim_search MATCH {match}");
    }

    /// <summary>The document of a claim held in memory (a new one: its lines and customer given, its messages too).</summary>
    public static string DocumentOf(Claim claim, Core.Customers.Customer? customer, IEnumerable<ClaimLine> lines, IEnumerable<string> messages) =>
        SearchText.Document([
            claim.Number, claim.ContactName, claim.ContactEmail, claim.ContactPhone, claim.Description,
            customer?.Name, customer?.Code, customer?.TaxId, customer?.Email,
            .. lines.SelectMany(l => new[]
            {
                l.ReferenceNumber, l.ProductCode, l.ProductName, l.Ean, l.SerialNumber, l.SalesDocumentNumber,
                l.FaultDescription, l.Diagnosis, l.DecisionReason,
            }),
            .. messages,
            .. claim.CustomValues.SelectMany(v => new[] { v.Value, v.SearchLabels }),
        ]);

    /// <summary>Writes the current text of these claims into the index, on the context's connection and transaction.</summary>
    public static async Task RefreshAsync(AppDbContext db, IReadOnlyCollection<long> claimIds, DateTime now, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in claimIds.Distinct().Chunk(200))
        {
            var claims = await db.Claims.AsNoTracking().Where(c => chunk.Contains(c.Id))
                .Select(c => new
                {
                    c.Id,
                    Parts = new[] { c.Number, c.ContactName, c.ContactEmail, c.ContactPhone, c.Description },
                    Customer = c.Customer == null ? null : new[] { c.Customer.Name, c.Customer.Code, c.Customer.TaxId, c.Customer.Email },
                })
                .ToListAsync(cancellationToken);
            var lines = (await db.ClaimLines.AsNoTracking().Where(l => chunk.Contains(l.ClaimId))
                .Select(l => new
                {
                    l.ClaimId,
                    Parts = new[]
                    {
                        l.ReferenceNumber, l.ProductCode, l.ProductName, l.Ean, l.SerialNumber, l.SalesDocumentNumber,
                        l.FaultDescription, l.Diagnosis, l.DecisionReason,
                    },
                })
                .ToListAsync(cancellationToken)).ToLookup(l => l.ClaimId, l => l.Parts);
            var messages = (await db.ClaimMessages.AsNoTracking().Where(m => chunk.Contains(m.ClaimId))
                .Select(m => new { m.ClaimId, m.Body }).ToListAsync(cancellationToken)).ToLookup(m => m.ClaimId, m => m.Body);
            var values = (await db.ClaimCustomValues.AsNoTracking().Where(v => chunk.Contains(v.ClaimId))
                .Join(db.CustomFields, v => v.FieldId, f => f.Id, (v, f) => new { v.ClaimId, v.Value, Field = f })
                .ToListAsync(cancellationToken))
                .ToLookup(v => v.ClaimId, v => v.Field.Type == Core.CustomFields.CustomFieldType.Choice
                    ? string.Join(' ', v.Field.Choices.Where(c => c.Code == v.Value).Select(c => $"{c.Code} {c.Label.En} {c.Label.Pl} {c.Label.Cs}"))
                    : v.Value);
            foreach (var claim in claims)
            {
                var document = SearchText.Document([.. claim.Parts, .. claim.Customer ?? [], .. lines[claim.Id].SelectMany(p => p), .. messages[claim.Id],
                    .. values[claim.Id]]);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO claim_search (claim_id, document, indexed_at) VALUES ({claim.Id}, {document}, {now})
                    ON CONFLICT (claim_id) DO UPDATE SET document = excluded.document, indexed_at = excluded.indexed_at
                    """, cancellationToken);
            }
        }
    }

    /// <summary>Indexes every claim that has no search document yet (after a bulk load that bypassed EF); returns how many.</summary>
    public static async Task<int> IndexMissingAsync(AppDbContext db, DateTime now, CancellationToken cancellationToken = default)
    {
        var count = 0;
        long after = 0;
        while (true)
        {
            var ids = await db.Claims.AsNoTracking().Where(c => c.Id > after && !db.ClaimSearch.Any(d => d.ClaimId == c.Id))
                .OrderBy(c => c.Id).Select(c => c.Id).Take(1000).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return count;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await RefreshAsync(db, ids, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            count += ids.Count;
            after = ids[^1];
        }
    }
}

/// <summary>
/// Keeps the search index in step with every change saved through EF, in the same transaction, so the index never
/// lags behind a committed change and a rolled-back change leaves no trace in it.
/// <list type="bullet">
/// <item>A new claim (all its lines are being added) gets its document built from the entities in memory and added to
/// the same SaveChanges: no extra round trip on the path every claim takes.</item>
/// <item>Any other change that touches indexed text (a message, a custom value, a line's or the claim's searchable fields) re-indexes the
/// claim from the database right after the save. Status changes and the like touch no indexed text and cost nothing.</item>
/// </list>
/// </summary>
public sealed class ClaimSearchInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> ClaimText =
        [nameof(Claim.Number), nameof(Claim.ContactName), nameof(Claim.ContactEmail), nameof(Claim.ContactPhone), nameof(Claim.Description), nameof(Claim.CustomerId)];

    private static readonly HashSet<string> LineText =
    [
        nameof(ClaimLine.ReferenceNumber), nameof(ClaimLine.ProductCode), nameof(ClaimLine.ProductName), nameof(ClaimLine.Ean),
        nameof(ClaimLine.SerialNumber), nameof(ClaimLine.SalesDocumentNumber), nameof(ClaimLine.FaultDescription),
        nameof(ClaimLine.Diagnosis), nameof(ClaimLine.DecisionReason),
    ];

    private readonly ConditionalWeakTable<DbContext, List<long>> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db)
        {
            Prepare(db);
        }

        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db)
        {
            Prepare(db);
            if (_pending.TryGetValue(db, out _))
            {
                throw new InvalidOperationException("Claims are saved asynchronously: a synchronous SaveChanges would skip the search index.");
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db && _pending.TryGetValue(db, out var ids))
        {
            _pending.Remove(db);
            await ClaimSearch.RefreshAsync(db, ids, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Prepare(AppDbContext db)
    {
        var tracker = db.ChangeTracker;
        // Interceptors run before SaveChanges looks for changes itself: lines just put into a claim's list count too.
        // Looked for once: each Entries() below would look again, a pass over everything tracked.
        if (!tracker.AutoDetectChangesEnabled)
        {
            PrepareDetected(db);
            return;
        }

        tracker.DetectChanges();
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            PrepareDetected(db);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = true;
        }
    }

    private void PrepareDetected(AppDbContext db)
    {
        var tracker = db.ChangeTracker;

        var refresh = new HashSet<long>();
        var indexedNow = new HashSet<long>();
        var added = tracker.Entries<ClaimLine>().Where(e => e.State == EntityState.Added).GroupBy(e => e.Entity.ClaimId);
        foreach (var group in added)
        {
            var claim = tracker.Entries<Claim>().FirstOrDefault(e => e.Entity.Id == group.Key)?.Entity;
            if (claim is not null && claim.Lines.Count == group.Count() && claim.Lines.All(l => group.Any(e => e.Entity == l)))
            {
                // Every line of the claim is new: so is the claim, and nothing of it is in the index yet.
                var customer = claim.Customer
                    ?? tracker.Entries<Core.Customers.Customer>().FirstOrDefault(e => e.Entity.Id == claim.CustomerId)?.Entity;
                indexedNow.Add(claim.Id);
                db.ClaimSearch.Add(new ClaimSearchDocument
                {
                    ClaimId = claim.Id,
                    Document = ClaimSearch.DocumentOf(claim, customer, claim.Lines, []),
                    IndexedAt = clock.GetUtcNow().UtcDateTime,
                });
            }
            else
            {
                refresh.Add(group.Key);
            }
        }

        foreach (var entry in tracker.Entries())
        {
            switch (entry.Entity)
            {
                case Claim claim when entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && ClaimText.Contains(p.Metadata.Name)):
                    refresh.Add(claim.Id);
                    break;
                case ClaimLine line when entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && LineText.Contains(p.Metadata.Name)):
                    refresh.Add(line.ClaimId);
                    break;
                case ClaimMessage message when entry.State is EntityState.Added or EntityState.Modified:
                    refresh.Add(message.ClaimId);
                    break;
                case Core.CustomFields.ClaimCustomValue value when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                    && !indexedNow.Contains(value.ClaimId):
                    refresh.Add(value.ClaimId);
                    break;
            }
        }

        refresh.Remove(0);
        if (refresh.Count > 0)
        {
            _pending.AddOrUpdate(db, [.. refresh]);
        }
    }
}
