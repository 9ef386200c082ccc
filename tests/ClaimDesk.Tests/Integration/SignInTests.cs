using System.Net;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

[Collection(SharedAppsGroup.Name)]
public sealed class SignInTests(SharedApps apps)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_pages_send_an_anonymous_visitor_to_the_sign_in_page(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).CreateBrowserLikeClient();

        foreach (var page in new[] { "/", "/Admin/Users", "/Account/ChangePassword" })
        {
            using var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Administrator_signs_in_through_the_form_and_reaches_the_dashboard(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).CreateBrowserLikeClient();

        using var signIn = await client.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        var dashboard = await client.GetPageAsync("/");
        Assert.Contains("Administrator", dashboard.QuerySelector("[data-testid=roles]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(dashboard.QuerySelector("a[href='/Admin/Users']"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_wrong_password_is_refused_with_a_message_and_the_email_kept(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).CreateBrowserLikeClient();

        using var signIn = await client.SignInAsync(ClaimDeskFactory.AdminEmail, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var page = await HtmlForms.ParseAsync(signIn);
        Assert.Contains("not correct", page.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ClaimDeskFactory.AdminEmail, page.QuerySelector("#Input_Email")!.GetAttribute("value"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var email = $"lock-{Guid.NewGuid():N}@example.com";
        (await StaffUsers.CreateAsync(admin, email, "Operator")).Dispose();

        var client = app.CreateBrowserLikeClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await client.SignInAsync(email, "Wrong-Pass-123!")).Dispose();
        }

        using var signIn = await client.SignInAsync(email, StaffUsers.Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var page = await HtmlForms.ParseAsync(signIn);
        Assert.Contains("locked", page.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Administrator_creates_an_operator_who_signs_in_but_cannot_open_administration(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var email = $"operator-{Guid.NewGuid():N}@example.com";

        using var created = await StaffUsers.CreateAsync(admin, email, "Operator", mustChangePassword: false);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var operatorClient = app.CreateBrowserLikeClient();
        using var signIn = await operatorClient.SignInAsync(email, StaffUsers.Password);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        var dashboard = await operatorClient.GetPageAsync("/");
        Assert.Contains("Operator", dashboard.QuerySelector("[data-testid=roles]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(dashboard.QuerySelector("a[href='/Admin/Users']"));
        using var adminPage = await operatorClient.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.Redirect, adminPage.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", adminPage.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var audit = await db.AuditEvents.Where(a => a.EntityType == "user" && a.EntityId == user.Id).ToListAsync();
        Assert.Contains(audit, a => a.Action == "created" && a.ActorName == ClaimDeskFactory.AdminEmail);
        Assert.Contains(audit, a => a.Field == "roles" && a.NewValue == "Operator");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_user_with_a_forced_change_must_change_the_password_before_anything_else(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var email = $"tech-{Guid.NewGuid():N}@example.com";
        (await StaffUsers.CreateAsync(admin, email, "Technician", mustChangePassword: true)).Dispose();

        var client = app.CreateBrowserLikeClient();
        using var signIn = await client.SignInAsync(email, StaffUsers.Password);
        Assert.Equal("/Account/ChangePassword", signIn.Headers.Location!.OriginalString);
        using var dashboard = await client.GetAsync("/");
        Assert.Equal("/Account/ChangePassword", dashboard.Headers.Location!.OriginalString);

        using var mismatch = await client.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = StaffUsers.Password,
            ["Input.NewPassword"] = "short",
            ["Input.ConfirmPassword"] = "short",
        });
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("at least 10 characters", (await HtmlForms.ParseAsync(mismatch)).QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);

        using var changed = await client.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = StaffUsers.Password,
            ["Input.NewPassword"] = "My-Own-Pass-2026",
            ["Input.ConfirmPassword"] = "My-Own-Pass-2026",
        });
        Assert.Equal("/", changed.Headers.Location!.OriginalString);
        using var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        var fresh = app.CreateBrowserLikeClient();
        using var again = await fresh.SignInAsync(email, "My-Own-Pass-2026");
        Assert.Equal("/", again.Headers.Location!.OriginalString);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_disabled_user_cannot_sign_in_and_the_change_is_audited(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var email = $"leaver-{Guid.NewGuid():N}@example.com";
        (await StaffUsers.CreateAsync(admin, email, "Operator", mustChangePassword: false)).Dispose();
        string id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        }

        using var saved = await admin.SubmitFormAsync($"/Admin/Users/Edit/{id}", new Dictionary<string, string>
        {
            ["Form.IsDisabled"] = "true",
        }, "main form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var signIn = await app.CreateBrowserLikeClient().SignInAsync(email, StaffUsers.Password);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("disabled", (await HtmlForms.ParseAsync(signIn)).QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        var history = await admin.GetPageAsync($"/Admin/Users/Edit/{id}");
        Assert.Contains("Disabled", history.QuerySelector("[data-testid=history]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Signing_out_ends_the_session(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).CreateBrowserLikeClient();
        (await client.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();

        using var signOut = await client.SubmitFormAsync("/", new Dictionary<string, string>(), "form[action='/Account/Logout']");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var dashboard = await client.GetAsync("/");
        Assert.StartsWith("/Account/Login", dashboard.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
