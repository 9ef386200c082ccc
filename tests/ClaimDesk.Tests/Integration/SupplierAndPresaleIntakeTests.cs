using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>Pre-sale defects have no customer to contact; a claim to a supplier names its supplier from master data.</summary>
[Collection(SharedAppsGroup.Name)]
public sealed class SupplierAndPresaleIntakeTests(SharedApps apps)
{
    private static Dictionary<string, object?> Defect(string register) => new()
    {
        ["register"] = register,
        ["channel"] = "phone",
        ["lines"] = new[]
        {
            new Dictionary<string, object?> { ["productName"] = "Pralka Amica PA-612", ["quantity"] = 3, ["faultDescription"] = "Wgniecione obudowy przy przyjęciu." },
        },
    };

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_pre_sale_defect_is_recorded_without_a_customer_or_a_contact(DatabaseProvider provider)
    {
        var api = await (await apps.GetAsync(provider)).CreateApiClientAsync();

        using var created = await api.PostJsonAsync("/api/v1/claims", Defect("presale"));

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var read = await api.GetAsync($"/api/v1/claims/{id}");
        var claim = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(!claim.TryGetProperty("customer", out var customer) || customer.ValueKind == JsonValueKind.Null, claim.ToString());
        Assert.Equal("", claim.GetProperty("contact").GetProperty("name").GetString());

        // A customer complaint still needs someone to reach.
        using var complaint = await api.PostJsonAsync("/api/v1/claims", Defect("complaints"));
        Assert.Equal(HttpStatusCode.BadRequest, complaint.StatusCode);
        var errors = (await complaint.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("contact.name", out _));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_supplier_claim_names_a_supplier_from_master_data_and_shows_it_on_the_card(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var api = await app.CreateApiClientAsync(StaffRole.Manager);
        var code = $"S-{Guid.NewGuid():N}"[..12];

        using (var missing = await api.PostJsonAsync("/api/v1/claims", Defect("supplier")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Equal("Choose the supplier from master data.", errors.GetProperty("supplier.code")[0].GetString());
            Assert.False(errors.TryGetProperty("contact.name", out _));
        }

        var unknown = Defect("supplier");
        unknown["supplier"] = new Dictionary<string, object?> { ["code"] = code };
        using (var refused = await api.PostJsonAsync("/api/v1/claims", unknown))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(code, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("supplier.code")[0].GetString(),
                StringComparison.Ordinal);
        }

        var erp = await app.CreateApiClientAsync(scopes: [ApiKeyService.MasterDataRead, ApiKeyService.MasterDataWrite]);
        using (var put = await erp.PutAsJsonAsync($"/api/v1/suppliers/{code}", new { name = "Amica S.A.", country = "PL" }))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        using var created = await api.PostJsonAsync("/api/v1/claims", unknown);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var claim = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = claim.GetProperty("id").GetInt64();
        using var read = await api.GetAsync($"/api/v1/claims/{id}");
        var supplier = (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("supplier");
        Assert.Equal((code, "Amica S.A."), (supplier.GetProperty("code").GetString(), supplier.GetProperty("name").GetString()));

        var staff = app.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        var card = await staff.GetPageAsync($"/Claims/{id}");
        Assert.Equal($"Amica S.A. ({code})", card.QuerySelector("[data-testid=claim-supplier]")!.TextContent.Trim());
        using var lookup = await staff.GetAsync($"/lookup/suppliers?q={code}");
        Assert.Contains(code, await lookup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_record_a_pre_sale_defect_on_the_form_without_a_contact(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var staff = app.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Operator), StaffAccounts.Password)).Dispose();

        using var saved = await staff.SubmitFormAsync("/Claims/New", new Dictionary<string, string>
        {
            ["Form.Register"] = "presale",
            ["Form.DeliveryMethod"] = "on_site",
            ["Form.Lines[0].ProductName"] = "Czajnik Amica KF-100",
            ["Form.Lines[0].Quantity"] = "12",
            ["Form.Lines[0].FaultDescription"] = "Pęknięte pokrywy w dostawie.",
        }, "#claim-form");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var card = await staff.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Czajnik Amica KF-100", card.Body!.TextContent, StringComparison.Ordinal);
    }
}
