using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.CustomFields;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Custom fields per register (issue 7) through HTTP on both databases. The class has its own apps (not the shared
/// collection's): fields required on a move would otherwise change what other tests' claims may do.
/// </summary>
public sealed class CustomFieldTests(SharedApps apps) : IClassFixture<SharedApps>
{
    private static string Unique(string code) => $"{code}_{Guid.NewGuid():N}"[..(code.Length + 9)];

    private async Task<(ClaimDeskFactory App, HttpClient Admin)> AdminAsync(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Administrator), StaffAccounts.Password)).Dispose();
        return (app, admin);
    }

    private static async Task<T> QueryAsync<T>(ClaimDeskFactory app, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task<HttpResponseMessage> DefineAsync(HttpClient admin, string register, Dictionary<string, string> form) =>
        await admin.SubmitFormAsync($"/Admin/CustomFields/Edit/{register}", form, "[data-testid=field-form]");

    private static async Task DefinedAsync(HttpClient admin, string code, string type, string label, string? choices = null,
        string? requiredOn = null, bool visible = false, string register = "complaints")
    {
        var form = new Dictionary<string, string> { ["Form.Code"] = code, ["Form.Type"] = type, ["Form.LabelEn"] = label, ["Form.LabelPl"] = label + " PL" };
        if (choices is not null)
        {
            form["Form.Choices"] = choices;
        }

        if (requiredOn is not null)
        {
            form["Form.RequiredOn"] = requiredOn;
        }

        if (visible)
        {
            form["Form.VisibleToCustomer"] = "true";
        }

        using var saved = await DefineAsync(admin, register, form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private static async Task<JsonElement> CreateAsync(HttpClient api, Dictionary<string, object?> customFields, string? customerCode = null)
    {
        var body = ApiClients.NewClaim();
        body["customFields"] = customFields;
        if (customerCode is not null)
        {
            body["customer"] = new Dictionary<string, object?> { ["code"] = customerCode, ["name"] = "Sklep " + customerCode };
        }

        using var response = await api.PostJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_administrator_defines_fields_of_each_type_reorders_and_deactivates_them_and_every_change_is_audited(DatabaseProvider provider)
    {
        var (app, admin) = await AdminAsync(provider);
        var codes = new[] { Unique("card_no"), Unique("hours"), Unique("inspected"), Unique("colour"), Unique("boxed") };
        await DefinedAsync(admin, codes[0], "text", "Warranty card number", register: "service");
        await DefinedAsync(admin, codes[1], "number", "Hours of use", register: "service");
        await DefinedAsync(admin, codes[2], "date", "Inspection date", requiredOn: "resolved", register: "service");
        await DefinedAsync(admin, codes[3], "choice", "Colour", "red | Red | Czerwony | Červená\nblue | Blue | Niebieski | Modrá", register: "service");
        await DefinedAsync(admin, codes[4], "yes_no", "Original box", visible: true, register: "service");

        var list = await admin.GetPageAsync("/Admin/CustomFields/service");
        var rows = list.QuerySelectorAll("[data-testid=custom-fields] tbody tr").Select(r => r.GetAttribute("data-field")).ToList();
        Assert.Equal(codes, rows.Where(r => codes.Contains(r)));

        var hoursRow = list.QuerySelector($"tr[data-field={codes[1]}]")!;
        var up = (AngleSharp.Html.Dom.IHtmlFormElement)hoursRow.QuerySelector("form")!;
        (await admin.PressAsync(up, new Dictionary<string, string>(), "↑")).Dispose();
        (await admin.PressAsync((AngleSharp.Html.Dom.IHtmlFormElement)(await admin.GetPageAsync("/Admin/CustomFields/service"))
            .QuerySelector($"tr[data-field={codes[4]}] form")!, new Dictionary<string, string>(), "Deactivate")).Dispose();

        list = await admin.GetPageAsync("/Admin/CustomFields/service");
        rows = [.. list.QuerySelectorAll("[data-testid=custom-fields] tbody tr").Select(r => r.GetAttribute("data-field"))];
        Assert.True(rows.IndexOf(codes[1]) < rows.IndexOf(codes[0]));
        Assert.Equal("No", list.QuerySelector($"tr[data-field={codes[4]}] [data-testid=active]")!.TextContent.Trim());

        var audited = await QueryAsync(app, db => db.AuditEvents.Where(e => e.EntityType == "custom_field").Select(e => e.Action + " " + e.Field).ToListAsync());
        Assert.Equal(5, audited.Count(a => codes.Any(c => a == "created " + c)));
        Assert.Contains("updated order", audited);
        Assert.Contains("updated active", audited);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refused_definition_names_the_problems_and_keeps_everything_typed(DatabaseProvider provider)
    {
        var (_, admin) = await AdminAsync(provider);
        var code = Unique("taken");
        await DefinedAsync(admin, code, "text", "Taken");

        using var refused = await DefineAsync(admin, "complaints", new Dictionary<string, string>
        {
            ["Form.Code"] = code, ["Form.Type"] = "choice", ["Form.LabelEn"] = "Zażółć", ["Form.Choices"] = "a | A\na | Again",
            ["Form.RequiredOn"] = "nowhere",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        var errors = page.QuerySelector("[data-testid=errors]")!.TextContent;
        Assert.Contains($"The register already has a field '{code}'.", errors, StringComparison.Ordinal);
        Assert.Contains("Choice code 'a' is used twice.", errors, StringComparison.Ordinal);
        Assert.Contains("'nowhere' is neither a status nor a transition", errors, StringComparison.Ordinal);
        Assert.Equal("Zażółć", page.QuerySelector("#Form_LabelEn")!.GetAttribute("value"));
        Assert.Equal("a | A\na | Again", page.QuerySelector("#Form_Choices")!.TextContent.Trim());
        Assert.Equal("nowhere", page.QuerySelector("#Form_RequiredOn")!.GetAttribute("value"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_API_creates_a_claim_with_custom_values_returns_them_typed_and_refuses_bad_ones_by_field(DatabaseProvider provider)
    {
        var (app, admin) = await AdminAsync(provider);
        var (text, number, date, choice, yesNo) = (Unique("ref"), Unique("weight"), Unique("made_on"), Unique("finish"), Unique("sealed"));
        await DefinedAsync(admin, text, "text", "Shop reference");
        await DefinedAsync(admin, number, "number", "Weight");
        await DefinedAsync(admin, date, "date", "Made on");
        await DefinedAsync(admin, choice, "choice", "Finish", "matt | Matt\ngloss | Gloss");
        await DefinedAsync(admin, yesNo, "yes_no", "Sealed");
        var api = await app.CreateApiClientAsync();

        var created = await CreateAsync(api, new() { [text] = "ZAM-17", [number] = 12.50m, [date] = "1.3.2026", [choice] = "GLOSS", [yesNo] = true });
        var claim = await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{created.GetProperty("number").GetString()}");
        var fields = claim.GetProperty("customFields");

        Assert.Equal("ZAM-17", fields.GetProperty(text).GetString());
        Assert.Equal(12.5m, fields.GetProperty(number).GetDecimal());
        Assert.Equal("2026-03-01", fields.GetProperty(date).GetString());
        Assert.Equal("gloss", fields.GetProperty(choice).GetString());
        Assert.True(fields.GetProperty(yesNo).GetBoolean());

        var body = ApiClients.NewClaim();
        body["customFields"] = new Dictionary<string, object?> { [number] = "heavy", ["no_such_field"] = "x" };
        using var refused = await api.PostJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("'heavy' is not a number.", problem.GetProperty($"customFields.{number}")[0].GetString(), StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("customFields.no_such_field", out _));

        using var patched = await api.PatchAsJsonAsync($"/api/v1/claims/{created.GetProperty("id").GetInt64()}",
            new { customFields = new Dictionary<string, object?> { [number] = "7", [text] = null } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customFields");
        Assert.Equal(7m, after.GetProperty(number).GetDecimal());
        Assert.False(after.TryGetProperty(text, out _));

        using var badPatch = await api.PatchAsJsonAsync($"/api/v1/claims/{created.GetProperty("id").GetInt64()}",
            new { customFields = new Dictionary<string, object?> { [choice] = "chrome" } });
        Assert.Equal(HttpStatusCode.BadRequest, badPatch.StatusCode);
        Assert.True((await badPatch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty($"customFields.{choice}", out _));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_move_that_requires_a_field_is_refused_without_it_on_the_API_and_the_card_and_goes_through_with_it(DatabaseProvider provider)
    {
        var (app, admin) = await AdminAsync(provider);
        var code = Unique("diag_ref");
        await DefinedAsync(admin, code, "text", "Diagnosis reference", requiredOn: "new→in_diagnosis");
        var api = await app.CreateApiClientAsync();
        var first = await CreateAsync(api, []);
        var second = await CreateAsync(api, []);

        using var refused = await api.PostJsonAsync($"/api/v1/claims/{first.GetProperty("id").GetInt64()}/transitions", new { to = "in_diagnosis" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty($"customFields.{code}")[0].GetString();
        Assert.Equal("Fill in 'Diagnosis reference' before moving the claim to in_diagnosis.", message);

        using var moved = await api.PostJsonAsync($"/api/v1/claims/{first.GetProperty("id").GetInt64()}/transitions",
            new { to = "in_diagnosis", customFields = new Dictionary<string, object?> { [code] = "D-1" } });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("D-1", (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customFields").GetProperty(code).GetString());

        // On the card: the dialog asks for the field; without it the move is refused and the status stays.
        var staff = app.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        var card = $"/Claims/{second.GetProperty("id").GetInt64()}";
        var page = await staff.GetPageAsync(card);
        Assert.NotNull(page.QuerySelector($"#move-in_diagnosis [name='customFields[{code}]']"));
        var dialog = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#move-in_diagnosis form")!;
        using (var without = await staff.PressAsync(dialog, new Dictionary<string, string>(), "Confirm"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
            var shown = await HtmlForms.ParseAsync(without);
            Assert.Contains("Fill in 'Diagnosis reference'", shown.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        }

        using (var with = await staff.PressAsync(dialog, new Dictionary<string, string> { [$"customFields[{code}]"] = "D-2" }, "Confirm"))
        {
            Assert.Equal(HttpStatusCode.Redirect, with.StatusCode);
        }

        page = await staff.GetPageAsync(card);
        Assert.Equal("In diagnosis", page.QuerySelector("[data-testid=claim-status]")!.TextContent.Trim());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_edit_fields_on_the_card_a_bad_value_keeps_what_was_typed_and_each_change_shows_in_the_history(DatabaseProvider provider)
    {
        var (app, admin) = await AdminAsync(provider);
        var (date, choice) = (Unique("fitted_on"), Unique("cause"));
        await DefinedAsync(admin, date, "date", "Fitted on");
        await DefinedAsync(admin, choice, "choice", "Cause", "wear | Wear | Zużycie\nmisuse | Misuse | Niewłaściwe użycie");
        var api = await app.CreateApiClientAsync();
        var claim = await CreateAsync(api, []);
        var staff = app.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        var card = $"/Claims/{claim.GetProperty("id").GetInt64()}";

        using (var refused = await staff.SubmitFormAsync(card, new Dictionary<string, string>
        {
            [$"customFields[{date}]"] = "the 31st", [$"customFields[{choice}]"] = "wear",
        }, "[data-testid=custom-fields-form]"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await HtmlForms.ParseAsync(refused);
            Assert.Equal("the 31st", page.QuerySelector($"#cf-{date}")!.GetAttribute("value"));
            Assert.Equal("wear", page.QuerySelector($"#cf-{choice} option[selected]")!.GetAttribute("value"));
            Assert.NotNull(page.QuerySelector($"[data-field='customFields.{date}']"));
        }

        using (var saved = await staff.SubmitFormAsync(card, new Dictionary<string, string>
        {
            [$"customFields[{date}]"] = "2.3.2026", [$"customFields[{choice}]"] = "misuse",
        }, "[data-testid=custom-fields-form]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var history = (await staff.GetPageAsync(card)).QuerySelector("[data-testid=history]")!.TextContent;
        Assert.Contains("Fitted on", history, StringComparison.Ordinal);
        Assert.Contains("Misuse", history, StringComparison.Ordinal);
        Assert.Equal(2, await QueryAsync(app, db => db.AuditEvents.CountAsync(e => e.EntityType == "claim" && (e.Field == "custom:" + date || e.Field == "custom:" + choice))));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_customer_sees_fields_marked_visible_on_the_tracking_page_and_the_portal_and_never_the_others(DatabaseProvider provider)
    {
        var (app, admin) = await AdminAsync(provider);
        var (shown, hidden) = (Unique("pickup_slot"), Unique("internal_cost"));
        await DefinedAsync(admin, shown, "text", "Pickup slot", visible: true);
        await DefinedAsync(admin, hidden, "number", "Internal cost");
        var api = await app.CreateApiClientAsync();
        var customer = Unique("shop");
        var claim = await CreateAsync(api, new() { [shown] = "Tuesday 9-12", [hidden] = "987.65" }, customerCode: customer);
        var id = claim.GetProperty("id").GetInt64();

        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            token = scope.ServiceProvider.GetRequiredService<ClaimDesk.Web.Features.Intake.TrackingLinks>().Issue(id, "");
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        var tracking = await app.CreateBrowserLikeClient().GetPageAsync(token);
        Assert.Equal("Tuesday 9-12", tracking.QuerySelector($"[data-testid=custom-field-{shown}]")!.TextContent.Trim());
        Assert.DoesNotContain("Internal cost", tracking.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("987", tracking.Body!.TextContent, StringComparison.Ordinal);

        var customerId = await QueryAsync(app, db => db.Customers.Where(c => c.Code == customer).Select(c => c.Id).SingleAsync());
        var partner = await PartnerAccounts.SignedInAsync(app, customerId);
        var portal = await partner.GetPageAsync($"/portal/claims/{id}");
        Assert.Equal("Tuesday 9-12", portal.QuerySelector($"[data-testid=custom-field-{shown}]")!.TextContent.Trim());
        Assert.DoesNotContain("Internal cost", portal.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("987", portal.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Search_finds_a_claim_by_a_custom_value_and_a_choice_label_and_follows_a_changed_value(DatabaseProvider provider)
    {
        var (app, admin) = await AdminAsync(provider);
        var (text, choice) = (Unique("lot"), Unique("fabric"));
        await DefinedAsync(admin, text, "text", "Production lot");
        await DefinedAsync(admin, choice, "choice", "Fabric", "wool | Wool | Wełna | Vlna\nlinen | Linen | Len | Len");
        var api = await app.CreateApiClientAsync();
        var lot = "LOT" + Guid.NewGuid().ToString("N")[..10];
        var claim = await CreateAsync(api, new() { [text] = lot, [choice] = "wool" });
        var number = claim.GetProperty("number").GetString();

        async Task<List<string?>> FoundAsync(string query) =>
            [.. (await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims?search={Uri.EscapeDataString(query)}&pageSize=100"))
                .GetProperty("items").EnumerateArray().Select(c => c.GetProperty("number").GetString())];

        Assert.Contains(number, await FoundAsync(lot));
        Assert.Contains(number, await FoundAsync($"{lot} welna"));

        var changed = "LOT" + Guid.NewGuid().ToString("N")[..10];
        (await api.PatchAsJsonAsync($"/api/v1/claims/{claim.GetProperty("id").GetInt64()}",
            new { customFields = new Dictionary<string, object?> { [text] = changed } })).Dispose();
        Assert.Contains(number, await FoundAsync(changed));
        Assert.DoesNotContain(number, await FoundAsync(lot));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_grid_filters_and_sorts_claims_by_a_custom_field_in_SQL(DatabaseProvider provider)
    {
        var (app, admin) = await AdminAsync(provider);
        var (weight, made) = (Unique("kg"), Unique("made"));
        await DefinedAsync(admin, weight, "number", "Weight");
        await DefinedAsync(admin, made, "date", "Made");
        var api = await app.CreateApiClientAsync();
        var ids = new List<long>();
        foreach (var (kg, day) in new[] { ("10", "2026-03-05"), ("9,5", "2026-01-20"), ("100", "2025-12-31") })
        {
            ids.Add((await CreateAsync(api, new() { [weight] = kg, [made] = day })).GetProperty("id").GetInt64());
        }

        ids.Add((await CreateAsync(api, [])).GetProperty("id").GetInt64());

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var queries = scope.ServiceProvider.GetRequiredService<CustomFieldQueries>();
        var fields = await db.CustomFields.AsNoTracking().Where(f => f.Code == weight || f.Code == made).ToDictionaryAsync(f => f.Code);
        var mine = db.Claims.AsNoTracking().Where(c => ids.Contains(c.Id));

        Assert.Equal([ids[1], ids[0], ids[2], ids[3]], await queries.OrderBy(mine, fields[weight], descending: false).Select(c => c.Id).ToListAsync());
        Assert.Equal([ids[2], ids[0], ids[1], ids[3]], await queries.OrderBy(mine, fields[weight], descending: true).Select(c => c.Id).ToListAsync());
        Assert.Equal([ids[2], ids[1], ids[0], ids[3]], await queries.OrderBy(mine, fields[made], descending: false).Select(c => c.Id).ToListAsync());
        Assert.Equal([ids[0], ids[1]], await queries.Where(mine, fields[weight], new CustomFieldFilter { From = "9.5", To = "10" })
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        Assert.Equal([ids[0], ids[1]], await queries.Where(mine, fields[made], new CustomFieldFilter { From = "1.1.2026" })
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());
        Assert.Equal([ids[3]], await queries.Where(mine, fields[weight], new CustomFieldFilter { HasValue = false }).Select(c => c.Id).ToListAsync());
        var cells = await queries.CellsAsync(ids, [fields[weight]], "en");
        Assert.Equal("9.5", cells[ids[1]][fields[weight].Id]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_claim_grid_shows_filters_and_sorts_a_custom_field_chosen_as_a_column(DatabaseProvider provider)
    {
        var (app, admin) = await AdminAsync(provider);
        var shop = Unique("shop");
        await DefinedAsync(admin, shop, "text", "Shop branch");
        var marker = Guid.NewGuid().ToString("N")[..8];
        var api = await app.CreateApiClientAsync();
        var numbers = new Dictionary<string, string>();
        foreach (var branch in new[] { $"Łódź {marker} B", $"Kraków {marker} A", "Gdańsk elsewhere" })
        {
            numbers[branch] = (await CreateAsync(api, new() { [shop] = branch })).GetProperty("number").GetString()!;
        }

        var id = await QueryAsync(app, db => db.CustomFields.Where(f => f.Code == shop).Select(f => f.Id).SingleAsync());
        var page = await admin.GetPageAsync($"/Claims?col=number&col=cf:{id}&cf.{id}={marker}&sort=cf:{id}&desc=false");

        Assert.NotNull(page.QuerySelector($"[data-testid=column-chooser] input[value='cf:{id}'][checked]"));
        Assert.Equal("Shop branch ▲", page.QuerySelector($"th[data-column='cf:{id}']")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("[data-testid=claims] tbody tr")
            .Select(r => (Number: r.QuerySelector("td a")!.TextContent.Trim(), Shop: r.QuerySelector($"[data-testid=cf-{shop}]")!.TextContent.Trim()))
            .ToList();
        Assert.Equal([(numbers[$"Kraków {marker} A"], $"Kraków {marker} A"), (numbers[$"Łódź {marker} B"], $"Łódź {marker} B")], rows);
        Assert.Equal(marker, page.QuerySelector($"#cf-{id}")!.GetAttribute("value"));

        // The export of the view carries the custom column, in the view's order.
        var csv = await admin.GetStringAsync($"/Claims?handler=Export&format=csv&col=number&col=cf:{id}&cf.{id}={marker}&sort=cf:{id}&desc=false");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Number,Shop branch", $"{numbers[$"Kraków {marker} A"]},Kraków {marker} A", $"{numbers[$"Łódź {marker} B"]},Łódź {marker} B"], lines);
    }
}
