using System.Globalization;

namespace ClaimDesk.Bench;

/// <summary>The command line: how many claims, how many concurrent clients, how many full runs, and so on.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: ClaimDesk.Bench [--claims N] [--concurrency C] [--warmup W] [--slices S] [--runs R]
                              [--app-connection-options OPTIONS] [--show-sql]
               ClaimDesk.Bench --import [--documents N]
               ClaimDesk.Bench --grid [--claims N] [--sqlite-claims M] [--requests R]

          --claims N       claims measured per side and run (default 2000), each with 2 lines
          --concurrency C  concurrent clients on each side (default 8)
          --warmup W       claims per side in each warm-up round, not measured (default 200); rounds repeat until
                           the JIT has next to nothing left to compile (at most 20 rounds; 0: no warm-up)
          --slices S       each side's claims are measured in S slices, alternating between the sides (default 10)
          --runs R         full runs, each on two fresh databases; the summary gives the medians (default 1)
          --app-connection-options OPTIONS
                           added to the application's connection string only, e.g. "Max Auto Prepare=20"
          --show-sql       no benchmark: create a few claims through the API and print the SQL of the last one
          --import         master-data import instead: N sales documents of 4 lines as NDJSON through
                           POST /api/v1/sales-documents/import, then the same file again; on SQLite, and on
                           PostgreSQL when CLAIMDESK_BENCH_POSTGRES is set
          --documents N    sales documents of the import (default 25000, i.e. 100,000 lines)
          --grid           claim grid and full-text search instead: N claims (default 1,000,000) loaded into
                           PostgreSQL, M (default 100,000; 0: none) into SQLite, then R (default 200) timed grid
                           pages and searches on each, with their query plans
          --sqlite-claims M  claims of the --grid run on SQLite
          --requests R     timed requests of each kind in the --grid run

        CLAIMDESK_BENCH_POSTGRES must hold an Npgsql connection string of a PostgreSQL superuser (bench/run.sh sets it);
        --import runs on SQLite without it.
        """;

    public int Claims { get; init; } = 2000;

    public int Concurrency { get; init; } = 8;

    public int Warmup { get; init; } = 200;

    public int Slices { get; init; } = 10;

    public int Runs { get; init; } = 1;

    public string AppConnectionOptions { get; init; } = "";

    public bool ShowSql { get; init; }

    public bool Import { get; init; }

    public int Documents { get; init; } = 25_000;

    public bool Grid { get; init; }

    /// <summary>Whether --claims was given (the grid benchmark's default differs from the creation benchmark's).</summary>
    public bool ClaimsGiven { get; init; }

    public int SqliteClaims { get; init; } = 100_000;

    public int Requests { get; init; } = 200;

    /// <summary>The options, or the reason the arguments cannot be used.</summary>
    public static (BenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--show-sql")
            {
                options = options with { ShowSql = true };
                continue;
            }

            if (name == "--grid")
            {
                options = options with { Grid = true };
                continue;
            }

            if (name == "--import")
            {
                options = options with { Import = true };
                continue;
            }

            if (name == "--app-connection-options")
            {
                if (i + 1 >= args.Count)
                {
                    return (null, $"{name} needs Npgsql connection string options");
                }

                options = options with { AppConnectionOptions = args[++i].Trim().Trim(';') };
                continue;
            }

            if (name is not ("--claims" or "--concurrency" or "--warmup" or "--slices" or "--runs" or "--documents" or "--sqlite-claims" or "--requests"))
            {
                return (null, $"unknown argument '{name}'");
            }

            var minimum = name is "--warmup" or "--sqlite-claims" ? 0 : 1;
            if (i + 1 >= args.Count
                || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || value < minimum)
            {
                return (null, $"{name} needs a whole number of at least {minimum}");
            }

            i++;
            options = name switch
            {
                "--claims" => options with { Claims = value, ClaimsGiven = true },
                "--sqlite-claims" => options with { SqliteClaims = value },
                "--requests" => options with { Requests = value },
                "--concurrency" => options with { Concurrency = value },
                "--warmup" => options with { Warmup = value },
                "--slices" => options with { Slices = value },
                "--documents" => options with { Documents = value },
                _ => options with { Runs = value },
            };
        }

        return options.Slices > options.Claims && !options.Grid
            ? (null, "--slices cannot be more than --claims")
            : (options, null);
    }
}
