namespace ClaimDesk.Web.Infrastructure;

/// <summary>
/// Splits the command line into a command (<c>migrate</c>, <c>schema-script</c>; none = run the web app), the
/// <c>--demo</c> switch, and the arguments left for ASP.NET Core's own configuration (<c>--urls</c> …).
/// </summary>
public sealed record CommandLine(
    string? Command, IReadOnlyList<string> CommandArguments, bool Demo, string[] HostArguments, string? Error)
{
    public const string Migrate = "migrate";
    public const string SchemaScript = "schema-script";

    public const string Usage = """
        Usage: ClaimDesk.Web [command] [--demo] [--urls URL] [--Key=Value ...]
          (no command)              run the web application
          migrate                   apply pending schema scripts and exit
          schema-script Sqlite|Postgres
                                    print the CREATE script of the current EF model (to write a new schema script)
          --demo                    seed demo data into an empty database
        """;

    private static readonly string[] Commands = [Migrate, SchemaScript];

    public static CommandLine Parse(string[] args)
    {
        var demo = args.Contains("--demo", StringComparer.Ordinal);
        var rest = args.Where(a => a != "--demo").ToList();
        if (rest.Count == 0 || rest[0].StartsWith('-'))
        {
            return new CommandLine(null, [], demo, [.. rest], null);
        }

        var command = rest[0];
        if (!Commands.Contains(command, StringComparer.Ordinal))
        {
            return new CommandLine(command, [], demo, [], $"Unknown command '{command}'.");
        }

        var commandArguments = rest.Skip(1).TakeWhile(a => !a.StartsWith('-')).ToList();
        var hostArguments = rest.Skip(1 + commandArguments.Count).ToArray();
        return new CommandLine(command, commandArguments, demo, hostArguments, null);
    }
}
