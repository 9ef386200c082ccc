using ClaimDesk.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Data;

/// <summary>Seeds the four default registers with their workflows into a database that has none of them.</summary>
public sealed class ReferenceDataSeeder(AppDbContext db)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Registers.Select(r => r.Code).ToListAsync(cancellationToken);
        var missing = DefaultWorkflows.Create().Where(r => !existing.Contains(r.Code)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        db.Registers.AddRange(missing);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node seeded the same registers at the same moment; theirs stand.
            db.ChangeTracker.Clear();
        }
    }
}
