using System.Data.Common;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Web.Data;

/// <summary>
/// Runs at start-up (and as the <c>migrate</c> command): brings the schema up to date, then seeds roles, the first
/// administrator and, when asked, demo data. Database errors become one-line <see cref="StartupException"/>s.
/// </summary>
public sealed class DatabaseInitializer(
    SchemaMigrator migrator, ReferenceDataSeeder referenceData, Features.Notifications.NotificationDefaults notifications,
    AccountSeeder accounts, DemoData demoData, DatabaseInfo database, AppDbContext db, TimeProvider clock)
{
    public async Task InitializeAsync(bool seedDemo, CancellationToken cancellationToken = default)
    {
        try
        {
            await migrator.MigrateAsync(cancellationToken);
            // Claims from before the search index (or loaded around EF) are indexed once.
            await Features.Search.ClaimSearch.IndexMissingAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await referenceData.SeedAsync(cancellationToken);
            await notifications.SeedAsync(cancellationToken);
            await accounts.SeedAsync(seedDemo, cancellationToken);
            if (seedDemo)
            {
                await demoData.SeedAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is DbException or InvalidOperationException { InnerException: DbException })
        {
            var inner = e as DbException ?? (DbException)e.InnerException!;
            throw new StartupException(
                $"The {database.Provider} database given by ConnectionStrings:{DatabaseSetup.ConnectionStringName} " +
                $"(ClaimDesk:Database:Provider = {database.Provider}) cannot be used: {OneLine(inner.Message)}", e);
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
