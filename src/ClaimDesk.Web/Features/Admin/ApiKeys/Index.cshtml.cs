using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Admin.ApiKeys;

/// <summary>The API keys, newest first, paged in SQL; only their public prefix is ever shown again.</summary>
public sealed class IndexModel(AppDbContext db, OrganisationClock clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<KeyRow> Rows { get; private set; } = [];

    /// <summary>A key as listed; times in the organisation's time zone.</summary>
    public sealed record KeyRow(int Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string ActsAsRole,
        DateTime CreatedAt, string? CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt);

    public async Task OnGetAsync()
    {
        var keys = db.ApiKeys.AsNoTracking();
        Total = await keys.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var rows = await keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(k => new { k.Id, k.Name, k.Prefix, k.Scopes, k.ActsAsRole, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt })
            .ToListAsync();
        Rows = [.. rows.Select(k => new KeyRow(k.Id, k.Name, k.Prefix, k.Scopes, k.ActsAsRole, clock.ToLocal(k.CreatedAt),
            k.CreatedBy, Local(k.LastUsedAt), Local(k.RevokedAt)))];
    }

    private DateTime? Local(DateTime? utc) => utc is { } value ? clock.ToLocal(value) : null;
}
