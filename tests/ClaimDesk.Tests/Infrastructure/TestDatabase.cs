using ClaimDesk.Web.Infrastructure;
using Npgsql;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// An empty database owned by one test or fixture: a SQLite file in a temporary data directory, or a new database
/// on the test PostgreSQL server. Disposing removes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string dataDirectory, string connectionString, string? postgresName)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string DataDirectory { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("claimdesk-test-").FullName;
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(provider, dataDirectory,
                $"Data Source={Path.Combine(dataDirectory, "claimdesk.db")}", null);
        }

        var admin = TestEnvironment.PostgresAdminConnectionString
            ?? throw new InvalidOperationException("CLAIMDESK_TEST_POSTGRES is not set: run the tests through scripts/test.sh.");
        var name = "claimdesk_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, dataDirectory, builder.ConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopping host; the temporary folder is cleaned by the OS.
        }
    }
}
