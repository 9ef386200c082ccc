using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Infrastructure;

/// <summary>The staff as the features that pick, mention or assign people list them.</summary>
public static class StaffDirectory
{
    /// <summary>Active users holding a staff role, by id, with their display names.</summary>
    public static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var staffRoles = Core.Security.StaffRole.Staff.ToList();
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id
                && db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.Name!))))
            .OrderBy(u => u.DisplayName)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
