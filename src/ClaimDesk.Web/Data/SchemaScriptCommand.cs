using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Data;

/// <summary>
/// <c>schema-script Sqlite|Postgres</c>: prints what EF Core would create for the current model, the starting point
/// of a new numbered script (EF's design-time tooling is not available to us).
/// </summary>
public static class SchemaScriptCommand
{
    public static string Generate(IReadOnlyList<string> arguments)
    {
        var provider = DatabaseSetup.ParseProvider(arguments.Count > 0 ? arguments[0] : null);
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, provider,
            provider == DatabaseProvider.Postgres ? "Host=localhost" : "Data Source=:memory:");
        using var db = new AppDbContext(options.Options);
        return db.Database.GenerateCreateScript();
    }
}
