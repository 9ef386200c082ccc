using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Tasks;

/// <summary>
/// My tasks: the tasks assigned to me and the unassigned ones of my roles and teams, open first and earliest due first,
/// overdue ones marked, paged on the server. Marking a task done or open again posts here, from this page or from a
/// claim's card (which it returns to).
/// </summary>
public sealed class IndexModel(ClaimTasks tasks, AuditTrail audit, OrganisationClock clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "open")]
    public bool OpenOnly { get; set; }

    public IReadOnlyList<TaskView> Rows { get; private set; } = [];

    public IReadOnlySet<long> Workable { get; private set; } = new HashSet<long>();

    public int Total { get; private set; }

    public DateTime Now { get; private set; }

    /// <summary>Why the last change was refused, shown above the list.</summary>
    public string? Error { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostDoneAsync(long id, string? returnUrl, CancellationToken cancellationToken) =>
        MarkAsync(id, true, returnUrl, cancellationToken);

    public Task<IActionResult> OnPostUndoneAsync(long id, string? returnUrl, CancellationToken cancellationToken) =>
        MarkAsync(id, false, returnUrl, cancellationToken);

    private async Task<IActionResult> MarkAsync(long id, bool done, string? returnUrl, CancellationToken cancellationToken)
    {
        var task = await tasks.GetAsync(id, cancellationToken);
        var outcome = await tasks.MarkAsync(id, done, audit.CurrentActor, cancellationToken);
        if (outcome.Refusal == Refusal.NotFound)
        {
            return NotFound();
        }

        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var title = task?.Title.In(language) ?? "";
        if (outcome.Succeeded)
        {
            TempData["Status"] = done ? localizer["The task “{0}” is done.", title].Value : localizer["The task “{0}” is open again.", title].Value;
            return returnUrl is not null && Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToPage("Index", new { p = PageNumber, open = OpenOnly });
        }

        Response.StatusCode = outcome.Refusal == Refusal.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
        Error = localizer[outcome.Message, outcome.Arguments].Value;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.UtcNow;
        PageNumber = Math.Max(PageNumber, 1);
        var page = await tasks.MineAsync(audit.CurrentActor, OpenOnly, PageNumber, PageSize, cancellationToken);
        if (page.Items.Count == 0 && page.Total > 0 && PageNumber > 1)
        {
            PageNumber = Math.Max(1, (page.Total + PageSize - 1) / PageSize);
            page = await tasks.MineAsync(audit.CurrentActor, OpenOnly, PageNumber, PageSize, cancellationToken);
        }

        (Rows, Total) = (page.Items, page.Total);
        Workable = await tasks.WorkableAsync(Rows, audit.CurrentActor, cancellationToken);
    }
}
