using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClaimDesk.Web.Features.ApiKeys;

namespace ClaimDesk.Bench;

/// <summary>
/// Creates claims as an integration does: <c>POST /api/v1/claims</c> over HTTP/1.1 to Kestrel on 127.0.0.1 with an
/// <c>X-Api-Key</c>, through the whole middleware pipeline (authentication, authorization, rate limiter, …).
/// </summary>
public sealed class ApiSide : IClaimWriter
{
    /// <summary>
    /// The claim the integration tests send (<c>ApiClients.NewClaim(lines: 2)</c>), serialised once: the server
    /// still reads and validates every byte, the client just does not spend the shared CPU re-serialising it.
    /// </summary>
    public static readonly byte[] Body = JsonSerializer.SerializeToUtf8Bytes(NewClaim(lines: 2), JsonSerializerOptions.Web);

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly BenchApp _app;
    private readonly HttpClient _client;

    private ApiSide(BenchApp app, HttpClient client)
    {
        _app = app;
        _client = client;
    }

    public string Name => "API";

    /// <summary>
    /// Starts the application on <paramref name="database"/> (which migrates it) and issues an API key.
    /// <paramref name="connectionOptions"/> (e.g. <c>Max Auto Prepare=20</c>) are added to the application's
    /// connection string, to measure a setting an operator could choose.
    /// </summary>
    public static async Task<ApiSide> StartAsync(BenchDatabase database, int concurrency, string connectionOptions, SqlCapture? sql = null)
    {
        var connectionString = connectionOptions.Length == 0 ? database.ConnectionString : $"{database.ConnectionString};{connectionOptions}";
        var app = new BenchApp(connectionString, sql);
        try
        {
            var address = app.ServerAddress;
            var key = await app.CreateApiKeyAsync();
#pragma warning disable CA2000 // The client owns the handler and is disposed with this side.
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }, disposeHandler: true)
#pragma warning restore CA2000
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromMinutes(2),
            };
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
            return new ApiSide(app, client);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async Task CreateClaimAsync(CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Body);
        content.Headers.ContentType = Json;
        using var response = await _client.PostAsync(new Uri("/api/v1/claims", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new BenchFailedException(
                $"POST /api/v1/claims answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>The same data as the tests' <c>ApiClients.NewClaim</c>.</summary>
    public static Dictionary<string, object?> NewClaim(int lines) => new()
    {
        ["register"] = "complaints",
        ["channel"] = "phone",
        ["customer"] = new Dictionary<string, object?> { ["name"] = "Jan Kowalski" },
        ["contact"] = new Dictionary<string, object?>
        {
            ["name"] = "Jan Kowalski", ["email"] = "jan.kowalski@example.pl", ["phone"] = "+48 600 100 200", ["language"] = "pl",
        },
        ["customerType"] = "consumer",
        ["legalBasis"] = "conformity",
        ["category"] = "quality",
        ["requestedRemedy"] = "repair",
        ["deliveryMethod"] = "courier_pickup",
        ["pickupAddress"] = "ul. Długa 5\n00-001 Warszawa\nPolska",
        ["lines"] = Enumerable.Range(1, lines).Select(i => new Dictionary<string, object?>
        {
            ["productCode"] = $"AM-PA61{i}",
            ["productName"] = $"Pralka Amica PA-61{i}",
            ["serialNumber"] = $"SN-{i:0000}",
            ["quantity"] = 1,
            ["unitPrice"] = 1499.99m,
            ["purchaseDate"] = "2026-03-01",
            ["faultDescription"] = "Nie wiruje, głośno pracuje.",
        }).ToList(),
    };
}
