using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>Claim numbers stay unique and gapless when many integrations create claims at once, on one node or two.</summary>
public sealed class ClaimNumberingTests
{
    private const int Claims = 200;

    [Fact]
    public async Task Two_hundred_claims_created_concurrently_on_sqlite_get_two_hundred_gapless_numbers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database);
        var api = await app.CreateApiClientAsync();

        var numbers = await CreateConcurrentlyAsync([api]);

        AssertGapless(numbers);
    }

    [PostgresFact]
    public async Task Two_hundred_claims_created_concurrently_through_two_nodes_on_postgres_get_two_hundred_gapless_numbers()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var first = new ClaimDeskFactory(database);
        await using var second = new ClaimDeskFactory(database);
        first.StartServer();
        second.StartServer();

        var numbers = await CreateConcurrentlyAsync([await first.CreateApiClientAsync(), await second.CreateApiClientAsync()]);

        AssertGapless(numbers);
    }

    private static async Task<List<string>> CreateConcurrentlyAsync(IReadOnlyList<HttpClient> nodes)
    {
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, Claims).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await nodes[i % nodes.Count].PostAsJsonAsync("/api/v1/claims", ApiClients.NewClaim());
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, text);
            return JsonSerializer.Deserialize<JsonElement>(text).GetProperty("number").GetString()!;
        }).ToList();
        start.Release(Claims);
        return [.. await Task.WhenAll(requests)];
    }

    private static void AssertGapless(List<string> numbers)
    {
        Assert.Equal(Claims, numbers.Distinct().Count());
        var sequence = numbers.Select(n => int.Parse(n[^6..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, Claims), sequence);
    }
}
