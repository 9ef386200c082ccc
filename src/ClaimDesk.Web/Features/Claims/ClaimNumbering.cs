using ClaimDesk.Core.Registers;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// Hands out claim numbers: one counter row per register and year, incremented by an upsert inside the caller's
/// transaction. The row stays locked until that transaction ends, so numbers are unique across nodes and gapless:
/// a transaction that rolls back gives its number back.
/// </summary>
public sealed class ClaimNumbering(AppDbContext db, OrganisationClock clock)
{
    public async Task<string> NextAsync(int registerId, string pattern, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A claim number is taken inside the transaction that saves the claim.");
        }

        var today = clock.Today;
        var values = await db.Database.SqlQuery<long>($"""
            INSERT INTO number_sequences (register_id, year, last_value) VALUES ({registerId}, {today.Year}, 1)
            ON CONFLICT (register_id, year) DO UPDATE SET last_value = number_sequences.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(cancellationToken);
        return NumberPattern.Format(pattern, today, values.Single());
    }
}
