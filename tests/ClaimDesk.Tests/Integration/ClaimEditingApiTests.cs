using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

[Collection(SharedAppsGroup.Name)]
public sealed class ClaimEditingApiTests(SharedApps apps)
{
    private static Task<HttpResponseMessage> PatchJsonAsync(HttpClient api, string url, object body) => api.PatchAsJsonAsync(url, body);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_correction_is_audited_field_by_field_and_a_stale_version_answers_409_naming_the_other_change(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var first = await app.CreateApiClientAsync(StaffRole.Operator);
        var second = await app.CreateApiClientAsync(StaffRole.Operator);
        var claim = await ClaimsApiTests.CreateAsync(first, lines: 2);
        var read = await first.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claim.Id}");
        var version = read.GetProperty("version").GetInt32();

        using var patched = await PatchJsonAsync(second, $"/api/v1/claims/{claim.Id}", new
        {
            version, contact = new { email = "jan.kowalski@example.com" }, legalBasis = "guarantee", priority = "high",
        });
        var after = await OkAsync(patched);
        Assert.Equal("jan.kowalski@example.com", after.GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal("guarantee", after.GetProperty("legalBasis").GetString());
        Assert.Equal(version + 1, after.GetProperty("version").GetInt32());

        var history = await first.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claim.Id}/history");
        var updated = history.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "updated")
            .Select(e => (e.GetProperty("field").GetString(), e.GetProperty("oldValue").GetString(), e.GetProperty("newValue").GetString())).ToList();
        Assert.Contains(("contact.email", "jan.kowalski@example.pl", "jan.kowalski@example.com"), updated);
        Assert.Contains(("legalBasis", "conformity", "guarantee"), updated);
        Assert.Contains(("priority", "normal", "high"), updated);
        Assert.DoesNotContain(updated, u => u.Item1 == "contact.name");

        // The first caller still holds the version it read: its change is refused, naming what the second one changed.
        using var stale = await PatchJsonAsync(first, $"/api/v1/claims/{claim.Id}", new { version, description = "Wrong pickup time" });
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt32());
        var changes = problem.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToList();
        Assert.Contains("contact.email", changes);
        Assert.Contains("legalBasis", changes);
        Assert.Contains("E-mail", problem.GetProperty("detail").GetString());
        Assert.Null((await first.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claim.Id}")).GetProperty("description").GetString());

        using var again = await PatchJsonAsync(first, $"/api/v1/claims/{claim.Id}", new { version = version + 1, description = "Wrong pickup time" });
        Assert.Equal("Wrong pickup time", (await OkAsync(again)).GetProperty("description").GetString());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Withdrawing_an_item_leaves_it_on_the_claim_out_of_its_decision_and_value(DatabaseProvider provider)
    {
        var api = await (await apps.GetAsync(provider)).CreateApiClientAsync();
        var claim = await ClaimsApiTests.CreateAsync(api, lines: 2);
        using (var decided = await api.PostJsonAsync($"/api/v1/claims/{claim.Id}/lines/1/decision", new { decision = "accepted" }))
        {
            Assert.Equal("pending", (await OkAsync(decided)).GetProperty("decision").GetString());
        }

        using var withdrawn = await api.DeleteAsync($"/api/v1/claims/{claim.Id}/lines/2");
        var after = await OkAsync(withdrawn);

        Assert.Equal("accepted", after.GetProperty("decision").GetString());
        Assert.Equal(1499.99m, after.GetProperty("value").GetDecimal());
        var lines = after.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("withdrawnAt").ValueKind);
        Assert.Equal(JsonValueKind.String, lines[1].GetProperty("withdrawnAt").ValueKind);
        var history = await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claim.Id}/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("action").GetString() == "withdrawn"
            && e.GetProperty("newValue").GetString() == $"{claim.Number}-02");

        using var last = await api.DeleteAsync($"/api/v1/claims/{claim.Id}/lines/1");
        Assert.Equal(HttpStatusCode.BadRequest, last.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Items_are_added_and_changed_but_once_decided_a_decided_item_changes_only_by_a_manager(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var operatorApi = await app.CreateApiClientAsync(StaffRole.Operator);
        var managerApi = await app.CreateApiClientAsync(StaffRole.Manager);
        var claim = await ClaimsApiTests.CreateAsync(operatorApi);

        using (var added = await operatorApi.PostJsonAsync($"/api/v1/claims/{claim.Id}/lines",
            new { productName = "Wąż odpływowy", faultDescription = "Pęknięty", quantity = 2, unitPrice = 20m }))
        {
            var body = await OkAsync(added);
            Assert.Equal(1539.99m, body.GetProperty("value").GetDecimal());
            Assert.Equal($"{claim.Number}-02", body.GetProperty("lines")[1].GetProperty("referenceNumber").GetString());
        }

        using (var invalid = await operatorApi.PostJsonAsync($"/api/v1/claims/{claim.Id}/lines", new { productName = "Bez opisu" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newLines[0].faultDescription", out _));
        }

        using (var accepted = await operatorApi.PostJsonAsync($"/api/v1/claims/{claim.Id}/transitions", new { to = "accepted" }))
        {
            Assert.Equal("accepted", (await OkAsync(accepted)).GetProperty("decision").GetString());
        }

        using var refused = await PatchJsonAsync(operatorApi, $"/api/v1/claims/{claim.Id}/lines/1", new { serialNumber = "SN-9999" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var refusedAdd = await operatorApi.PostJsonAsync($"/api/v1/claims/{claim.Id}/lines", new { productName = "Filtr", faultDescription = "Brak" });
        Assert.Equal(HttpStatusCode.Forbidden, refusedAdd.StatusCode);

        using var changed = await PatchJsonAsync(managerApi, $"/api/v1/claims/{claim.Id}/lines/1", new { serialNumber = "SN-9999" });
        Assert.Equal("SN-9999", (await OkAsync(changed)).GetProperty("lines")[0].GetProperty("serialNumber").GetString());
        var history = await operatorApi.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{claim.Id}/history");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("field").GetString() == "line 1 serialNumber"
            && e.GetProperty("oldValue").GetString() == "SN-0001" && e.GetProperty("newValue").GetString() == "SN-9999");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("action").GetString() == "edit_refused");
    }
}
