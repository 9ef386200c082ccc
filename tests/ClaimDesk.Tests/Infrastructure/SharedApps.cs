using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// One running app per database provider, started on first use and shared by the tests of the "apps" collection.
/// Tests that share it use their own users and data, so they do not depend on each other.
/// </summary>
public class SharedApps : IAsyncLifetime
{
    private readonly bool _demo;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<DatabaseProvider, (TestDatabase Database, ClaimDeskFactory Factory)> _apps = [];

    public SharedApps()
        : this(demo: false)
    {
    }

    /// <param name="demo">Seed each app's database with <c>--demo</c> data.</param>
    protected SharedApps(bool demo) => _demo = demo;

    public async Task<ClaimDeskFactory> GetAsync(DatabaseProvider provider)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                var database = await TestDatabase.CreateAsync(provider);
                var factory = new ClaimDeskFactory(database, demo: _demo);
                factory.StartServer();
                app = (database, factory);
                _apps[provider] = app;
            }

            return app.Factory;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (database, factory) in _apps.Values)
        {
            await factory.DisposeAsync();
            await database.DisposeAsync();
        }

        _gate.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAppsGroup : ICollectionFixture<SharedApps>
{
    public const string Name = "apps";
}

/// <summary>
/// The providers a test runs on: SQLite always; PostgreSQL when scripts/test.sh provides one, and always under CI
/// (where a missing server then fails the test instead of hiding it). Run one provider with
/// <c>--filter "DisplayName~Postgres"</c>.
/// </summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> All
    {
        get
        {
            var data = new TheoryData<DatabaseProvider> { DatabaseProvider.Sqlite };
            if (TestEnvironment.PostgresAdminConnectionString is not null || TestEnvironment.RequireAll)
            {
                data.Add(DatabaseProvider.Postgres);
            }

            return data;
        }
    }
}
