using System.Collections.Concurrent;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Features.ApiKeys;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClaimDesk.Bench;

/// <summary>
/// The real ClaimDesk (its <c>Program</c>, configuration, middleware and endpoints) on Kestrel in this process, on a
/// random port of 127.0.0.1, configured the way an operator would: PostgreSQL through <c>ConnectionStrings:ClaimDesk</c>,
/// the Production environment. Only the start-up log is quietened (nothing is logged per request at any level).
/// </summary>
public sealed class BenchApp : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("claimdesk-bench-").FullName;
    private readonly string _connectionString;
    private readonly SqlCapture? _sql;
    private readonly string _provider;

    /// <param name="connectionString">The database the application runs on.</param>
    /// <param name="sql">When given, EF's SQL, connection and transaction events go there (diagnostics only).</param>
    /// <param name="provider"><c>Postgres</c>, or <c>Sqlite</c> (the import benchmark).</param>
    public BenchApp(string connectionString, SqlCapture? sql = null, string provider = "Postgres")
    {
        _connectionString = connectionString;
        _sql = sql;
        _provider = provider;
        UseKestrel(0);
    }

    /// <summary>Where Kestrel listens, on 127.0.0.1.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>The data directory of this run (the SQLite file of the import benchmark lives there).</summary>
    public string DataDirectory => _dataDirectory;

    /// <summary>
    /// Issues an API key acting as an operator, as an integration would get one; by default it may write claims.
    /// </summary>
    public async Task<string> CreateApiKeyAsync(params string[] scopes)
    {
        await using var scope = Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync("benchmark", scopes.Length > 0 ? scopes : [ApiKeyService.ClaimsRead, ApiKeyService.ClaimsWrite],
            StaffRole.Operator, ClaimDesk.Core.Claims.Actor.System);
        return created.Secret;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("ClaimDesk:DataDirectory", _dataDirectory);
        builder.UseSetting("ClaimDesk:Database:Provider", _provider);
        builder.UseSetting("ConnectionStrings:ClaimDesk", _connectionString.Replace("{data}", _dataDirectory, StringComparison.Ordinal));
        builder.UseSetting("ClaimDesk:Admin:Password", "Bench-Admin-2026!");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (_sql is not null)
        {
            builder.ConfigureLogging(logging =>
            {
                logging.AddProvider(_sql);
                logging.AddFilter<SqlCapture>("Microsoft.EntityFrameworkCore.Database", LogLevel.Debug);
            });
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the stopping host; the temporary folder is left to the OS.
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>One EF Core database event: its category (Command, Connection, Transaction), its name and message.</summary>
public sealed record SqlEvent(string Category, string Name, string Message);

/// <summary>Collects EF Core's database events (commands, connections, transactions) while <see cref="Enabled"/>.</summary>
public sealed class SqlCapture : ILoggerProvider
{
    private const string Prefix = "Microsoft.EntityFrameworkCore.Database.";

    private readonly ConcurrentQueue<SqlEvent> _events = new();

    public bool Enabled { get; set; }

    public IReadOnlyList<SqlEvent> Events => [.. _events];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(SqlCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (owner.Enabled && category.StartsWith(Prefix, StringComparison.Ordinal))
            {
                var name = eventId.Name ?? "";
                owner._events.Enqueue(new SqlEvent(category[Prefix.Length..], name[(name.LastIndexOf('.') + 1)..], formatter(state, exception)));
            }
        }
    }
}
