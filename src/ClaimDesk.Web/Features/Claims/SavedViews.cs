using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>A named grid view of one user: the grid's query string (filters, columns, sort), so that it is a link.</summary>
public sealed class SavedView
{
    public const int MaxName = 100;
    public const int MaxQuery = 2000;
    public const string EntityType = "saved_view";

    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The query string of <c>/Claims</c> without the page number, e.g. <c>status=new&amp;assignee=me&amp;sort=due</c>.</summary>
    public string Query { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>What became of a save or rename.</summary>
public enum SavedViewResult { Saved, NotFound, NameTaken, Invalid }

/// <summary>A user's own saved views: listed, saved, renamed and deleted only by that user; every change audited.</summary>
public sealed class SavedViews(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<SavedView>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.SavedViews.AsNoTracking().Where(v => v.UserId == userId).OrderBy(v => v.Name).ToListAsync(cancellationToken);

    /// <summary>Saves <paramref name="query"/> under <paramref name="name"/>; a view of that name is overwritten.</summary>
    public async Task<(SavedViewResult Result, long Id)> SaveAsync(string userId, string name, string query, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        query = query.TrimStart('?');
        if (name.Length is 0 or > SavedView.MaxName || query.Length > SavedView.MaxQuery)
        {
            return (SavedViewResult.Invalid, 0);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.UserId == userId && v.Name == name, cancellationToken);
        if (view is null)
        {
            view = new SavedView { UserId = userId, Name = name, Query = query, CreatedAt = now, UpdatedAt = now };
            db.Add(view);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record(SavedView.EntityType, Key(view), "created", "query", null, query);
        }
        else
        {
            audit.RecordChange(SavedView.EntityType, Key(view), "query", view.Query, query);
            view.Query = query;
            view.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (SavedViewResult.Saved, view.Id);
    }

    public async Task<SavedViewResult> RenameAsync(string userId, long id, string name, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > SavedView.MaxName)
        {
            return SavedViewResult.Invalid;
        }

        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.Id == id && v.UserId == userId, cancellationToken);
        if (view is null)
        {
            return SavedViewResult.NotFound;
        }

        if (view.Name != name && await db.SavedViews.AnyAsync(v => v.UserId == userId && v.Name == name, cancellationToken))
        {
            return SavedViewResult.NameTaken;
        }

        audit.RecordChange(SavedView.EntityType, Key(view), "name", view.Name, name);
        view.Name = name;
        view.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return SavedViewResult.Saved;
    }

    public async Task<bool> DeleteAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.Id == id && v.UserId == userId, cancellationToken);
        if (view is null)
        {
            return false;
        }

        db.Remove(view);
        audit.Record(SavedView.EntityType, Key(view), "deleted", "name", view.Name, null);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string Key(SavedView view) => view.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
