using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "ClaimDesk";

    /// <summary>Registers <see cref="AppDbContext"/> for the configured provider, or explains what setting is wrong.</summary>
    public static DatabaseProvider AddClaimDeskDatabase(
        this WebApplicationBuilder builder, ClaimDeskOptions options, DataDirectory dataDirectory)
    {
        var provider = ParseProvider(options.Database.Provider);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? $"Data Source={dataDirectory.Combine("claimdesk.db")}"
                : throw new StartupException(
                    $"ConnectionStrings:{ConnectionStringName} must be set when ClaimDesk:Database:Provider is Postgres.");
        }

        builder.Services.AddSingleton(new DatabaseInfo(provider));
        builder.Services.AddDbContext<AppDbContext>(db => Configure(db, provider, connectionString));
        builder.Services.AddScoped<SchemaMigrator>();
        builder.Services.AddScoped<DatabaseInitializer>();
        builder.Services.AddScoped<ReferenceDataSeeder>();
        builder.Services.AddScoped<DemoData>();
        return provider;
    }

    public static DatabaseProvider ParseProvider(string? name)
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (string.Equals(provider.ToString(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new StartupException(
            $"ClaimDesk:Database:Provider is '{name}', but it must be 'Sqlite' or 'Postgres'.");
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString)
    {
        try
        {
            _ = provider == DatabaseProvider.Postgres
                ? db.UseNpgsql(connectionString)
                : db.UseSqlite(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupException(
                $"ConnectionStrings:{ConnectionStringName} is not a valid {provider} connection string: {e.Message}", e);
        }

        db.UseSnakeCaseNamingConvention();
    }
}
