using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

[Collection(SharedAppsGroup.Name)]
public sealed partial class ClaimsApiTests(SharedApps apps)
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Creating_a_claim_answers_201_with_its_number_status_and_line_references(DatabaseProvider provider)
    {
        var api = await (await apps.GetAsync(provider)).CreateApiClientAsync();

        using var response = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim(lines: 2));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var number = body.GetProperty("number").GetString()!;
        Assert.Matches(RmaNumber(), number);
        Assert.Equal("new", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("id").GetInt64() > 0);
        Assert.Equal([$"{number}-01", $"{number}-02"],
            body.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("referenceNumber").GetString()));
        Assert.EndsWith(number, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_claim_is_found_by_id_by_number_and_by_a_line_reference(DatabaseProvider provider)
    {
        var api = await (await apps.GetAsync(provider)).CreateApiClientAsync();
        var created = await CreateAsync(api, lines: 2);

        foreach (var key in new[] { created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), created.Number, created.Number.ToLowerInvariant(), $"{created.Number}-02" })
        {
            var claim = await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{key}");
            Assert.Equal(created.Number, claim.GetProperty("number").GetString());
            Assert.Equal("pending", claim.GetProperty("decision").GetString());
            Assert.Equal("courier_pickup", claim.GetProperty("deliveryMethod").GetString());
            Assert.Equal(2, claim.GetProperty("lines").GetArrayLength());
        }

        using var missing = await api.GetAsync("/api/v1/claims/RMA-1999-000001");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_list_is_paged_and_filtered_on_the_server(DatabaseProvider provider)
    {
        var api = await (await apps.GetAsync(provider)).CreateApiClientAsync();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(api, register: "presale");
        }

        var page = await api.GetFromJsonAsync<JsonElement>(
            $"/api/v1/claims?register=presale&status=new&updatedSince={Uri.EscapeDataString(since.ToString("O"))}&pageSize=2");

        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("total").GetInt32() >= 3);
        Assert.All(page.GetProperty("items").EnumerateArray(), c => Assert.Equal("presale", c.GetProperty("register").GetString()));
        using var tooLarge = await api.GetAsync("/api/v1/claims?pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_transition_the_workflow_lacks_answers_409_naming_the_allowed_ones(DatabaseProvider provider)
    {
        var api = await (await apps.GetAsync(provider)).CreateApiClientAsync();
        var claim = await CreateAsync(api);

        using var response = await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/transitions", new { to = "resolved" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var allowed = problem.GetProperty("allowedTransitions").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("in_review", allowed);
        Assert.Contains("rejected", allowed);
        Assert.Contains("in_review", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_missing_required_field_answers_400_naming_the_field(DatabaseProvider provider)
    {
        var api = await (await apps.GetAsync(provider)).CreateApiClientAsync();
        var claim = await CreateAsync(api);

        using var response = await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/transitions", new { to = "rejected" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_operator_cannot_turn_a_rejection_into_acceptance_a_manager_can_and_both_attempts_are_in_the_history(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var operatorApi = await app.CreateApiClientAsync(StaffRole.Operator);
        var managerApi = await app.CreateApiClientAsync(StaffRole.Manager);
        var claim = await CreateAsync(operatorApi);
        using (var rejected = await operatorApi.PostJsonAsync($"/api/v1/claims/{claim.Id}/transitions", new { to = "rejected", reason = "Uszkodzenie mechaniczne" }))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
            Assert.Equal("rejected", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetString());
        }

        using var refused = await operatorApi.PostJsonAsync($"/api/v1/claims/{claim.Id}/transitions",
            new { to = "accepted", reason = "Klient przedstawił nowe dowody", lines = new[] { new { lineNo = 1, decision = "accepted" } } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var accepted = await managerApi.PostJsonAsync($"/api/v1/claims/{claim.Id}/transitions",
            new { to = "accepted", reason = "Klient przedstawił nowe dowody", lines = new[] { new { lineNo = 1, decision = "accepted" } } });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var after = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("accepted", after.GetProperty("status").GetString());
        Assert.Equal("accepted", after.GetProperty("decision").GetString());

        var history = await operatorApi.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claim.Id}/history");
        var events = history.EnumerateArray().Select(e => (
            Action: e.GetProperty("action").GetString(), Field: e.GetProperty("field").GetString(),
            Old: e.GetProperty("oldValue").GetString(), New: e.GetProperty("newValue").GetString(),
            Actor: e.GetProperty("actorType").GetString())).ToList();
        Assert.Contains(events, e => e is { Action: "transition_refused", Old: "rejected", New: "accepted", Actor: "api_key" });
        Assert.Contains(events, e => e is { Action: "status_changed", Field: "status", Old: "rejected", New: "accepted" });
        Assert.Contains(events, e => e is { Action: "status_changed", Field: "status", Old: "new", New: "rejected" });
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Line_decisions_derive_the_claim_decision_and_a_rejection_needs_a_reason(DatabaseProvider provider)
    {
        var api = await (await apps.GetAsync(provider)).CreateApiClientAsync();
        var claim = await CreateAsync(api, lines: 2);

        using var noReason = await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/lines/2/decision", new { decision = "rejected" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));

        (await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/lines/1/decision", new { decision = "accepted" })).EnsureSuccessStatusCode();
        using var second = await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/lines/2/decision", new { decision = "rejected", reason = "Brak wady" });
        var after = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("partially_accepted", after.GetProperty("decision").GetString());
        Assert.Equal("Brak wady", after.GetProperty("lines")[1].GetProperty("decisionReason").GetString());

        using var missingLine = await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/lines/9/decision", new { decision = "accepted" });
        Assert.Equal(HttpStatusCode.NotFound, missingLine.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_api_refuses_callers_without_a_key_or_without_the_scope(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        using var anonymous = await app.CreateClient().GetAsync("/api/v1/claims");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var wrongKey = app.CreateClient();
        wrongKey.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, "cdk_AAAAAAAA_nottherightsecret");
        using var unknown = await wrongKey.GetAsync("/api/v1/claims");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);

        var reader = await app.CreateApiClientAsync(StaffRole.Operator, ApiKeyService.ClaimsRead);
        using var list = await reader.GetAsync("/api/v1/claims");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var create = await reader.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_input_is_refused_with_a_clear_400_and_never_a_500(DatabaseProvider provider)
    {
        var api = await (await apps.GetAsync(provider)).CreateApiClientAsync();

        async Task<JsonElement> Refused(HttpContent content, string field)
        {
            using var response = await api.PostAsync("/api/v1/claims", content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
            var problem = JsonSerializer.Deserialize<JsonElement>(text);
            Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.StartsWith(field, StringComparison.Ordinal)), text);
            return problem;
        }

        await Refused(new StringContent("", Encoding.UTF8, "application/json"), "body");
        await Refused(new StringContent("{\"lines\": [", Encoding.UTF8, "application/json"), "lines");
        await Refused(new StringContent("{\"lines\": [{\"quantity\": \"many\"}]}", Encoding.UTF8, "application/json"), "lines[0]");

        var huge = ApiClients.NewClaim();
        huge["description"] = new string('x', 10 * 1024 * 1024);
        await Refused(JsonContent.Create(huge), "description");

        var unknownCode = ApiClients.NewClaim();
        unknownCode["channel"] = "fax";
        var problem = await Refused(JsonContent.Create(unknownCode), "channel");
        Assert.Contains("in_person", problem.GetProperty("errors").GetProperty("channel")[0].GetString(), StringComparison.Ordinal);

        var negative = ApiClients.NewClaim();
        ((List<Dictionary<string, object?>>)negative["lines"]!)[0]["quantity"] = -2;
        await Refused(JsonContent.Create(negative), "lines[0].quantity");

        var badEmail = ApiClients.NewClaim();
        ((Dictionary<string, object?>)badEmail["contact"]!)["email"] = "jan@@example";
        await Refused(JsonContent.Create(badEmail), "contact.email");

        var noLines = ApiClients.NewClaim();
        noLines["lines"] = new List<object>();
        await Refused(JsonContent.Create(noLines), "lines");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sql_and_script_in_every_text_field_are_stored_verbatim(DatabaseProvider provider)
    {
        var api = await (await apps.GetAsync(provider)).CreateApiClientAsync();
        const string hostile = "'; DROP TABLE claims; -- <script>alert(1)</script>";
        var claim = ApiClients.NewClaim();
        claim["description"] = hostile;
        claim["customer"] = new Dictionary<string, object?> { ["name"] = hostile, ["code"] = null };
        ((Dictionary<string, object?>)claim["contact"]!)["name"] = hostile;
        var line = ((List<Dictionary<string, object?>>)claim["lines"]!)[0];
        foreach (var field in new[] { "productCode", "productName", "serialNumber", "faultDescription" })
        {
            line[field] = hostile[..Math.Min(hostile.Length, 100)];
        }

        using var response = await api.PostJsonAsync("/api/v1/claims", claim);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();

        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{number}");
        Assert.Equal(hostile, stored.GetProperty("description").GetString());
        Assert.Equal(hostile, stored.GetProperty("contact").GetProperty("name").GetString());
        Assert.Equal(hostile, stored.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(hostile, stored.GetProperty("lines")[0].GetProperty("faultDescription").GetString());
    }

    [Fact]
    public async Task The_claims_api_is_described_in_the_openapi_document()
    {
        var client = (await apps.GetAsync(DatabaseProvider.Sqlite)).CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/api/docs/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/claims", "/api/v1/claims/{idOrNumber}", "/api/v1/claims/{idOrNumber}/transitions",
                     "/api/v1/claims/{idOrNumber}/lines/{lineNo}/decision", "/api/v1/claims/{idOrNumber}/history" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_key_that_is_used_shows_when_it_was_last_used(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var api = await app.CreateApiClientAsync(StaffRole.Operator, ApiKeyService.ClaimsRead);
        var prefix = api.DefaultRequestHeaders.GetValues(ApiKeyAuthenticationHandler.Header).Single()[..12];

        (await api.GetAsync("/api/v1/claims")).EnsureSuccessStatusCode();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClaimDesk.Web.Data.AppDbContext>();
        Assert.NotNull(db.ApiKeys.Single(k => k.Prefix == prefix).LastUsedAt);
    }

    public sealed record CreatedClaim(long Id, string Number);

    public static async Task<CreatedClaim> CreateAsync(HttpClient api, int lines = 1, string register = "complaints")
    {
        using var response = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim(lines, register));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        return new CreatedClaim(body.GetProperty("id").GetInt64(), body.GetProperty("number").GetString()!);
    }

    [GeneratedRegex(@"^RMA-20\d\d-\d{6}$")]
    private static partial Regex RmaNumber();
}
