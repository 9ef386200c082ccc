using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Account;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Dashboard;

/// <summary>The staff home page: who you are, and the active team by role.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<(string Role, int Count)> TeamByRole { get; private set; } = [];

    public async Task OnGetAsync()
    {
        DisplayName = User.FindFirst(AppClaimsPrincipalFactory.DisplayNameClaim)?.Value ?? User.Identity!.Name!;
        Roles = [.. StaffRole.All.Where(User.IsInRole)];
        var counts = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Join(db.Users.Where(u => !u.IsDisabled), x => x.UserId, u => u.Id, (x, _) => x.Name)
            .GroupBy(name => name)
            .Select(g => new { Role = g.Key!, Count = g.Count() })
            .ToDictionaryAsync(x => x.Role, x => x.Count);
        TeamByRole = [.. StaffRole.Staff.Select(role => (role, counts.GetValueOrDefault(role)))];
    }
}
