using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
        builder.Services.AddDbContextPool<AppDbContext>((services, db) =>
        {
            Configure(db, provider, connectionString);
            if (builder.Environment.IsDevelopment())
            {
                // A page or batch limited without an order returns rows the database picks; in development (and in
                // the tests, which run in it) that is an error, not a warning in the log.
                db.ConfigureWarnings(w => w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
            }

            db.AddInterceptors(new Features.Search.ClaimSearchInterceptor(services.GetRequiredService<TimeProvider>()));
        });
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

    /// <summary>
    /// Npgsql prepares the statements a node sends most (Max Auto Prepare=20) unless the connection string says
    /// otherwise: PostgreSQL then parses and plans them once per connection, not on every claim. Set
    /// <c>Max Auto Prepare=0</c> behind a PgBouncer older than 1.21 in transaction mode.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 20;
        }

        return builder.ConnectionString;
    }

    public static void Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString)
    {
        try
        {
            _ = provider == DatabaseProvider.Postgres
                ? db.UseNpgsql(WithAutoPrepare(connectionString))
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
