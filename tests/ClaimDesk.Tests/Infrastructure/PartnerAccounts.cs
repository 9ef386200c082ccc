using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>Partner users made directly through Identity, bound to a customer company, for tests about the portal's use.</summary>
public static class PartnerAccounts
{
    public const string Password = "Partner-Pass-2026!";

    public static async Task<string> CreateAsync(ClaimDeskFactory app, long customerId, string name = "Piotr Partner")
    {
        var email = $"partner-{Guid.NewGuid():N}@example.com";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, Language = "en", CustomerId = customerId,
            CreatedAt = DateTime.UtcNow,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRole.Partner)).Succeeded);
        return email;
    }

    /// <summary>A cookie client signed in as a new partner of the company.</summary>
    public static async Task<HttpClient> SignedInAsync(ClaimDeskFactory app, long customerId)
    {
        var email = await CreateAsync(app, customerId);
        var client = app.CreateBrowserLikeClient();
        using var signIn = await client.SignInAsync(email, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/portal", signIn.Headers.Location?.OriginalString);
        return client;
    }
}
