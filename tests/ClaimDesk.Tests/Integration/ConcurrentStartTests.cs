using System.Net;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>Several nodes starting at the same moment on one empty database: all come up, each script runs once.</summary>
public sealed class ConcurrentStartTests
{
    [PostgresFact]
    public Task Two_processes_started_together_on_one_empty_postgres_database_both_come_up_and_migrate_once() =>
        StartTwoProcessesAsync(DatabaseProvider.Postgres);

    [Fact]
    public Task Two_processes_started_together_on_one_empty_sqlite_file_both_come_up_and_migrate_once() =>
        StartTwoProcessesAsync(DatabaseProvider.Sqlite);

    private static async Task StartTwoProcessesAsync(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var environment = new Dictionary<string, string>
        {
            ["ClaimDesk__DataDirectory"] = database.DataDirectory,
            ["ClaimDesk__Database__Provider"] = provider.ToString(),
            ["ConnectionStrings__ClaimDesk"] = database.ConnectionString,
        };

        await using var first = AppProcess.Start(environment, listen: true);
        await using var second = AppProcess.Start(environment, listen: true);
        var ready = await Task.WhenAll(
            first.WaitForAsync("/health/ready", TimeSpan.FromSeconds(90)),
            second.WaitForAsync("/health/ready", TimeSpan.FromSeconds(90)));

        Assert.True(ready.All(s => s == HttpStatusCode.OK), first.Output + "\n----\n" + second.Output);
        var scripts = SchemaScript.For(provider);
        var applications = CountOf("Applied schema script 0001_initial", first.Output)
            + CountOf("Applied schema script 0001_initial", second.Output);
        Assert.Equal(1, applications);
        var administrators = CountOf("created with the one-time password", first.Output) + CountOf("created with the one-time password", second.Output);
        Assert.Equal(1, administrators);

        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, provider, database.ConnectionString);
        await using var db = new AppDbContext(options.Options);
        var history = await db.Database.SqlQueryRaw<int>($"SELECT version AS \"Value\" FROM {SchemaMigrator.HistoryTable}").ToListAsync();
        Assert.Equal(scripts.Select(s => s.Version), history.Order());
        Assert.Equal(1, await db.Users.CountAsync());
    }

    private static int CountOf(string text, string output) =>
        output.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));
}
