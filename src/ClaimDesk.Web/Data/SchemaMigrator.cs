using System.Data.Common;
using System.Globalization;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Data;

/// <summary>
/// Applies the numbered schema scripts that are not yet in <c>schema_history</c>, each in its own transaction.
/// On PostgreSQL a session advisory lock serialises nodes that start together; on SQLite each script runs in a
/// <c>BEGIN IMMEDIATE</c> transaction that re-reads the history, so a second process waits and then skips it.
/// </summary>
public sealed partial class SchemaMigrator(AppDbContext db, DatabaseInfo database, ILogger<SchemaMigrator> logger)
{
    private readonly DatabaseProvider _provider = database.Provider;

    /// <summary>Arbitrary, fixed key of the advisory lock that guards schema changes ("ClaimDsk").</summary>
    private const long AdvisoryLockKey = 0x436C61696D44736B;

    public const string HistoryTable = "schema_history";

    public IReadOnlyList<SchemaScript> Scripts { get; } = SchemaScript.For(database.Provider);

    /// <summary>Brings the schema up to date; returns how many scripts this call applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            if (_provider == DatabaseProvider.Postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            }
            else
            {
                // Readers keep reading while a writer writes; the setting is stored in the database file.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
            }

            try
            {
                await ExecuteAsync(connection, null, CreateHistorySql, cancellationToken);
                var applied = 0;
                foreach (var script in Scripts)
                {
                    if (await ApplyAsync(connection, script, cancellationToken))
                    {
                        applied++;
                    }
                }

                return applied;
            }
            finally
            {
                if (_provider == DatabaseProvider.Postgres)
                {
                    await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
                }
            }
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>The scripts not yet applied; does not change the database.</summary>
    public async Task<IReadOnlyList<SchemaScript>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            var exists = _provider == DatabaseProvider.Postgres
                ? $"SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = '{HistoryTable}'"
                : $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{HistoryTable}'";
            if (Convert.ToInt64(await ScalarAsync(connection, null, exists, cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                return Scripts;
            }

            var applied = await AppliedAsync(connection, null, cancellationToken);
            return [.. Scripts.Where(s => !applied.ContainsKey(s.Version))];
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private string CreateHistorySql => _provider == DatabaseProvider.Postgres
        ? $"CREATE TABLE IF NOT EXISTS {HistoryTable} (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamp with time zone NOT NULL DEFAULT now())"
        : $"CREATE TABLE IF NOT EXISTS {HistoryTable} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)";

    private async Task<bool> ApplyAsync(DbConnection connection, SchemaScript script, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite starts BEGIN IMMEDIATE here: the write lock is taken before the history is read.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var applied = await AppliedAsync(connection, transaction, cancellationToken);
        if (applied.TryGetValue(script.Version, out var checksum))
        {
            if (checksum != script.Checksum)
            {
                throw new StartupException(
                    $"Schema script {script.Version:0000}_{script.Name}.sql was changed after it was applied; add a new script instead.");
            }

            return false;
        }

        await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {HistoryTable} (version, name, checksum) VALUES (@version, @name, @checksum)";
            AddParameter(insert, "@version", script.Version);
            AddParameter(insert, "@name", script.Name);
            AddParameter(insert, "@checksum", script.Checksum);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogApplied(logger, script.Version, script.Name);
        return true;
    }

    private static async Task<Dictionary<int, string>> AppliedAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT version, checksum FROM {HistoryTable}";
        var applied = new Dictionary<int, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema script {Version:0000}_{Name}")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
