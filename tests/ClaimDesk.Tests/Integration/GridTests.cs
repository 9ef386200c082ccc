using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>The claim grid (issue 7): filters, sorting, columns, built-in and saved views, export, paging.</summary>
[Collection(SharedAppsGroup.Name)]
public sealed class GridTests(SharedApps apps)
{
    private static readonly XNamespace Sheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Three claims whose every column grows from the first to the third; the grid is narrowed to them by the marker.</summary>
    private sealed record Trio(string Marker, string[] Numbers, long[] Ids, string[] Assignees, HttpClient Client, string Me, ClaimDeskFactory App)
    {
        public string Url(string query) => $"/Claims?q={Uri.EscapeDataString(Marker)}&{query}";
    }

    private async Task<Trio> TrioAsync(DatabaseProvider provider, bool everyoneAssigned)
    {
        var app = await apps.GetAsync(provider);
        var marker = $"Grid{Guid.NewGuid():N}"[..16];
        var api = await app.CreateApiClientAsync();
        var numbers = new string[3];
        var ids = new long[3];
        string[] channels = ["email", "in_person", "phone"];
        for (var i = 0; i < 3; i++)
        {
            var claim = ApiClients.NewClaim(lines: i + 1);
            claim["channel"] = channels[i];
            claim["customer"] = new Dictionary<string, object?> { ["name"] = $"{marker} {(char)('A' + i)} Sp. z o.o." };
            ((Dictionary<string, object?>)claim["contact"]!)["name"] = $"{marker} {i} Zażółć";
            using var created = await api.PostJsonAsync("/api/v1/claims", claim);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = (await created.Content.ReadFromJsonAsync<CreatedClaim>())!;
            (numbers[i], ids[i]) = (body.Number, body.Id);
        }

        var people = new string[3];
        var emails = new string[3];
        for (var i = 0; i < 3; i++)
        {
            emails[i] = await StaffAccounts.CreateAsync(app, StaffRole.Operator, $"{marker} {(char)('A' + i)}");
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var i = 0; i < 3; i++)
        {
            var email = emails[i];
            people[i] = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        }

        var now = DateTime.UtcNow;
        string[] statuses = ["closed", "in_review", "new"];
        Priority[] priorities = [Priority.Low, Priority.Normal, Priority.High];
        ClaimCategory[] categories = [ClaimCategory.Other, ClaimCategory.Quality, ClaimCategory.Transport];
        LegalBasis[] bases = [LegalBasis.Conformity, LegalBasis.Goodwill, LegalBasis.Guarantee];
        CustomerType[] types = [CustomerType.Business, CustomerType.Consumer, CustomerType.Pnpk];
        ClaimDecision[] decisions = [ClaimDecision.Accepted, ClaimDecision.PartiallyAccepted, ClaimDecision.Pending];
        for (var i = 0; i < 3; i++)
        {
            var (id, status, priority, category, basis, type, decision) = (ids[i], statuses[i], priorities[i], categories[i], bases[i], types[i], decisions[i]);
            var assignee = !everyoneAssigned && i == 2 ? null : people[i];
            var received = new DateTime(2026, 1 + i, 10, 12, 0, 0, DateTimeKind.Utc);
            DateTime? closed = i == 0 ? now : null;
            await db.Claims.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, status).SetProperty(c => c.Priority, priority).SetProperty(c => c.Category, category)
                .SetProperty(c => c.LegalBasis, basis).SetProperty(c => c.CustomerType, type).SetProperty(c => c.Decision, decision)
                .SetProperty(c => c.AssigneeId, assignee).SetProperty(c => c.Value, 10m * (i + 1)).SetProperty(c => c.ReceivedAt, received)
                .SetProperty(c => c.UpdatedAt, now.AddMinutes(i)).SetProperty(c => c.NextDueAt, now.AddDays(i == 2 ? 5 : i - 3))
                .SetProperty(c => c.ClosedAt, closed));
        }

        var client = app.CreateBrowserLikeClient();
        (await client.SignInAsync(emails[1], StaffAccounts.Password)).Dispose();
        return new Trio(marker, numbers, ids, people, client, people[1], app);
    }

    private static async Task<List<string>> NumbersAsync(HttpClient client, string url)
    {
        var page = await client.GetPageAsync(url);
        return [.. page.QuerySelectorAll("[data-testid=claims] tbody tr").Select(r => r.QuerySelector("a")!.TextContent.Trim())];
    }

    private sealed record CreatedClaim(long Id, string Number);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_grid_sorts_by_every_column_both_ways(DatabaseProvider provider)
    {
        var trio = await TrioAsync(provider, everyoneAssigned: true);
        var all = string.Join('&', ClaimGrid.Columns.Select(c => "col=" + c.Key));
        var page = await trio.Client.GetPageAsync(trio.Url(all));
        Assert.Equal(ClaimGrid.Columns.Select(c => c.Key), page.QuerySelectorAll("[data-testid=claims] thead th").Select(th => th.GetAttribute("data-column")));

        foreach (var column in ClaimGrid.Columns)
        {
            Assert.True(column.Sort is not null, $"{column.Key} cannot be sorted");
            Assert.Equal(trio.Numbers, await NumbersAsync(trio.Client, trio.Url($"{all}&sort={column.Key}&desc=false")));
            Assert.Equal(trio.Numbers.Reverse(), await NumbersAsync(trio.Client, trio.Url($"{all}&sort={column.Key}&desc=true")));
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_filter_narrows_the_grid_to_the_claims_that_match(DatabaseProvider provider)
    {
        var trio = await TrioAsync(provider, everyoneAssigned: false);
        var n = trio.Numbers;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, OrganisationClock.Find("Europe/Warsaw")));
        var cases = new (string Query, string[] Expected)[]
        {
            ("", n),
            ("status=in_review", [n[1]]),
            ("status=closed&status=new", [n[0], n[2]]),
            ("state=open", [n[1], n[2]]),
            ("state=closed", [n[0]]),
            ("assignee=me", [n[1]]),
            ("assignee=none", [n[2]]),
            ($"assignee={trio.Assignees[0]}", [n[0]]),
            ("channel=in_person", [n[1]]),
            ("ctype=pnpk", [n[2]]),
            ("basis=goodwill", [n[1]]),
            ("category=transport", [n[2]]),
            ("priority=low", [n[0]]),
            ("decision=partially_accepted", [n[1]]),
            ("from=2026-02-01&to=2026-02-28", [n[1]]),
            ("from=2026-02-11", [n[2]]),
            ($"due={today.AddDays(-3):yyyy-MM-dd}", [n[0]]),
            ("overdue=true", [n[1]]),
            ("channel=carrier_pigeon", []),
        };
        foreach (var (query, expected) in cases)
        {
            Assert.True(expected.SequenceEqual(await NumbersAsync(trio.Client, trio.Url(query + "&sort=number&desc=false"))), query);
        }

        // A deleted claim is never listed, whatever the filter.
        await using (var scope = trio.App.Services.CreateAsyncScope())
        {
            var id = trio.Ids[1];
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Claims.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsDeleted, true));
        }

        Assert.Equal([n[0], n[2]], await NumbersAsync(trio.Client, trio.Url("sort=number&desc=false")));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_built_in_views_show_mine_unassigned_overdue_and_archived_claims(DatabaseProvider provider)
    {
        var trio = await TrioAsync(provider, everyoneAssigned: false);
        var page = await trio.Client.GetPageAsync("/Claims");
        var views = page.QuerySelectorAll("[data-testid=views] a[data-view]").ToDictionary(a => a.GetAttribute("data-view")!, a => a.GetAttribute("href")!);
        Assert.Equal(["mine", "unassigned", "overdue", "archive"], views.Keys);

        async Task<List<string>> ViewAsync(string key) =>
            await NumbersAsync(trio.Client, System.Net.WebUtility.HtmlDecode(views[key]) + "&q=" + Uri.EscapeDataString(trio.Marker));

        Assert.Equal([trio.Numbers[1]], await ViewAsync("mine"));
        Assert.Equal([trio.Numbers[2]], await ViewAsync("unassigned"));
        Assert.Equal([trio.Numbers[1]], await ViewAsync("overdue"));
        Assert.Equal([trio.Numbers[0]], await ViewAsync("archive"));
        var archive = await trio.Client.GetPageAsync(System.Net.WebUtility.HtmlDecode(views["archive"]));
        Assert.Equal("archive", archive.QuerySelector("[data-testid=views] a.active")!.GetAttribute("data-view"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_user_saves_opens_renames_and_deletes_views_that_no_one_else_sees(DatabaseProvider provider)
    {
        var trio = await TrioAsync(provider, everyoneAssigned: false);
        var url = trio.Url("status=in_review&col=number&col=assignee&col=value&sort=value&desc=false");

        using (var saved = await trio.Client.SubmitFormAsync(url, new Dictionary<string, string> { ["name"] = "Mój widok" }, "#save-view"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var page = await trio.Client.GetPageAsync("/Claims");
        var link = page.QuerySelectorAll("[data-testid=views] a[data-saved-view]").Single(a => a.TextContent == "Mój widok");
        var id = long.Parse(link.GetAttribute("data-saved-view")!, CultureInfo.InvariantCulture);
        var opened = await trio.Client.GetPageAsync(link.GetAttribute("href")!);
        Assert.Equal(["number", "assignee", "value"], opened.QuerySelectorAll("[data-testid=claims] thead th").Select(th => th.GetAttribute("data-column")));
        Assert.Equal([trio.Numbers[1]], opened.QuerySelectorAll("[data-testid=claims] tbody tr a").Select(a => a.TextContent));
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), opened.QuerySelector("[data-testid=views] a.active")!.GetAttribute("data-saved-view"));

        // Another user neither sees it nor can touch it.
        var other = trio.App.CreateBrowserLikeClient();
        (await other.SignInAsync(await StaffAccounts.CreateAsync(trio.App, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        var othersPage = await other.GetPageAsync("/Claims");
        Assert.Empty(othersPage.QuerySelectorAll($"[data-saved-view='{id}']"));
        var token = othersPage.QuerySelector("#save-view input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var refused = await other.PostAsync($"/Claims?handler=RenameView&id={id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["name"] = "Stolen" })))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        using (var refused = await other.PostAsync($"/Claims?handler=DeleteView&id={id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        using (var renamed = await trio.Client.SubmitFormAsync("/Claims", new Dictionary<string, string> { ["name"] = "Przegląd" },
            $"[data-testid=saved-view-{id}] form[action*=RenameView]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        Assert.Equal("Przegląd", (await trio.Client.GetPageAsync("/Claims")).QuerySelector($"[data-testid=views] a[data-saved-view='{id}']")!.TextContent);
        using (var deleted = await trio.Client.SubmitFormAsync("/Claims", new Dictionary<string, string>(),
            $"[data-testid=saved-view-{id}] form[action*=DeleteView]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Empty((await trio.Client.GetPageAsync("/Claims")).QuerySelectorAll("[data-saved-view]"));
        await using var scope = trio.App.Services.CreateAsyncScope();
        var key = id.ToString(CultureInfo.InvariantCulture);
        var audit = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEvents
            .Where(a => a.EntityType == SavedView.EntityType && a.EntityId == key).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["created", "updated", "deleted"], audit.Select(a => a.Action));
        Assert.Equal(("Mój widok", "Przegląd"), (audit[1].OldValue, audit[1].NewValue));
        Assert.All(audit, a => Assert.Equal(trio.Me, a.ActorId));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_split_the_view_without_gaps_or_overlap_and_the_export_holds_all_of_it(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var marker = $"Pages{Guid.NewGuid():N}"[..16];
        var api = await app.CreateApiClientAsync();
        var numbers = new List<string>();
        for (var i = 0; i < 27; i++)
        {
            var claim = ApiClients.NewClaim();
            ((Dictionary<string, object?>)claim["contact"]!)["name"] = $"{marker} {i:00} Łucja Żółć";
            using var created = await api.PostJsonAsync("/api/v1/claims", claim);
            numbers.Add((await created.Content.ReadFromJsonAsync<CreatedClaim>())!.Number);
        }

        var client = app.CreateBrowserLikeClient();
        (await client.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        var view = $"q={Uri.EscapeDataString(marker)}&sort=contact&desc=false&col=number&col=contact&col=received&col=value&col=status";
        var first = await client.GetPageAsync($"/Claims?{view}");
        var second = await NumbersAsync(client, $"/Claims?{view}&p=2");
        var firstNumbers = first.QuerySelectorAll("[data-testid=claims] tbody tr a").Select(a => a.TextContent).ToList();
        Assert.Equal(25, firstNumbers.Count);
        Assert.Equal(numbers, [.. firstNumbers, .. second]);
        Assert.Contains("27", first.QuerySelector("[data-testid=total]")!.TextContent, StringComparison.Ordinal);

        // CSV: UTF-8 with a BOM, a header, every row of the view (not only the page), in its order.
        var csvLink = System.Net.WebUtility.HtmlDecode(first.QuerySelector("[data-testid=export-csv]")!.GetAttribute("href")!);
        using var csv = await client.GetAsync(csvLink);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Number,Received,Contact,Status,Value", lines[0]);
        Assert.Equal(28, lines.Length);
        var today = DateTime.UtcNow;
        Assert.Equal(numbers, lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.StartsWith($"{numbers[0]},", lines[1], StringComparison.Ordinal);
        Assert.EndsWith($",{marker} 00 Łucja Żółć,New,1499.99", lines[1], StringComparison.Ordinal);

        // XLSX: a package a spreadsheet opens; read back, it holds the same rows, the receipt as a date.
        var xlsxLink = System.Net.WebUtility.HtmlDecode(first.QuerySelector("[data-testid=export-xlsx]")!.GetAttribute("href")!);
        using var xlsx = await client.GetAsync(xlsxLink);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        await using var zip = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()));
        Assert.Superset(new HashSet<string> { "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml" },
            zip.Entries.Select(e => e.FullName).ToHashSet());
        foreach (var entry in zip.Entries)
        {
            await using var part = await entry.OpenAsync();
            XDocument.Load(part);
        }

        XDocument sheet;
        await using (var part = await zip.GetEntry("xl/worksheets/sheet1.xml")!.OpenAsync())
        {
            sheet = XDocument.Load(part);
        }

        var rows = sheet.Descendants(Sheet + "row").Select(r => r.Elements(Sheet + "c").ToList()).ToList();
        Assert.Equal(28, rows.Count);
        Assert.Equal(["Number", "Received", "Contact", "Status", "Value"], rows[0].Select(c => c.Value));
        Assert.Equal(numbers, rows.Skip(1).Select(r => r[0].Value));
        Assert.Equal($"{marker} 00 Łucja Żółć", rows[1][2].Value);
        Assert.Equal("inlineStr", (string?)rows[1][2].Attribute("t"));
        var received = rows[1][1];
        Assert.Null(received.Attribute("t"));
        Assert.Equal("1", (string?)received.Attribute("s"));
        var day = DateTime.FromOADate(double.Parse(received.Value, CultureInfo.InvariantCulture));
        Assert.InRange(day, today.AddDays(-2), today.AddDays(2));
        Assert.Equal("New", rows[1][3].Value);
        Assert.Equal(1499.99m, decimal.Parse(rows[1][4].Value, CultureInfo.InvariantCulture));
    }
}
