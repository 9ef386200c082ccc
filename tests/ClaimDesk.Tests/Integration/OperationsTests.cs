using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>Health probes, problem details and the API documentation, as a load balancer or an integrator sees them.</summary>
[Collection(SharedAppsGroup.Name)]
public sealed class OperationsTests(SharedApps apps)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Health_probes_answer_200_when_the_database_is_reachable_and_current(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Readiness_fails_when_a_schema_script_is_not_applied(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ClaimDeskFactory(database);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(provider, scope.ServiceProvider.GetRequiredService<DatabaseInfo>().Provider);
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM {SchemaMigrator.HistoryTable}");
        }

        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_api_route_answers_404_problem_details(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).CreateClient();

        using var response = await client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unknown_page_answers_404_with_a_page_not_a_stack_trace(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).CreateBrowserLikeClient();
        (await client.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();

        using var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_openapi_document_and_swagger_ui_are_served_under_api_docs(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/api/docs/v1.json");
        using var ui = await client.GetAsync("/api/docs/index.html");

        Assert.Equal("ClaimDesk API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/system/version", out _));
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("swagger", await ui.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_version_endpoint_names_the_schema_version(DatabaseProvider provider)
    {
        var client = (await apps.GetAsync(provider)).CreateClient();

        var version = await client.GetFromJsonAsync<JsonElement>("/api/v1/system/version");

        Assert.Equal(SchemaScript.For(provider)[^1].Version, version.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_per_minute()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, signInsPerMinute: 3);
        var client = app.CreateBrowserLikeClient();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var refused = await client.SignInAsync("nobody@example.com", "Wrong-Pass-123!");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using var limited = await client.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("Too many attempts", (await HtmlForms.ParseAsync(limited)).QuerySelector("h1")!.TextContent.Trim());
        using var page = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
