using System.Globalization;
using ClaimDesk.Core.Registers;
using Npgsql;

namespace ClaimDesk.Bench;

/// <summary>
/// After a side ran: the database holds exactly the claims created (warm-up included), their numbers are distinct and
/// gapless (1…total of this year's counter), and each has its customer, two lines, four creation audit events, two running deadlines and its search document.
/// </summary>
public static class Verification
{
    public static async Task CheckAsync(BenchDatabase database, string side, int expected)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();

        var claims = await CountAsync(connection, "SELECT count(*) FROM claims");
        var distinct = await CountAsync(connection, "SELECT count(DISTINCT number) FROM claims");
        var lines = await CountAsync(connection, "SELECT count(*) FROM claim_lines");
        var customers = await CountAsync(connection, "SELECT count(*) FROM customers");
        var audits = await CountAsync(connection,
            "SELECT count(*) FROM audit_events WHERE action = 'created' AND entity_type IN ('claim', 'claim_line')");
        var deadlines = await CountAsync(connection, "SELECT count(*) FROM claim_deadlines WHERE state = 'running'");
        var documents = await CountAsync(connection, "SELECT count(*) FROM claim_search");
        var problems = new List<string>();
        Expect(problems, "claims", claims, expected);
        Expect(problems, "distinct claim numbers", distinct, expected);
        Expect(problems, "claim lines", lines, 2L * expected);
        Expect(problems, "customers", customers, expected);
        Expect(problems, "claim creation audit events", audits, 4L * expected);
        Expect(problems, "running deadlines", deadlines, 2L * expected);
        Expect(problems, "search documents", documents, expected);

        var counters = new List<(string Pattern, int Year, long Last)>();
        await using (var counter = new NpgsqlCommand("""
            SELECT r.numbering_pattern, n.year, n.last_value FROM number_sequences n JOIN registers r ON r.id = n.register_id
            """, connection))
        await using (var reader = await counter.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                counters.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
            }
        }

        var numbers = new HashSet<string>(StringComparer.Ordinal);
        await using (var all = new NpgsqlCommand("SELECT number FROM claims", connection))
        await using (var reader = await all.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                numbers.Add(reader.GetString(0));
            }
        }

        if (counters.Count != 1)
        {
            problems.Add($"{counters.Count} number counters instead of 1");
        }
        else
        {
            var (pattern, year, last) = counters[0];
            Expect(problems, "the counter's last value", last, expected);
            var missing = Enumerable.Range(1, expected)
                .Select(sequence => NumberPattern.Format(pattern, new DateOnly(year, 1, 1), sequence))
                .Where(number => !numbers.Contains(number)).ToList();
            if (pattern.Contains("{MM}", StringComparison.Ordinal))
            {
                problems.Add($"the pattern {pattern} holds the month; the check knows only yearly patterns");
            }
            else if (missing.Count > 0)
            {
                problems.Add($"{missing.Count} numbers of 1…{expected} are missing, e.g. {missing[0]}");
            }
        }

        if (problems.Count > 0)
        {
            throw new BenchFailedException($"{side}: the database is not what {expected} created claims leave: {string.Join("; ", problems)}.");
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static void Expect(List<string> problems, string what, long actual, long expected)
    {
        if (actual != expected)
        {
            problems.Add($"{what}: {actual} instead of {expected}");
        }
    }
}
