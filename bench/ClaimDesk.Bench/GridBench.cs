using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace ClaimDesk.Bench;

/// <summary>
/// The claim grid and full-text search at volume (issue 7): N generated claims loaded in bulk into the application's
/// own schema, then the grid page (a status and an assignee, by due date, page 1 of 25, with the capped count) and
/// full-text searches, each timed over the real <see cref="ClaimQueries"/> with the application's DbContext from its
/// service provider (a scope per request, as a request has), and their plans printed. See bench/README.md.
/// </summary>
public static partial class GridBench
{
    private const int Staff = 20;
    private const int Warmup = 30;

    public static async Task<int> RunAsync(string? postgresAdmin, int postgresClaims, int sqliteClaims, int requests)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ClaimDesk.Bench --grid: PostgreSQL {(postgresAdmin is null ? "not available" : $"{postgresClaims:N0} claims")}, SQLite {sqliteClaims:N0} claims, " +
            $"{requests} timed requests of each kind after {Warmup} untimed, {Environment.ProcessorCount} logical CPUs"));
        try
        {
            if (sqliteClaims > 0)
            {
                await MeasureAsync("SQLite", "Sqlite", "Data Source={data}/claimdesk.db", sqliteClaims, requests);
            }

            if (postgresAdmin is not null && postgresClaims > 0)
            {
                await using var database = await BenchDatabase.CreateAsync(postgresAdmin, "grid");
                await MeasureAsync("PostgreSQL", "Postgres", database.ConnectionString, postgresClaims, requests);
            }

            return 0;
        }
        catch (BenchFailedException failure)
        {
            await Console.Error.WriteLineAsync($"ClaimDesk.Bench FAILED: {failure.Message}");
            return 1;
        }
    }

    private static async Task MeasureAsync(string label, string provider, string connectionString, int claims, int requests)
    {
        await using var app = new BenchApp(connectionString, provider: provider);
        _ = app.ServerAddress;
        var users = await CreateStaffAsync(app.Services);
        Register register;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            register = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Registers.AsNoTracking().Include(r => r.Statuses)
                .SingleAsync(r => r.Code == "complaints");
        }

        var generator = new ClaimGenerator(register, users, DateTime.UtcNow);
        var watch = Stopwatch.StartNew();
        if (provider == "Postgres")
        {
            await LoadPostgresAsync(connectionString, generator, claims);
        }
        else
        {
            await LoadSqliteAsync($"Data Source={Path.Combine(app.DataDirectory, "claimdesk.db")}", generator, claims);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n## {label}: {claims:N0} claims loaded in {watch.Elapsed.TotalSeconds:0.0} s"));

        // The grid's question: one open status, one person's claims, by due date; and searches of three kinds.
        var status = "in_review";
        var assignee = users[3];
        var grid = new ClaimFilter { Statuses = [status], Assignee = assignee, Sort = "due", Descending = false, Page = 1, PageSize = 25 };
        var searches = new (string Kind, Func<int, string> Query)[]
        {
            ("serial number", i => generator.SerialOf((i * 7919 + 13) % claims + 1)),
            ("first and last name", i => ClaimGenerator.FullName(i)),
            ("common word (a product type)", i => ClaimGenerator.ProductWord(i)),
        };

        Console.WriteLine($"\n| {label} | matching rows (capped count) | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var gridTotal = await TimeAsync(app.Services, $"grid: status {status}, one assignee, by due, page 1 of 25", _ => grid, requests);
        if (gridTotal == 0)
        {
            throw new BenchFailedException("the grid's filter matched no claim; the generator no longer fits the benchmark");
        }

        foreach (var (kind, query) in searches)
        {
            await TimeAsync(app.Services, $"search: {kind}", i => new ClaimFilter { Search = query(i), Sort = "received", Descending = true }, requests);
        }

        await ExplainAsync(app.Services, provider, connectionString.Replace("{data}", app.DataDirectory, StringComparison.Ordinal), label,
            [("grid page", grid), ("search: first and last name", new ClaimFilter { Search = ClaimGenerator.FullName(1) }),
             ("search: common word", new ClaimFilter { Search = ClaimGenerator.ProductWord(1) })]);
    }

    /// <summary>Times <paramref name="requests"/> grid reads (count and page), each in a scope of its own; prints a table row.</summary>
    private static async Task<int> TimeAsync(IServiceProvider services, string what, Func<int, ClaimFilter> filter, int requests)
    {
        var times = new List<double>();
        var totals = new List<int>();
        for (var i = 0; i < Warmup + requests; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var queries = scope.ServiceProvider.GetRequiredService<ClaimQueries>();
            var start = Stopwatch.GetTimestamp();
            var page = await queries.GridAsync(filter(i));
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (i >= Warmup)
            {
                times.Add(elapsed);
                totals.Add(page.Total + (page.TotalIsCapped ? 1 : 0));
            }
        }

        times.Sort();
        totals.Sort();
        var median = totals[totals.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {(median > ClaimQueries.CountCap ? $"> {ClaimQueries.CountCap:N0}" : median.ToString("N0", CultureInfo.InvariantCulture))} (median) " +
            $"| {Rank(times, 0.50):0.0} | {Rank(times, 0.95):0.0} | {times[^1]:0.0} |"));
        return median;
    }

    private static double Rank(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task ExplainAsync(IServiceProvider services, string provider, string connectionString, string label,
        IReadOnlyList<(string What, ClaimFilter Filter)> queries)
    {
        foreach (var (what, filter) in queries)
        {
            await using var scope = services.CreateAsyncScope();
            var claimQueries = scope.ServiceProvider.GetRequiredService<ClaimQueries>();
            // As GridAsync runs them: the page knows from the count whether the search matches few claims.
            var few = await claimQueries.CountQuery(filter).CountAsync() <= ClaimQueries.CountCap;
            foreach (var (part, sql) in new[]
            {
                ("count", claimQueries.CountQuery(filter).ToQueryString()),
                ("page", claimQueries.PageQuery(filter with { FewSearchMatches = few }).ToQueryString()),
            })
            {
                var statement = Inline(sql);
                Console.WriteLine($"\n### {label}, {what}: {part}\n\n```sql\n{statement}\n```\n\n```text");
                if (provider == "Postgres")
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + statement, connection);
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        Console.WriteLine(reader.GetString(0));
                    }
                }
                else
                {
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync();
                    await using var command = new SqliteCommand("EXPLAIN QUERY PLAN " + statement, connection);
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        Console.WriteLine($"{reader.GetInt32(0)} {reader.GetInt32(1)} {reader.GetString(3)}");
                    }
                }

                Console.WriteLine("```");
            }
        }
    }

    /// <summary>The SQL of <c>ToQueryString</c> with its parameters written in as literals, for EXPLAIN.</summary>
    private static string Inline(string sql)
    {
        var parameters = new List<(string Name, string Literal)>();
        var body = new StringBuilder();
        foreach (var line in sql.Split('\n'))
        {
            if (PostgresParameter().Match(line) is { Success: true } pg)
            {
                parameters.Add(("@" + pg.Groups[1].Value, $"'{pg.Groups[2].Value.Replace("'", "''", StringComparison.Ordinal)}'"));
            }
            else if (SqliteParameter().Match(line) is { Success: true } lite)
            {
                parameters.Add(("@" + lite.Groups[1].Value, lite.Groups[2].Value.TrimEnd('\r')));
            }
            else
            {
                body.Append(line).Append('\n');
            }
        }

        var text = body.ToString().Trim();
        foreach (var (name, literal) in parameters.OrderByDescending(p => p.Name.Length))
        {
            text = Regex.Replace(text, Regex.Escape(name) + @"\b", literal.Replace("$", "$$", StringComparison.Ordinal));
        }

        return text;
    }

    [GeneratedRegex(@"^-- @?(\w+)='(.*)'(?: \(.*\))?\r?$")]
    private static partial Regex PostgresParameter();

    [GeneratedRegex(@"^\.param set @?(\w+) (.*)$")]
    private static partial Regex SqliteParameter();

    private static async Task<string[]> CreateStaffAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var ids = new string[Staff];
        for (var i = 0; i < Staff; i++)
        {
            var email = $"operator{i:00}@bench.example";
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = ClaimGenerator.FullName(i * 3 + 1), CreatedAt = DateTime.UtcNow };
            var created = await manager.CreateAsync(user, "Bench-Operator-2026!");
            if (!created.Succeeded || !(await manager.AddToRoleAsync(user, StaffRole.Operator)).Succeeded)
            {
                throw new BenchFailedException($"staff user {email} could not be created");
            }

            ids[i] = user.Id;
        }

        return ids;
    }

    /// <summary>
    /// PostgreSQL: the secondary indexes and foreign keys of the three tables are dropped, the rows go in with binary
    /// COPY, then the indexes and keys are built again (as pg_restore does), the identities moved on, and the tables
    /// vacuumed and analysed (the visibility map lets the count read the index only).
    /// </summary>
    private static async Task LoadPostgresAsync(string connectionString, ClaimGenerator generator, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = "'claims', 'claim_lines', 'claim_search'";
        var indexes = await ListAsync(connection, $"SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ({tables}) AND indexname NOT LIKE 'pk_%'");
        var keys = await ListAsync(connection,
            $"SELECT conrelid::regclass || '.' || conname, 'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' || conname || ' ' || pg_get_constraintdef(oid) " +
            $"FROM pg_constraint WHERE contype = 'f' AND (conrelid::regclass::text IN ({tables}) OR confrelid::regclass::text IN ({tables}))");
        foreach (var (name, _) in keys)
        {
            var (table, constraint) = (name[..name.LastIndexOf('.')], name[(name.LastIndexOf('.') + 1)..]);
            await ExecuteAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT {constraint}");
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {name}");
        }

        await using (var claims = await connection.BeginBinaryImportAsync(
            "COPY claims (id, number, register_id, channel, contact_name, contact_email, contact_phone, contact_language, preferred_channel, " +
            "customer_type, legal_basis, category, requested_remedy, delivery_method, description, status, decision, assignee_id, priority, " +
            "received_at, decided_at, closed_at, next_due_at, created_at, updated_at, value, is_deleted, version) FROM STDIN (FORMAT BINARY)"))
        {
            for (var id = 1; id <= count; id++)
            {
                var c = generator.Claim(id);
                await claims.StartRowAsync();
                await claims.WriteAsync((long)id, NpgsqlDbType.Bigint);
                await claims.WriteAsync(c.Number, NpgsqlDbType.Varchar);
                await claims.WriteAsync(c.RegisterId, NpgsqlDbType.Integer);
                foreach (var text in new[] { c.Channel, c.ContactName, c.ContactEmail, c.ContactPhone, "pl", "email", c.CustomerType, c.LegalBasis, c.Category, c.Remedy, c.Delivery })
                {
                    await claims.WriteAsync(text, NpgsqlDbType.Varchar);
                }

                await claims.WriteAsync(c.Description, NpgsqlDbType.Text);
                await claims.WriteAsync(c.Status, NpgsqlDbType.Varchar);
                await claims.WriteAsync(c.Decision, NpgsqlDbType.Varchar);
                await WriteOrNullAsync(claims, c.AssigneeId, NpgsqlDbType.Varchar);
                await claims.WriteAsync(c.Priority, NpgsqlDbType.Varchar);
                await claims.WriteAsync(c.ReceivedAt, NpgsqlDbType.TimestampTz);
                await WriteOrNullAsync(claims, c.DecidedAt, NpgsqlDbType.TimestampTz);
                await WriteOrNullAsync(claims, c.ClosedAt, NpgsqlDbType.TimestampTz);
                await WriteOrNullAsync(claims, c.NextDueAt, NpgsqlDbType.TimestampTz);
                await claims.WriteAsync(c.ReceivedAt, NpgsqlDbType.TimestampTz);
                await claims.WriteAsync(c.UpdatedAt, NpgsqlDbType.TimestampTz);
                await claims.WriteAsync(c.Value, NpgsqlDbType.Numeric);
                await claims.WriteAsync(false, NpgsqlDbType.Boolean);
                await claims.WriteAsync(1, NpgsqlDbType.Integer);
            }

            await claims.CompleteAsync();
        }

        await using (var lines = await connection.BeginBinaryImportAsync(
            "COPY claim_lines (claim_id, line_no, reference_number, product_code, product_name, serial_number, quantity, unit_price, " +
            "purchase_date, sales_document_number, fault_description, decision) FROM STDIN (FORMAT BINARY)"))
        {
            for (var id = 1; id <= count; id++)
            {
                foreach (var l in generator.Claim(id).Lines)
                {
                    await lines.StartRowAsync();
                    await lines.WriteAsync((long)id, NpgsqlDbType.Bigint);
                    await lines.WriteAsync(l.LineNo, NpgsqlDbType.Integer);
                    await lines.WriteAsync(l.Reference, NpgsqlDbType.Varchar);
                    await lines.WriteAsync(l.ProductCode, NpgsqlDbType.Varchar);
                    await lines.WriteAsync(l.ProductName, NpgsqlDbType.Varchar);
                    await lines.WriteAsync(l.SerialNumber, NpgsqlDbType.Varchar);
                    await lines.WriteAsync(1m, NpgsqlDbType.Numeric);
                    await lines.WriteAsync(l.UnitPrice, NpgsqlDbType.Numeric);
                    await lines.WriteAsync(l.PurchaseDate, NpgsqlDbType.Date);
                    await lines.WriteAsync(l.SalesDocument, NpgsqlDbType.Varchar);
                    await lines.WriteAsync(l.Fault, NpgsqlDbType.Text);
                    await lines.WriteAsync(l.Decision, NpgsqlDbType.Varchar);
                }
            }

            await lines.CompleteAsync();
        }

        await using (var search = await connection.BeginBinaryImportAsync("COPY claim_search (claim_id, document, indexed_at) FROM STDIN (FORMAT BINARY)"))
        {
            var now = DateTime.UtcNow;
            for (var id = 1; id <= count; id++)
            {
                await search.StartRowAsync();
                await search.WriteAsync((long)id, NpgsqlDbType.Bigint);
                await search.WriteAsync(generator.Claim(id).Document, NpgsqlDbType.Text);
                await search.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await search.CompleteAsync();
        }

        await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'");
        foreach (var (_, definition) in indexes.Concat(keys))
        {
            await ExecuteAsync(connection, definition);
        }

        await ExecuteAsync(connection, "SELECT setval(pg_get_serial_sequence('claims', 'id'), (SELECT max(id) FROM claims))");
        await ExecuteAsync(connection, "SELECT setval(pg_get_serial_sequence('claim_lines', 'id'), (SELECT max(id) FROM claim_lines))");
        await ExecuteAsync(connection, "VACUUM ANALYZE claims, claim_lines, claim_search");
    }

    /// <summary>SQLite: prepared inserts, 10,000 claims to a transaction; the FTS5 table follows through its triggers.</summary>
    private static async Task LoadSqliteAsync(string connectionString, ClaimGenerator generator, int count)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA synchronous = OFF");
        var claim = Prepared(connection,
            "INSERT INTO claims (id, number, register_id, channel, contact_name, contact_email, contact_phone, contact_language, preferred_channel, " +
            "customer_type, legal_basis, category, requested_remedy, delivery_method, description, status, decision, assignee_id, priority, " +
            "received_at, decided_at, closed_at, next_due_at, created_at, updated_at, value, is_deleted, version) VALUES " +
            "($id, $number, $register, $channel, $contact, $email, $phone, 'pl', 'email', $ctype, $basis, $category, $remedy, $delivery, $description, " +
            "$status, $decision, $assignee, $priority, $received, $decided, $closed, $due, $received, $updated, $value, 0, 1)");
        var line = Prepared(connection,
            "INSERT INTO claim_lines (claim_id, line_no, reference_number, product_code, product_name, serial_number, quantity, unit_price, " +
            "purchase_date, sales_document_number, fault_description, decision) VALUES ($claim, $no, $reference, $code, $name, $serial, '1.0', " +
            "$price, $purchase, $document, $fault, $decision)");
        var search = Prepared(connection, "INSERT INTO claim_search (claim_id, document, indexed_at) VALUES ($claim, $document, $now)");
        var now = DateTime.UtcNow;
        for (var first = 1; first <= count; first += 10_000)
        {
            await using var transaction = connection.BeginTransaction();
            foreach (var command in new[] { claim, line, search })
            {
                command.Transaction = transaction;
            }

            for (var id = first; id < first + 10_000 && id <= count; id++)
            {
                var c = generator.Claim(id);
                Set(claim, ("$id", id), ("$number", c.Number), ("$register", c.RegisterId), ("$channel", c.Channel), ("$contact", c.ContactName),
                    ("$email", c.ContactEmail), ("$phone", c.ContactPhone), ("$ctype", c.CustomerType), ("$basis", c.LegalBasis),
                    ("$category", c.Category), ("$remedy", c.Remedy), ("$delivery", c.Delivery), ("$description", c.Description),
                    ("$status", c.Status), ("$decision", c.Decision), ("$assignee", c.AssigneeId), ("$priority", c.Priority),
                    ("$received", c.ReceivedAt), ("$decided", c.DecidedAt), ("$closed", c.ClosedAt), ("$due", c.NextDueAt),
                    ("$updated", c.UpdatedAt), ("$value", c.Value));
                await claim.ExecuteNonQueryAsync();
                foreach (var l in c.Lines)
                {
                    Set(line, ("$claim", id), ("$no", l.LineNo), ("$reference", l.Reference), ("$code", l.ProductCode), ("$name", l.ProductName),
                        ("$serial", l.SerialNumber), ("$price", l.UnitPrice), ("$purchase", l.PurchaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                        ("$document", l.SalesDocument), ("$fault", l.Fault), ("$decision", l.Decision));
                    await line.ExecuteNonQueryAsync();
                }

                Set(search, ("$claim", id), ("$document", c.Document), ("$now", now));
                await search.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await ExecuteAsync(connection, "ANALYZE");
    }

    private static SqliteCommand Prepared(SqliteConnection connection, string sql)
    {
        var command = new SqliteCommand(sql, connection);
        foreach (Match name in Regex.Matches(sql, @"\$\w+"))
        {
            if (!command.Parameters.Contains(name.Value))
            {
                command.Parameters.Add(new SqliteParameter(name.Value, null));
            }
        }

        return command;
    }

    private static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            // As EF Core's SQLite provider stores them: instants as text, amounts as text with the invariant culture.
            command.Parameters[name].Value = value switch
            {
                null => DBNull.Value,
                DateTime at => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                decimal amount => amount.ToString("0.0###", CultureInfo.InvariantCulture),
                _ => value,
            };
        }
    }

    private static async Task WriteOrNullAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(value, type);
        }
    }

    private static async Task<List<(string, string)>> ListAsync(NpgsqlConnection connection, string sql)
    {
        var rows = new List<(string, string)>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A generated claim line.</summary>
public sealed record GeneratedLine(int LineNo, string Reference, string ProductCode, string ProductName, string SerialNumber, decimal UnitPrice,
    DateOnly PurchaseDate, string SalesDocument, string Fault, string Decision);

/// <summary>A generated claim, with its lines and its search document.</summary>
public sealed record GeneratedClaim(
    string Number, int RegisterId, string Channel, string ContactName, string ContactEmail, string ContactPhone, string CustomerType,
    string LegalBasis, string Category, string Remedy, string Delivery, string? Description, string Status, string Decision, string? AssigneeId,
    string Priority, DateTime ReceivedAt, DateTime? DecidedAt, DateTime? ClosedAt, DateTime? NextDueAt, DateTime UpdatedAt, decimal Value,
    IReadOnlyList<GeneratedLine> Lines, string Document);

/// <summary>
/// Claims as a busy complaints desk has them, the same claim for the same id every time (a random generator seeded
/// by the id), so that each table's COPY can generate its rows again instead of holding a million claims in memory:
/// two years of claims, seven in ten closed; the open ones received in the last five weeks with a deadline 14 days
/// after receipt (some already past); nine in ten assigned to one of 20 operators; 1–3 lines with a product, a
/// unique serial number and a fault; Polish names; the search document folded by the application's own
/// <see cref="SearchText.Document"/>.
/// </summary>
public sealed class ClaimGenerator(Register register, IReadOnlyList<string> staff, DateTime now)
{
    private static readonly string[] FirstNames =
        ["Anna", "Piotr", "Katarzyna", "Tomasz", "Małgorzata", "Paweł", "Agnieszka", "Michał", "Ewa", "Krzysztof", "Zofia", "Jan",
         "Barbara", "Andrzej", "Joanna", "Łukasz", "Magdalena", "Grzegorz", "Aleksandra", "Wojciech"];

    private static readonly string[] LastNames =
        ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak",
         "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski",
         "Michalski", "Nowicki", "Adamczyk", "Dudek", "Zając", "Wieczorek", "Jabłoński", "Król", "Majewski", "Olszewski",
         "Jaworski", "Wróbel", "Malinowski", "Pawlak", "Witkowski", "Walczak", "Stępień", "Górski", "Rutkowski", "Michalak"];

    private static readonly string[] Products =
        ["Pralka", "Lodówka", "Zmywarka", "Odkurzacz", "Czajnik", "Ekspres do kawy", "Telewizor", "Mikrofalówka", "Suszarka", "Piekarnik"];

    private static readonly string[] Brands = ["Amica", "Bosch", "Samsung", "Electrolux", "Beko"];

    private static readonly string[] Faults =
        ["Nie włącza się.", "Głośno pracuje i wibruje.", "Przecieka woda.", "Pęknięta obudowa po dostawie.", "Nie grzeje.",
         "Wyświetla błąd E21.", "Brak jednej części w zestawie.", "Zarysowany front.", "Przestał działać po tygodniu.", "Iskrzy przy włączaniu."];

    private readonly IReadOnlyList<(string Code, StatusCategory Category)> _open =
        [.. register.Statuses.Where(s => s.Category != StatusCategory.Closed && !s.HiddenFromQueues).Select(s => (s.Code, s.Category))];

    private readonly IReadOnlyList<string> _closed = [.. register.Statuses.Where(s => s.Category == StatusCategory.Closed).Select(s => s.Code)];

    public static string FullName(int i) => $"{FirstNames[i % FirstNames.Length]} {LastNames[i * 7 % LastNames.Length]}";

    public static string ProductWord(int i) => Products[i % Products.Length].Split(' ')[0];

    public string SerialOf(int id) => Claim(id).Lines[0].SerialNumber;

    public GeneratedClaim Claim(int id)
    {
        var random = new Random(id);
        var closed = random.NextDouble() < 0.7;
        var received = closed
            ? now.AddMinutes(-random.Next(40 * 24 * 60, 730 * 24 * 60))
            : now.AddMinutes(-random.Next(0, 35 * 24 * 60));
        var status = closed ? _closed[random.Next(_closed.Count)] : _open[random.Next(_open.Count)].Code;
        var decision = closed ? (random.NextDouble() < 0.7 ? "accepted" : random.NextDouble() < 0.5 ? "rejected" : "partially_accepted") : "pending";
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var name = $"{first} {last}";
        var number = string.Create(CultureInfo.InvariantCulture, $"RMA-{received.Year}-{id:0000000}");
        var lines = new List<GeneratedLine>();
        var count = random.NextDouble() switch { < 0.6 => 1, < 0.9 => 2, _ => 3 };
        for (var n = 1; n <= count; n++)
        {
            var product = random.Next(Products.Length);
            var brand = Brands[random.Next(Brands.Length)];
            lines.Add(new GeneratedLine(n, NumberPattern.LineReference(number, n), $"{brand[..2].ToUpperInvariant()}-{product:00}{random.Next(100):00}",
                $"{Products[product]} {brand} {random.Next(100, 999)}", string.Create(CultureInfo.InvariantCulture, $"SN{id:00000000}{n}{random.Next(1000):000}"),
                Math.Round((decimal)(random.NextDouble() * 3000 + 100), 2), DateOnly.FromDateTime(received.AddDays(-random.Next(10, 700))),
                string.Create(CultureInfo.InvariantCulture, $"FV/{received.Year}/{random.Next(1, 999_999):000000}"), Faults[random.Next(Faults.Length)],
                decision == "partially_accepted" ? (n == 1 ? "accepted" : "rejected") : decision == "pending" ? "pending" : decision));
        }

        var email = $"{SearchText.Fold(first)}.{SearchText.Fold(last)}{random.Next(1000)}@example.pl".Replace(' ', '.');
        var phone = string.Create(CultureInfo.InvariantCulture, $"+48 {random.Next(500, 899)} {random.Next(100, 999)} {random.Next(100, 999)}");
        var description = random.NextDouble() < 0.3 ? "Proszę o szybki kontakt telefoniczny." : null;
        var document = SearchText.Document([number, name, email, phone, description,
            .. lines.SelectMany(l => new[] { l.Reference, l.ProductCode, l.ProductName, l.SerialNumber, l.SalesDocument, l.Fault })]);
        var decided = closed ? received.AddDays(random.Next(1, 14)) : (DateTime?)null;
        return new GeneratedClaim(number, register.Id, Pick(random, "web", "phone", "email", "portal", "in_person", "api"), name, email, phone,
            Pick(random, "consumer", "consumer", "consumer", "business", "pnpk"), Pick(random, "conformity", "conformity", "warranty_b2b", "guarantee", "goodwill"),
            Pick(random, "quality", "quality", "quality", "transport", "quantity", "other"), Pick(random, "repair", "replacement", "price_reduction", "withdrawal"),
            Pick(random, "courier_pickup", "customer_ships", "drop_off", "parcel_locker"), description, status, decision,
            random.NextDouble() < 0.9 ? staff[random.Next(staff.Count)] : null,
            random.NextDouble() switch { < 0.1 => "low", < 0.8 => "normal", < 0.95 => "high", _ => "urgent" },
            received, decided, closed ? decided!.Value.AddDays(random.Next(1, 10)) : null,
            closed ? null : received.AddDays(14).AddMinutes(random.Next(0, 600)),
            closed ? decided!.Value.AddDays(10) : received.AddHours(random.Next(1, 48)), lines.Sum(l => l.UnitPrice), lines, document);
    }

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];
}
