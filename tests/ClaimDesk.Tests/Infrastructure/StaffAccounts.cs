using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>Staff accounts made directly through Identity, for tests about something other than user administration.</summary>
public static class StaffAccounts
{
    public const string Password = "Staff-Pass-2026!";

    public static async Task<string> CreateAsync(ClaimDeskFactory app, string role, string? name = null, string language = "en")
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? role, Language = language, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }
}
