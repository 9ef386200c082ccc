using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Admin.Users;

/// <summary>The user list: searched, sorted and paged in SQL.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "email";

    [BindProperty(SupportsGet = true, Name = "desc")]
    public bool Descending { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];

    public sealed record UserRow(string Id, string? Email, string DisplayName, string Language, DateTime CreatedAt,
        bool IsDisabled, bool LockedOut, IReadOnlyList<string> Roles);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "Translated to SQL UPPER(), not run in .NET.")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1311:Specify a culture", Justification = "Translated to SQL UPPER(), not run in .NET.")]
    public async Task OnGetAsync()
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var pattern = $"%{Query.Trim().ToUpperInvariant()}%";
            users = users.Where(u => EF.Functions.Like(u.NormalizedEmail!, pattern) || EF.Functions.Like(u.DisplayName.ToUpper(), pattern));
        }

        users = (Sort, Descending) switch
        {
            ("name", false) => users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id),
            ("name", true) => users.OrderByDescending(u => u.DisplayName).ThenBy(u => u.Id),
            ("created", false) => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            ("created", true) => users.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id),
            (_, true) => users.OrderByDescending(u => u.NormalizedEmail).ThenBy(u => u.Id),
            _ => users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
        };
        if (Sort is not ("name" or "created"))
        {
            Sort = "email";
        }

        Total = await users.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var now = clock.GetUtcNow();
        var rows = await users.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.Language, u.CreatedAt, u.IsDisabled, u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync();
        Rows = [.. rows.Select(u => new UserRow(u.Id, u.Email, u.DisplayName, u.Language, u.CreatedAt, u.IsDisabled,
            u.LockoutEnd > now, u.Roles))];
    }
}
