using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Notifications;

/// <summary>An entry of the notification centre as the list shows it; <see cref="At"/> in the organisation's time zone.</summary>
public sealed record NotificationRow(long Id, string Title, string Body, string? Link, DateTime At, bool IsRead);

/// <summary>A staff user's notification centre: the unread count of the bell, the paged list, marking read.</summary>
public sealed class NotificationCenter(Data.AppDbContext db, OrganisationClock clock)
{
    public const int PageSize = 20;

    public Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken = default) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    /// <summary>One page of the user's notifications, newest first, paged in SQL; with the total for the pager.</summary>
    public async Task<(IReadOnlyList<NotificationRow> Rows, int Total)> PageAsync(
        string userId, bool unreadOnly, int page, CancellationToken cancellationToken = default)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId && (!unreadOnly || n.ReadAt == null));
        var total = await mine.CountAsync(cancellationToken);
        var rows = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize)
            .Select(n => new { n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt })
            .ToListAsync(cancellationToken);
        return ([.. rows.Select(n => new NotificationRow(n.Id, n.Title, n.Body, n.Link, clock.ToLocal(n.CreatedAt), n.ReadAt is not null))], total);
    }

    /// <summary>Marks one of the user's notifications read; returns its link (null when it is not the user's).</summary>
    public async Task<(bool Found, string? Link)> MarkReadAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        var notification = await db.Notifications.AsNoTracking().Where(n => n.Id == id && n.UserId == userId)
            .Select(n => new { n.Link }).SingleOrDefaultAsync(cancellationToken);
        if (notification is null)
        {
            return (false, null);
        }

        await db.Notifications.Where(n => n.Id == id && n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        return (true, notification.Link);
    }

    /// <summary>Marks every unread notification of the user read; returns how many.</summary>
    public Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        return db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
