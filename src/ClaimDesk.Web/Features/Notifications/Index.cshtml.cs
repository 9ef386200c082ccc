using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Notifications;

/// <summary>My notifications: newest first, paged on the server; open one (marks it read), mark one or all read.</summary>
public sealed class IndexModel(NotificationCenter center, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "unread")]
    public bool UnreadOnly { get; set; }

    public IReadOnlyList<NotificationRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Unread { get; private set; }

    public int PageCount => Math.Max(1, (Total + NotificationCenter.PageSize - 1) / NotificationCenter.PageSize);

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(PageNumber, 1);
        (Rows, Total) = await center.PageAsync(UserId, UnreadOnly, PageNumber, cancellationToken);
        if (PageNumber > PageCount)
        {
            PageNumber = PageCount;
            (Rows, Total) = await center.PageAsync(UserId, UnreadOnly, PageNumber, cancellationToken);
        }

        Unread = await center.UnreadCountAsync(UserId, cancellationToken);
    }

    /// <summary>The bell alone, for htmx to refresh the count now and then.</summary>
    public IActionResult OnGetBell() => Partial("_Bell");

    /// <summary>Marks the notification read and goes to what it is about.</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken cancellationToken)
    {
        var (found, link) = await center.MarkReadAsync(UserId, id, cancellationToken);
        if (!found)
        {
            return NotFound();
        }

        return link is not null && Url.IsLocalUrl(link) ? LocalRedirect(link) : RedirectToPage("Index", new { p = PageNumber, unread = UnreadOnly });
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken cancellationToken)
    {
        var (found, _) = await center.MarkReadAsync(UserId, id, cancellationToken);
        return found ? RedirectToPage("Index", new { p = PageNumber, unread = UnreadOnly }) : NotFound();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var count = await center.MarkAllReadAsync(UserId, cancellationToken);
        TempData["Status"] = localizer["{0} notifications marked read.", count].Value;
        return RedirectToPage("Index", new { unread = UnreadOnly });
    }
}
