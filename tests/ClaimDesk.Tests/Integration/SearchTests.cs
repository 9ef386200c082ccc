using System.Net.Http.Json;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>Full-text search over claims on both databases: folded text, numbers, lines, messages.</summary>
public sealed class SearchTests
{
    private sealed record Created(long Id, string Number);

    private sealed record Listed(long Id, string Number);

    private sealed record ListPage(List<Listed> Items, int Total);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Searching_without_diacritics_finds_Polish_and_Czech_text_numbers_serials_and_messages(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var api = await app.App.CreateApiClientAsync(StaffRole.Operator);
        var marker = Guid.NewGuid().ToString("N")[..10];
        async Task<Created> CreateAsync(string contact, string fault, string serial)
        {
            var claim = ApiClients.NewClaim();
            ((Dictionary<string, object?>)claim["contact"]!)["name"] = contact;
            var line = ((List<Dictionary<string, object?>>)claim["lines"]!)[0];
            line["faultDescription"] = fault;
            line["serialNumber"] = serial;
            using var response = await api.PostJsonAsync("/api/v1/claims", claim);
            return (await response.Content.ReadFromJsonAsync<Created>())!;
        }

        var polish = await CreateAsync("Zofia Wiśniewska", $"Zażółć gęślą jaźń {marker}: nie wiruje.", "SN-ŁÓDŹ-77");
        var czech = await CreateAsync("Jana Nováková", $"Příliš žluťoučký kůň {marker}.", "CZ-123");
        var other = await CreateAsync("Adam Nowak", "Pęknięta obudowa.", "X-1");

        async Task<List<string>> FindAsync(string query)
        {
            var page = await api.GetFromJsonAsync<ListPage>($"/api/v1/claims?search={Uri.EscapeDataString(query)}&pageSize=100");
            return [.. page!.Items.Select(i => i.Number).Order(StringComparer.Ordinal)];
        }

        Assert.Equal([polish.Number], await FindAsync("gesla"));
        Assert.Equal([polish.Number], await FindAsync("GĘŚLĄ"));
        Assert.Equal([polish.Number], await FindAsync("wisniewska zazolc"));
        Assert.Equal([czech.Number], await FindAsync("zlutoucky kun"));
        Assert.Equal([czech.Number], await FindAsync("novakova"));
        Assert.Equal([polish.Number], await FindAsync("sn-lodz-77"));
        Assert.Equal([other.Number], await FindAsync(other.Number));
        Assert.Equal(new[] { polish.Number, czech.Number }.Order(StringComparer.Ordinal), await FindAsync(marker));
        Assert.Equal([other.Number], await FindAsync("pekniet"));
        Assert.Empty(await FindAsync("kun zofia"));

        // A note written later is found too: the index follows every saved change.
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var thread = scope.ServiceProvider.GetRequiredService<ClaimDesk.Web.Features.Claims.ClaimThread>();
            var outcome = await thread.PostAsync(other.Id, "note", "Klient dzwonił: uszkodzenie w transporcie, kurier DPD.", [],
                ClaimDesk.Core.Claims.Actor.System, "http://localhost");
            Assert.True(outcome.Succeeded);
        }

        Assert.Equal([other.Number], await FindAsync("uszkodzenie transporcie"));
        Assert.Equal(3, await app.QueryAsync(db => db.ClaimSearch.CountAsync()));

        // A new claim's document, built in memory as it is saved, is the one re-indexing from the database builds.
        var built = await app.QueryAsync(db => db.ClaimSearch.AsNoTracking().OrderBy(d => d.ClaimId).Select(d => d.Document).ToListAsync());
        await app.QueryAsync(async db =>
        {
            await ClaimDesk.Web.Features.Search.ClaimSearch.RefreshAsync(db, [polish.Id, czech.Id], DateTime.UtcNow);
            return 0;
        });
        var rebuilt = await app.QueryAsync(db => db.ClaimSearch.AsNoTracking().OrderBy(d => d.ClaimId).Select(d => d.Document).ToListAsync());
        Assert.Equal(built, rebuilt);
        Assert.Contains("zofia wisniewska", built[0], StringComparison.Ordinal);
    }
}
