namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// What scripts/test.sh provides: a throwaway PostgreSQL server and Debian's Chromium. Run through dotnet test
/// alone, tests that need a missing one are skipped; under CI (CLAIMDESK_REQUIRE_ALL=1) they run and fail instead.
/// </summary>
public static class TestEnvironment
{
    public static string? PostgresAdminConnectionString => Environment.GetEnvironmentVariable("CLAIMDESK_TEST_POSTGRES");

    public static string? ChromiumPath => Environment.GetEnvironmentVariable("CLAIMDESK_CHROMIUM")
        ?? (File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null);

    public static bool RequireAll => Environment.GetEnvironmentVariable("CLAIMDESK_REQUIRE_ALL") == "1";

    /// <summary>The repository root (the folder holding ClaimDesk.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClaimDesk.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ClaimDesk.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A test that needs PostgreSQL: skipped without one, except under CI where that is a failure.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestEnvironment.PostgresAdminConnectionString is null && !TestEnvironment.RequireAll)
        {
            Skip = "CLAIMDESK_TEST_POSTGRES is not set (scripts/test.sh starts a PostgreSQL server and sets it).";
        }
    }
}

/// <summary>A test that drives Chromium: skipped without one, except under CI where that is a failure.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (TestEnvironment.ChromiumPath is null && !TestEnvironment.RequireAll)
        {
            Skip = "Chromium is not installed (scripts/test.sh installs Debian's chromium).";
        }
    }
}
