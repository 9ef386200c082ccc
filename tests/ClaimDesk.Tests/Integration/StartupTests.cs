using System.Net;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>What an operator sees when starting ClaimDesk as a process: the README's command, and bad settings.</summary>
public sealed class StartupTests
{
    // Generous: demo seeding shares two cores with the rest of the suite; the test waits, it does not time anything.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_readme_run_command_starts_the_app_with_demo_data_on_embedded_sqlite()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = AppProcess.Start(
            new Dictionary<string, string> { ["ClaimDesk__DataDirectory"] = database.DataDirectory }, listen: true, "--demo");

        Assert.Equal(HttpStatusCode.OK, await app.WaitForAsync("/health/ready", StartTimeout));
        Assert.True(File.Exists(Path.Combine(database.DataDirectory, "claimdesk.db")), app.Output);
        var output = app.Output;
        Assert.Contains("created with the one-time password", output, StringComparison.Ordinal);
        Assert.Contains("operator@claimdesk.local", output, StringComparison.Ordinal);
        Assert.Contains($"listening on {app.Address!.ToString().TrimEnd('/')}", output, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = app.Address };
        using var login = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task An_unknown_database_provider_stops_the_app_with_one_line_naming_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ClaimDesk__DataDirectory"] = database.DataDirectory,
            ["ClaimDesk__Database__Provider"] = "Oracle",
        }, listen: true);

        Assert.Equal(2, await app.WaitForExitAsync(StartTimeout));
        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains("ClaimDesk:Database:Provider", line, StringComparison.Ordinal);
        Assert.Contains("'Oracle'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_server_stops_the_app_with_one_line_naming_the_connection_string()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ClaimDesk__DataDirectory"] = database.DataDirectory,
            ["ClaimDesk__Database__Provider"] = "Postgres",
            ["ConnectionStrings__ClaimDesk"] = $"Host=127.0.0.1;Port={AppProcess.FreePort()};Username=claimdesk;Password=x;Timeout=3",
        }, listen: true);

        Assert.Equal(2, await app.WaitForExitAsync(StartTimeout));
        var errors = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains(" info: ", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errors);
        Assert.Contains("ConnectionStrings:ClaimDesk", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_SMTP_host_without_a_sender_stops_the_app_with_one_line_naming_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ClaimDesk__DataDirectory"] = database.DataDirectory,
            ["ClaimDesk__Smtp__Host"] = "smtp.example.com",
        }, listen: true);

        Assert.Equal(2, await app.WaitForExitAsync(StartTimeout));
        var line = Assert.Single(app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("ClaimDesk:Smtp:From must be set", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_refused_naming_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ClaimDesk__DataDirectory"] = database.DataDirectory,
            ["ClaimDesk__Database__Provider"] = "postgres",
        }, listen: true);

        Assert.Equal(2, await app.WaitForExitAsync(StartTimeout));
        Assert.Contains("ConnectionStrings:ClaimDesk must be set", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrate_command_applies_the_schema_and_exits()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = AppProcess.Start(
            new Dictionary<string, string> { ["ClaimDesk__DataDirectory"] = database.DataDirectory }, listen: false, "migrate");

        Assert.Equal(0, await app.WaitForExitAsync(StartTimeout));
        Assert.Contains("Applied schema script 0001_initial", app.Output, StringComparison.Ordinal);
    }
}
