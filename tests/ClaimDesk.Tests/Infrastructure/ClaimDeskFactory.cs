using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// The real application on a given test database, configured the way an operator would: through the
/// <c>ClaimDesk:*</c> settings and <c>ConnectionStrings:ClaimDesk</c>.
/// </summary>
public sealed class ClaimDeskFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@claimdesk.local";
    public const string AdminPassword = "Admin-Pass-2026!";

    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>
    /// An <paramref name="adminPassword"/> of null lets ClaimDesk generate the administrator's one-time password.
    /// <paramref name="settings"/> adds or overrides settings; <paramref name="services"/> replaces services (a clock).
    /// </summary>
    public ClaimDeskFactory(
        TestDatabase database, string? adminPassword = AdminPassword, bool demo = false, bool kestrel = false, int signInsPerMinute = 10_000,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _database = database;
        _services = services;
        _settings = new()
        {
            ["ClaimDesk:DataDirectory"] = database.DataDirectory,
            ["ClaimDesk:Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:ClaimDesk"] = database.ConnectionString,
            ["ClaimDesk:Admin:Email"] = AdminEmail,
            ["ClaimDesk:Admin:Password"] = adminPassword ?? "",
            ["ClaimDesk:Demo"] = demo ? "true" : "false",
            // The deadline scanner runs when a test asks (DeadlineScanner.ScanOnceAsync), not on its own.
            ["ClaimDesk:Deadlines:ScanSeconds"] = "0",
            ["ClaimDesk:RateLimits:SignInPerMinute"] = signInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public TestDatabase Database => _database;

    public LogCapture Logs { get; } = new();

    /// <summary>The real address when the factory runs on Kestrel (browser tests).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
