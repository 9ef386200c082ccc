namespace ClaimDesk.Web.Infrastructure;

/// <summary>
/// Splits the command line into a command (<c>migrate</c>, <c>schema-script</c>, <c>create-api-key</c>; none = run
/// the web app), the command's own options, the <c>--demo</c> switch, and the arguments left for ASP.NET Core's own
/// configuration (<c>--urls</c> …).
/// </summary>
public sealed record CommandLine(
    string? Command, IReadOnlyList<string> CommandArguments, bool Demo, string[] HostArguments, string? Error)
{
    public const string Migrate = "migrate";
    public const string SchemaScript = "schema-script";
    public const string CreateApiKey = "create-api-key";

    public const string Usage = """
        Usage: ClaimDesk.Web [command] [--demo] [--urls URL] [--Key=Value ...]
          (no command)              run the web application
          migrate                   apply pending schema scripts and exit
          schema-script Sqlite|Postgres
                                    print the CREATE script of the current EF model (to write a new schema script)
          create-api-key --name NAME --scopes claims:read,claims:write [--role Operator|Manager]
                                    issue an API key (role default Operator); prints only the key on stdout
          --demo                    seed demo data into an empty database
        """;

    private static readonly string[] Commands = [Migrate, SchemaScript, CreateApiKey];

    /// <summary>The options each command takes as <c>--option value</c> or <c>--option=value</c>.</summary>
    private static readonly Dictionary<string, string[]> OptionsOf = new(StringComparer.Ordinal)
    {
        [CreateApiKey] = ["name", "scopes", "role"],
    };

    /// <summary>The command's own options by name without the dashes (<c>name</c> → <c>ERP</c>).</summary>
    public IReadOnlyDictionary<string, string> CommandOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>False when the command itself is unknown: then the usage helps more than the error alone.</summary>
    public bool IsKnownCommand => Command is null || Commands.Contains(Command, StringComparer.Ordinal);

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

        if (OptionsOf.TryGetValue(command, out var known))
        {
            return ParseOptions(command, known, rest.Skip(1).ToList(), demo);
        }

        var commandArguments = rest.Skip(1).TakeWhile(a => !a.StartsWith('-')).ToList();
        var hostArguments = rest.Skip(1 + commandArguments.Count).ToArray();
        return new CommandLine(command, commandArguments, demo, hostArguments, null);
    }

    /// <summary>Takes the command's options out, wherever they stand; everything else is left for the host.</summary>
    private static CommandLine ParseOptions(string command, string[] known, List<string> arguments, bool demo)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var hostArguments = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = argument.StartsWith("--", StringComparison.Ordinal)
                ? (equals < 0 ? argument[2..] : argument[2..equals])
                : null;
            if (name is null || !known.Contains(name, StringComparer.Ordinal))
            {
                hostArguments.Add(argument);
                continue;
            }

            if (equals >= 0)
            {
                options[name] = argument[(equals + 1)..];
            }
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[name] = arguments[++i];
            }
            else
            {
                return new CommandLine(command, [], demo, [], $"{command}: --{name} needs a value.");
            }
        }

        return new CommandLine(command, [], demo, [.. hostArguments], null) { CommandOptions = options };
    }
}
