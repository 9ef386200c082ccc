using System.Data.Common;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// A database's schema read back from its catalog as sorted lines — tables, columns (type, nullability, default,
/// identity), primary keys, foreign keys and indexes — so two databases can be compared line by line.
/// The migration history table is not part of the model and is left out, and so are the full-text objects whose names
/// start with <c>fts_</c> (an FTS5 table with its shadow tables and triggers, a GIN expression index), which EF cannot
/// describe; <c>SearchTests</c> prove they work.
/// </summary>
public static class SchemaDescription
{
    public static async Task<List<string>> ReadAsync(DatabaseProvider provider, string connectionString)
    {
        await using DbConnection connection = provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = provider == DatabaseProvider.Postgres
            ? await ReadPostgresAsync(connection)
            : await ReadSqliteAsync(connection);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'fts_%' AND name <> 'schema_history'");
        foreach (var table in tables.Select(t => t[0]))
        {
            lines.Add($"table {table}");
            foreach (var c in await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
            {
                lines.Add($"column {table}.{c[0]} {c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
            }

            foreach (var f in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
            {
                lines.Add($"foreign key {table}.{f[1]} -> {f[0]}.{f[2]} on delete {f[3]}");
            }

            foreach (var i in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                var name = i[2] == "c" ? i[0] : $"({i[2]})";
                lines.Add($"index {table} {name} unique={i[1]} ({string.Join(", ", columns.Select(c => c[0]))})");
            }
        }

        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var c in await QueryAsync(connection, """
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable,
                   coalesce(column_default, ''), is_identity, coalesce(identity_generation, '')
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'schema_history'
            """))
        {
            lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} default={c[5]} identity={c[6]} {c[7]}");
        }

        foreach (var t in await QueryAsync(connection,
            "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_history'"))
        {
            lines.Add($"table {t[0]}");
        }

        foreach (var i in await QueryAsync(connection,
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> 'schema_history' AND indexname NOT LIKE 'fts_%'"))
        {
            lines.Add($"index {i[0]} {i[1]} {i[2]}");
        }

        foreach (var f in await QueryAsync(connection, """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text <> 'schema_history'
            """))
        {
            lines.Add($"constraint {f[0]} {f[1]} {f[2]}");
        }

        return lines;
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }
}
