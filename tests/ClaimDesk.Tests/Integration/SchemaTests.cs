using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClaimDesk.Tests.Integration;

/// <summary>The numbered schema scripts build exactly the schema the EF model describes, on both providers.</summary>
public sealed class SchemaTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_migrated_schema_equals_the_schema_the_EF_model_would_create(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var modelCreated = await TestDatabase.CreateAsync(provider);

        await using (var db = Context(migrated))
        {
            var applied = await new SchemaMigrator(db, new DatabaseInfo(provider), NullLogger<SchemaMigrator>.Instance).MigrateAsync();
            Assert.Equal(SchemaScript.For(provider).Count, applied);
        }

        await using (var db = Context(modelCreated))
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
        }

        var expected = await SchemaDescription.ReadAsync(provider, modelCreated.ConnectionString);
        var actual = await SchemaDescription.ReadAsync(provider, migrated.ConnectionString);
        Assert.Contains("table users", expected);
        Assert.Equal(expected, actual);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_schema_change_missing_from_the_scripts_is_detected(DatabaseProvider provider)
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var modelCreated = await TestDatabase.CreateAsync(provider);
        await using (var db = Context(migrated))
        {
            await new SchemaMigrator(db, new DatabaseInfo(provider), NullLogger<SchemaMigrator>.Instance).MigrateAsync();
            // As if a script had forgotten an index the model has.
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_users_created_at");
        }

        await using (var db = Context(modelCreated))
        {
            await db.Database.EnsureCreatedAsync();
        }

        Assert.NotEqual(
            await SchemaDescription.ReadAsync(provider, modelCreated.ConnectionString),
            await SchemaDescription.ReadAsync(provider, migrated.ConnectionString));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Migrating_twice_applies_nothing_the_second_time(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = Context(database);
        var migrator = new SchemaMigrator(db, new DatabaseInfo(provider), NullLogger<SchemaMigrator>.Instance);

        Assert.True(await migrator.MigrateAsync() > 0);
        Assert.Equal(0, await migrator.MigrateAsync());
        Assert.Empty(await migrator.PendingAsync());
    }

    [Fact]
    public void Both_providers_have_the_same_numbered_scripts_without_gaps()
    {
        var sqlite = SchemaScript.For(DatabaseProvider.Sqlite);
        var postgres = SchemaScript.For(DatabaseProvider.Postgres);

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite.Select(s => (s.Version, s.Name)), postgres.Select(s => (s.Version, s.Name)));
        Assert.Equal(Enumerable.Range(1, sqlite.Count), sqlite.Select(s => s.Version));
    }

    private static AppDbContext Context(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, database.Provider, database.ConnectionString);
        return new AppDbContext(options.Options);
    }
}
