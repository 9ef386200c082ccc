using System.Net.Http.Json;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Features.ApiKeys;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>HTTP clients that call the API as an integration would: with an API key of given scopes and role.</summary>
public static class ApiClients
{
    public static async Task<HttpClient> CreateApiClientAsync(this ClaimDeskFactory app, string role = StaffRole.Operator,
        params string[] scopes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var created = await keys.CreateAsync($"test {role} {Guid.NewGuid():N}",
            scopes.Length == 0 ? [ApiKeyService.ClaimsRead, ApiKeyService.ClaimsWrite] : scopes, role, ClaimDesk.Core.Claims.Actor.System);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, created.Secret);
        return client;
    }

    /// <summary>A valid new claim of one kettle, as the services take it (in-process tests).</summary>
    public static Core.Claims.ClaimInput NewClaimInput(string? register = null) => new()
    {
        Register = register,
        Contact = new Core.Claims.ContactInput { Name = "Jan Kowalski", Email = "jan.kowalski@example.com" },
        CustomerType = "consumer",
        LegalBasis = "conformity",
        RequestedRemedy = "repair",
        DeliveryMethod = "drop_off",
        Lines = [new Core.Claims.ClaimLineInput { ProductName = "Kettle KT-200", FaultDescription = "Does not heat." }],
    };

    /// <summary>A valid new claim as JSON-ready data; tests change what they test.</summary>
    public static Dictionary<string, object?> NewClaim(int lines = 1, string register = "complaints") => new()
    {
        ["register"] = register,
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

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    /// <summary>PUTs <paramref name="body"/> as JSON and fails the test unless the answer is a success.</summary>
    public static async Task PutOkAsync(this HttpClient client, string url, object body)
    {
        using var response = await client.PutAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
