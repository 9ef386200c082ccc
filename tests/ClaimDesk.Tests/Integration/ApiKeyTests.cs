using System.Net;
using System.Text.RegularExpressions;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>Issuing and revoking API keys: the administration pages and the <c>create-api-key</c> command.</summary>
[Collection(SharedAppsGroup.Name)]
public sealed partial class ApiKeyTests(SharedApps apps)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Administrator_creates_a_key_that_is_shown_once_and_works_until_it_is_revoked(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = await SignedInAdministratorAsync(app);
        var name = $"ERP connector {Guid.NewGuid():N}";

        using var created = await admin.SubmitFormAsync("/Admin/ApiKeys/Create", new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.Role"] = "Manager",
        }, "main form");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore, "The page with the secret must not be cached.");
        var result = await HtmlForms.ParseAsync(created);
        Assert.Contains("will not be shown again", result.QuerySelector("[data-testid=shown-once]")!.TextContent, StringComparison.Ordinal);
        var key = result.QuerySelector("[data-testid=new-key]")!.GetAttribute("value")!;
        Assert.Matches(KeyFormat(), key);
        var prefix = key[..12];

        var list = await admin.GetPageAsync("/Admin/ApiKeys");
        Assert.NotNull(list.QuerySelector("nav a[href='/Admin/ApiKeys']"));
        var row = list.QuerySelector($"[data-testid=api-keys] tr[data-prefix='{prefix}']")!;
        Assert.Contains(name, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("claims:read", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Manager", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(ClaimDeskFactory.AdminEmail, row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.DocumentElement.OuterHtml, StringComparison.Ordinal);

        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var found = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().FindAsync(key);
            Assert.NotNull(found);
            Assert.Equal(name, found.Name);
            Assert.Equal(["claims:read"], found.Scopes);
            id = found.Id;
            var authenticated = await AuthenticateAsync(scope.ServiceProvider, key);
            Assert.True(authenticated.Succeeded);
            Assert.True(authenticated.Principal!.IsInRole("Manager"));
            Assert.True(authenticated.Principal.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiKeyService.ClaimsRead));
            Assert.False(authenticated.Principal.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiKeyService.ClaimsWrite));
        }

        var confirmation = await admin.GetPageAsync($"/Admin/ApiKeys/Revoke/{id}");
        Assert.Contains(name, confirmation.QuerySelector("[data-testid=confirmation]")!.TextContent, StringComparison.Ordinal);
        using var revoked = await admin.SubmitFormAsync($"/Admin/ApiKeys/Revoke/{id}", new Dictionary<string, string>(), "main form");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal("/Admin/ApiKeys", revoked.Headers.Location!.OriginalString);

        var after = await admin.GetPageAsync("/Admin/ApiKeys");
        Assert.Contains("was revoked", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector($"tr[data-prefix='{prefix}'] a[href^='/Admin/ApiKeys/Revoke']"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ApiKeyService>().FindAsync(key));
            Assert.False((await AuthenticateAsync(scope.ServiceProvider, key)).Succeeded);
            var audit = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents
                .Where(e => e.EntityType == "api_key" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .ToListAsync();
            Assert.Contains(audit, e => e.Action == "created" && e.NewValue == name && e.ActorName == ClaimDeskFactory.AdminEmail);
            Assert.Contains(audit, e => e.Action == "revoked" && e.ActorName == ClaimDeskFactory.AdminEmail);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sending_the_same_creation_form_again_as_a_refresh_does_issues_no_second_key(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = await SignedInAdministratorAsync(app);
        var name = $"Refreshed {Guid.NewGuid():N}";
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await admin.GetPageAsync("/Admin/ApiKeys/Create")).QuerySelector("main form")!;
        var values = new Dictionary<string, string> { ["Form.Name"] = name, ["Form.Role"] = "Operator" };

        using var first = await admin.PressAsync(form, values, "Create key");
        using var again = await admin.PressAsync(form, values, "Create key");

        Assert.NotNull((await HtmlForms.ParseAsync(first)).QuerySelector("[data-testid=new-key]"));
        var second = await HtmlForms.ParseAsync(again);
        Assert.Null(second.QuerySelector("[data-testid=new-key]"));
        Assert.Contains("sent already", second.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().ApiKeys.CountAsync(k => k.Name == name));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_key_without_scopes_is_refused_with_the_form_kept_as_typed(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = await SignedInAdministratorAsync(app);
        var name = $"No scopes {Guid.NewGuid():N}";

        using var response = await admin.SubmitFormAsync("/Admin/ApiKeys/Create", new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.Scopes"] = null!, // every box unticked: the browser sends no value at all
            ["Form.Role"] = "Manager",
        }, "main form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var errors = page.QuerySelector("[data-testid=errors]")!.TextContent;
        Assert.Contains("Choose scopes among: claims:read, claims:write, master_data:read, master_data:write.", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Give the key a name", errors, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=new-key]"));
        Assert.Equal(name, page.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#Form_Role option[value=Manager][selected]"));
        Assert.Empty(page.QuerySelectorAll("input[name='Form.Scopes'][checked]"));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().ApiKeys.AnyAsync(k => k.Name == name));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_operator_is_denied_the_api_key_administration(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = await SignedInAdministratorAsync(app);
        var email = $"operator-{Guid.NewGuid():N}@example.com";
        (await StaffUsers.CreateAsync(admin, email, "Operator")).Dispose();
        var operatorClient = app.CreateBrowserLikeClient();
        (await operatorClient.SignInAsync(email, StaffUsers.Password)).Dispose();

        foreach (var page in new[] { "/Admin/ApiKeys", "/Admin/ApiKeys/Create", "/Admin/ApiKeys/Revoke/1" })
        {
            using var response = await operatorClient.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var dashboard = await operatorClient.GetPageAsync("/");
        Assert.Null(dashboard.QuerySelector("a[href='/Admin/ApiKeys']"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_create_api_key_command_prints_only_a_key_that_the_app_then_accepts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var command = AppProcess.Start(new Dictionary<string, string>
        {
            ["ClaimDesk__DataDirectory"] = database.DataDirectory,
            ["ClaimDesk__Database__Provider"] = provider.ToString(),
            ["ConnectionStrings__ClaimDesk"] = database.ConnectionString,
        }, listen: false, "create-api-key", "--name", "Nightly export", "--scopes", "claims:read,claims:write");

        Assert.True(await command.WaitForExitAsync(CommandTimeout) == 0, command.Output);
        var key = Assert.Single(command.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(KeyFormat(), key);
        Assert.Contains("not shown again", command.Output, StringComparison.Ordinal);

        await using var app = new ClaimDeskFactory(database);
        await using var scope = app.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().FindAsync(key);
        Assert.NotNull(found);
        Assert.Equal("Nightly export", found.Name);
        Assert.Equal("Operator", found.ActsAsRole);
        Assert.Equal(["claims:read", "claims:write"], found.Scopes);
        var created = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents
            .SingleAsync(e => e.EntityType == "api_key" && e.Action == "created");
        Assert.Equal("system", created.ActorType);
    }

    [Fact]
    public async Task The_create_api_key_command_refuses_an_unknown_scope_in_one_line_with_exit_code_1()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var command = AppProcess.Start(
            new Dictionary<string, string> { ["ClaimDesk__DataDirectory"] = database.DataDirectory }, listen: false,
            "create-api-key", "--name", "Nightly export", "--scopes", "claims:read,claims:delete");

        Assert.Equal(1, await command.WaitForExitAsync(CommandTimeout));
        var line = Assert.Single(command.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal("create-api-key: Choose scopes among: claims:read, claims:write, master_data:read, master_data:write.", line);
        Assert.Empty(command.StandardOutput);
        Assert.False(File.Exists(Path.Combine(database.DataDirectory, "claimdesk.db")), "A refused command must not create the database.");
    }

    private static async Task<HttpClient> SignedInAdministratorAsync(ClaimDeskFactory app)
    {
        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        return admin;
    }

    /// <summary>Runs the app's own API key authentication on a request carrying <paramref name="key"/>.</summary>
    private static Task<AuthenticateResult> AuthenticateAsync(IServiceProvider services, string key)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Headers[ApiKeyAuthenticationHandler.Header] = key;
        return context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
    }

    [GeneratedRegex("^cdk_[A-Za-z0-9]{8}_[A-Za-z0-9]{40}$")]
    private static partial Regex KeyFormat();
}
