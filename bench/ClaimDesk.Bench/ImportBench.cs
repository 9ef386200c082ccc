using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClaimDesk.Web.Features.ApiKeys;

namespace ClaimDesk.Bench;

/// <summary>
/// Master-data import throughput: sales documents of 4 lines each as one NDJSON body through
/// <c>POST /api/v1/sales-documents/import</c> (the real application on Kestrel, over HTTP, with an API key), first
/// into an empty database (every document created), then the same body again (every document unchanged). Customers
/// and products are imported first and not timed. On SQLite always, on PostgreSQL when a server is given.
/// </summary>
public static class ImportBench
{
    private const int LinesPerDocument = 4;

    public static async Task<int> RunAsync(string? postgresAdmin, int documents)
    {
        var body = SalesDocuments(documents);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ClaimDesk.Bench --import: {documents} sales documents x {LinesPerDocument} lines = {documents * LinesPerDocument} lines, " +
            $"{body.Length / 1024.0 / 1024.0:0.0} MB of NDJSON, {Environment.ProcessorCount} logical CPUs"));
        Console.WriteLine("| database | first import s | lines/s | documents/s | repeated import s | lines/s (unchanged) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        try
        {
            await MeasureAsync("SQLite", "Sqlite", "Data Source={data}/claimdesk.db", body, documents);
            if (postgresAdmin is not null)
            {
                await using var database = await BenchDatabase.CreateAsync(postgresAdmin, "import");
                await MeasureAsync("PostgreSQL", "Postgres", database.ConnectionString, body, documents);
            }

            return 0;
        }
        catch (BenchFailedException failure)
        {
            await Console.Error.WriteLineAsync($"ClaimDesk.Bench FAILED: {failure.Message}");
            return 1;
        }
    }

    private static async Task MeasureAsync(string label, string provider, string connectionString, byte[] body, int documents)
    {
        await using var app = new BenchApp(connectionString, provider: provider);
        var address = app.ServerAddress;
        var key = await app.CreateApiKeyAsync(ApiKeyService.MasterDataRead, ApiKeyService.MasterDataWrite);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(30) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
        await ImportAsync(client, "customers", Ndjson(Enumerable.Range(0, 100).Select(i => new { code = $"K{i:000}", name = $"Klient {i}" })), "created", 100);
        await ImportAsync(client, "products", Ndjson(Enumerable.Range(0, 500).Select(i => new { code = $"P{i:000}", name = $"Produkt {i}", warrantyMonths = 24 })),
            "created", 500);

        var watch = Stopwatch.StartNew();
        await ImportAsync(client, "sales-documents", body, "created", documents);
        var first = watch.Elapsed.TotalSeconds;
        watch.Restart();
        await ImportAsync(client, "sales-documents", body, "unchanged", documents);
        var second = watch.Elapsed.TotalSeconds;
        var lines = documents * LinesPerDocument;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {first:0.0} | {lines / first:0} | {documents / first:0} | {second:0.0} | {lines / second:0} |"));
    }

    private static async Task ImportAsync(HttpClient client, string kind, byte[] body, string expected, int count)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await client.PostAsync(new Uri($"/api/v1/{kind}/import", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailedException($"import of {kind} answered {(int)response.StatusCode}: {text}");
        }

        var report = JsonSerializer.Deserialize<JsonElement>(text);
        if (report.GetProperty(expected).GetInt32() != count || report.GetProperty("refused").GetInt32() != 0)
        {
            throw new BenchFailedException($"import of {kind}: expected {count} {expected}, got {text[..Math.Min(text.Length, 300)]}");
        }
    }

    private static byte[] SalesDocuments(int documents) => Ndjson(Enumerable.Range(0, documents).Select(d => new
    {
        number = $"FV/2026/{d:000000}",
        customerCode = $"K{d % 100:000}",
        issueDate = "2026-03-01",
        currency = "PLN",
        goodsIssue = new { number = $"WZ/2026/{d:000000}", pickedBy = "Anna Nowak", packedBy = "Jan Wiśniewski" },
        shipment = new { carrier = "inpost", trackingNumber = $"6{d:000000000000}" },
        lines = Enumerable.Range(1, LinesPerDocument).Select(l => new
        {
            lineNo = l, productCode = $"P{(d + l) % 500:000}", quantity = 1, unitPrice = 99.99m + l, serialNumbers = new[] { $"SN{d}-{l}" },
        }),
    }));

    private static byte[] Ndjson<T>(IEnumerable<T> records)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            text.Append(JsonSerializer.Serialize(record, JsonSerializerOptions.Web)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
