using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Npgsql;

namespace ClaimDesk.Bench;

/// <summary>
/// Claim creation through the API on PostgreSQL next to the same rows written with plain Npgsql, in the same run,
/// on fresh databases, with the same number of concurrent clients. See bench/README.md.
/// </summary>
public static class BenchProgram
{
    public const string ConnectionVariable = "CLAIMDESK_BENCH_POSTGRES";

    public static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory finds the application's content root through MvcTestingAppManifest.json in the
        // current directory; the build puts it beside this program.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var (options, error) = BenchOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"ClaimDesk.Bench: {error}");
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        var admin = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (options.Import)
        {
            return await ImportBench.RunAsync(string.IsNullOrWhiteSpace(admin) ? null : admin, options.Documents);
        }

        if (options.Grid)
        {
            return await GridBench.RunAsync(string.IsNullOrWhiteSpace(admin) ? null : admin,
                options.ClaimsGiven ? options.Claims : 1_000_000, options.SqliteClaims, options.Requests);
        }

        if (string.IsNullOrWhiteSpace(admin))
        {
            await Console.Error.WriteLineAsync(
                $"ClaimDesk.Bench: {ConnectionVariable} is not set; bench/run.sh starts a PostgreSQL server and sets it.");
            return 2;
        }

        try
        {
            if (options.ShowSql)
            {
                await ShowSqlAsync(admin);
                return 0;
            }

            await DescribeAsync(admin, options);
            var runs = new List<RunResult>();
            for (var run = 1; run <= options.Runs; run++)
            {
                var result = await RunAsync(admin, options, run);
                runs.Add(result);
                Console.WriteLine(Report.Line(result));
            }

            Console.WriteLine();
            Console.WriteLine(Report.Table(runs));
            return 0;
        }
        catch (BenchFailedException failure)
        {
            await Console.Error.WriteLineAsync($"ClaimDesk.Bench FAILED: {failure.Message}");
            return 1;
        }
    }

    /// <summary>
    /// One full run on two fresh databases: both sides are started and warmed up, then each side's claims are
    /// created in slices that alternate between the sides (raw, API, API, raw, raw, API, …), so that a burst of other
    /// load on the shared machine falls on both sides alike. A side's figures pool its slices.
    /// </summary>
    private static async Task<RunResult> RunAsync(string admin, BenchOptions options, int run)
    {
        await using var apiDatabase = await BenchDatabase.CreateAsync(admin, "api");
        await using var rawDatabase = await BenchDatabase.CreateAsync(admin, "raw");
        var warmup = 0;
        var rawSlices = new List<SideResult>();
        var apiSlices = new List<SideResult>();
        await using (IClaimWriter raw = await RawSide.PrepareAsync(rawDatabase))
        await using (IClaimWriter api = await ApiSide.StartAsync(apiDatabase, options.Concurrency, options.AppConnectionOptions))
        {
            warmup = await WarmUpAsync(raw, api, options);

            for (var slice = 0; slice < options.Slices; slice++)
            {
                var claims = options.Claims / options.Slices + (slice < options.Claims % options.Slices ? 1 : 0);
                var (first, second, firstSlices, secondSlices) = (slice + run) % 2 == 1
                    ? (raw, api, rawSlices, apiSlices)
                    : (api, raw, apiSlices, rawSlices);
                firstSlices.Add(await Workload.RunAsync(first, claims, options.Concurrency));
                secondSlices.Add(await Workload.RunAsync(second, claims, options.Concurrency));
            }
        }

        var expected = warmup + options.Claims;
        await Verification.CheckAsync(rawDatabase, "raw Npgsql", expected);
        await Verification.CheckAsync(apiDatabase, "API", expected);
        return new RunResult(run, SideResult.Combine(rawSlices), SideResult.Combine(apiSlices));
    }

    /// <summary>
    /// Warm-up rounds of <see cref="BenchOptions.Warmup"/> claims on each side, until a round and the pause after it
    /// leave the JIT (nearly) nothing new to compile: ASP.NET Core and EF Core are thousands of methods that tiered
    /// compilation recompiles in the background, on the same two CPUs, long after the first requests. Returns the
    /// claims each side created.
    /// </summary>
    private static async Task<int> WarmUpAsync(IClaimWriter raw, IClaimWriter api, BenchOptions options)
    {
        const int MaxRounds = 20;
        const int Quiet = 20;
        var claims = 0;
        var compiled = new List<long>();
        for (var round = 1; round <= MaxRounds && options.Warmup > 0; round++)
        {
            var before = JitInfo.GetCompiledMethodCount();
            await Workload.RunAsync(raw, options.Warmup, options.Concurrency);
            await Workload.RunAsync(api, options.Warmup, options.Concurrency);
            claims += options.Warmup;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            compiled.Add(JitInfo.GetCompiledMethodCount() - before);
            if (compiled[^1] <= Quiet)
            {
                break;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up: {compiled.Count} round(s), {claims} claims per side; methods compiled per round: {string.Join(", ", compiled)}"));
        return claims;
    }

    private static async Task DescribeAsync(string admin, BenchOptions options)
    {
        string server;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            server = connection.PostgreSqlVersion.ToString();
        }

        var appOptions = options.AppConnectionOptions.Length > 0
            ? $", application connection string + '{options.AppConnectionOptions}'"
            : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ClaimDesk.Bench: {options.Claims} claims (2 lines each) per side after warm-up rounds of {options.Warmup}, " +
            $"{options.Concurrency} concurrent clients, {options.Slices} alternating slices, {options.Runs} run(s){appOptions}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, " +
            $"{RuntimeInformation.FrameworkDescription}, PostgreSQL {server}"));
        Console.WriteLine("cpu: share of all CPUs busy while a side ran, machine-wide / this process (client and in-process server)");
        Console.WriteLine();
    }

    /// <summary>
    /// Diagnostics: the database work of one API call (after a few warm-up calls), one line per message exchange
    /// with PostgreSQL. Npgsql sends BEGIN and SAVEPOINT along with the next command; RELEASE SAVEPOINT and COMMIT
    /// are round trips of their own.
    /// </summary>
    private static async Task ShowSqlAsync(string admin)
    {
        await using var database = await BenchDatabase.CreateAsync(admin, "sql");
        var sql = new SqlCapture();
        await using var api = await ApiSide.StartAsync(database, 1, "", sql);
        for (var i = 0; i < 3; i++)
        {
            await api.CreateClaimAsync(CancellationToken.None);
        }

        sql.Enabled = true;
        await api.CreateClaimAsync(CancellationToken.None);
        sql.Enabled = false;

        var roundTrips = 0;
        var prepended = new List<string>();
        foreach (var e in sql.Events)
        {
            var step = (e.Category, e.Name) switch
            {
                ("Connection", "ConnectionOpened") => "(connection taken from the pool)",
                ("Connection", "ConnectionClosed") => "(connection returned to the pool)",
                ("Transaction", "TransactionStarted") => Prepend(prepended, "BEGIN"),
                ("Transaction", "CreatedTransactionSavepoint") => Prepend(prepended, "SAVEPOINT"),
                ("Transaction", "ReleasedTransactionSavepoint") => RoundTrip(ref roundTrips, prepended, "RELEASE SAVEPOINT"),
                ("Transaction", "TransactionCommitted") => RoundTrip(ref roundTrips, prepended, "COMMIT"),
                ("Transaction", "TransactionRolledBack") => RoundTrip(ref roundTrips, prepended, "ROLLBACK"),
                ("Command", "CommandExecuted") => RoundTrip(ref roundTrips, prepended, Statements(e.Message)),
                _ => null,
            };
            if (step is not null)
            {
                Console.WriteLine(step);
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{roundTrips} round trips to PostgreSQL for one POST /api/v1/claims (raw Npgsql side: 5)."));
    }

    private static string? Prepend(List<string> prepended, string statement)
    {
        prepended.Add(statement);
        return null;
    }

    private static string RoundTrip(ref int roundTrips, List<string> prepended, string statements)
    {
        roundTrips++;
        var sent = string.Join(" + ", [.. prepended, statements]);
        prepended.Clear();
        return string.Create(CultureInfo.InvariantCulture, $"round trip {roundTrips}: {sent}");
    }

    /// <summary>The first line of each statement of an executed command, repeats counted, e.g. "INSERT INTO claim_lines (…) ×2".</summary>
    private static string Statements(string message)
    {
        var duration = message[(message.IndexOf('(', StringComparison.Ordinal) + 1)..message.IndexOf(')', StringComparison.Ordinal)];
        var text = message[(message.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        var firsts = text.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(statement => statement.Split('\n')[0].Trim())
            .Select(line => line.Length > 90 ? line[..90] + "…" : line);
        var grouped = firsts.GroupBy(line => line).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}");
        return $"{string.Join(" ; ", grouped)} [{duration}]";
    }
}

public sealed record RunResult(int Run, SideResult Raw, SideResult Api)
{
    public double Ratio => Api.ClaimsPerSecond / Raw.ClaimsPerSecond;
}

/// <summary>The figures as text: one line per run, then a Markdown table with the medians.</summary>
public static class Report
{
    public static string Line(RunResult run) => string.Create(CultureInfo.InvariantCulture,
        $"run {run.Run}: raw {Side(run.Raw)} | API {Side(run.Api)} | API/raw {run.Ratio:0.00}");

    public static string Table(IReadOnlyList<RunResult> runs)
    {
        var lines = new List<string>
        {
            "| run | raw claims/s | raw p50 ms | raw p99 ms | API claims/s | API p50 ms | API p99 ms | API/raw | cpu raw side | cpu API side |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
        };
        lines.AddRange(runs.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Run} | {r.Raw.ClaimsPerSecond:0} | {r.Raw.P50:0.0} | {r.Raw.P99:0.0} | {r.Api.ClaimsPerSecond:0} | {r.Api.P50:0.0} | {r.Api.P99:0.0} | {r.Ratio:0.00} | {r.Raw.Cpu} | {r.Api.Cpu} |")));
        if (runs.Count > 1)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| median | {Median(runs, r => r.Raw.ClaimsPerSecond):0} | {Median(runs, r => r.Raw.P50):0.0} | {Median(runs, r => r.Raw.P99):0.0} | {Median(runs, r => r.Api.ClaimsPerSecond):0} | {Median(runs, r => r.Api.P50):0.0} | {Median(runs, r => r.Api.P99):0.0} | {Median(runs, r => r.Ratio):0.00} | | |"));
        }

        var ratio = Median(runs, r => r.Ratio);
        lines.Add("");
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"target API >= 0.5 x raw: {(ratio >= 0.5 ? "met" : "NOT met")} (median ratio {ratio:0.00} over {runs.Count} run(s))"));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Side(SideResult side) => string.Create(CultureInfo.InvariantCulture,
        $"{side.ClaimsPerSecond:0} claims/s, p50 {side.P50:0.0} ms, p99 {side.P99:0.0} ms (cpu {side.Cpu})");

    private static double Median(IReadOnlyList<RunResult> runs, Func<RunResult, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
