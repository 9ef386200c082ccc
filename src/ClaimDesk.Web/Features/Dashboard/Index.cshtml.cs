using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Account;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Dashboard;

/// <summary>The staff home page: who you are, the claims in hand, and the active team by role.</summary>
public sealed class IndexModel(AppDbContext db, OrganisationClock clock, Deadlines.DeadlineQueries deadlines) : PageModel
{
    /// <summary>Claims due today, overdue, and at risk of being deemed accepted (PL-CONS-RESP).</summary>
    public Deadlines.DeadlineDashboard? Deadlines { get; private set; }

    public string DisplayName { get; private set; } = "";

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<(string Role, int Count)> TeamByRole { get; private set; } = [];

    /// <summary>Claims by the category of their status (open, waiting, closed), hidden statuses left out.</summary>
    public IReadOnlyDictionary<StatusCategory, int> ClaimsByCategory { get; private set; } = new Dictionary<StatusCategory, int>();

    public int ReceivedToday { get; private set; }

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

        var byCategory = await db.Claims.AsNoTracking().Where(c => !c.IsDeleted)
            .Join(db.WorkflowStatuses.Where(s => !s.HiddenFromQueues), c => new { c.RegisterId, Code = c.Status },
                s => new { s.RegisterId, s.Code }, (c, s) => s.Category)
            .GroupBy(category => category)
            .Select(g => new { Category = g.Key, Count = g.Count() })
            .ToListAsync();
        ClaimsByCategory = byCategory.ToDictionary(x => x.Category, x => x.Count);
        var since = DateTime.SpecifyKind(clock.Today.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified);
        var sinceUtc = TimeZoneInfo.ConvertTimeToUtc(since, clock.Zone);
        ReceivedToday = await db.Claims.CountAsync(c => !c.IsDeleted && c.ReceivedAt >= sinceUtc);
        Deadlines = await deadlines.DashboardAsync(HttpContext.RequestAborted);
    }
}
