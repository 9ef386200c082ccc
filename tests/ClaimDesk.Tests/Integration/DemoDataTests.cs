using System.Net;
using System.Net.Mail;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// What <c>--demo</c> leaves in an empty database: claims whose claimants are at reserved domains, no mail queued for
/// the made-up history, and claims on the demo staff's own desks.
/// </summary>
public sealed class DemoDataTests(DemoDataTests.DemoApps apps) : IClassFixture<DemoDataTests.DemoApps>
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_demo_queues_no_mail_and_every_claimant_address_is_at_a_reserved_domain(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Equal(DemoData.ClaimCount, await db.Claims.CountAsync());
        var outbox = await db.OutboxMessages.AsNoTracking().Select(m => new { m.Kind, m.To }).ToListAsync();
        Assert.All(outbox.Where(m => m.Kind == "email"), m => Assert.True(IsReserved(m.To), $"queued for {m.To}"));
        Assert.Empty(outbox);

        var addresses = await db.Claims.AsNoTracking().Where(c => c.ContactEmail != null).Select(c => c.ContactEmail!).ToListAsync();
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.True(IsReserved(a), a));
        var customers = await db.Customers.AsNoTracking().Where(c => c.Email != null).Select(c => c.Email!).ToListAsync();
        Assert.All(customers, a => Assert.True(IsReserved(a), a));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Each_demo_staff_member_has_claims_assigned_that_My_claims_and_the_personal_board_show(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        foreach (var (email, _, _, _) in AccountSeeder.DemoUsers)
        {
            var client = app.CreateBrowserLikeClient();
            using (var signIn = await client.SignInAsync(email, AccountSeeder.DemoPassword))
            {
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            }

            var list = await client.GetPageAsync("/Claims");
            var mine = list.QuerySelector("[data-testid=views] a[data-view=mine]")!.GetAttribute("href")!;
            var myClaims = await client.GetPageAsync(WebUtility.HtmlDecode(mine));
            var rows = myClaims.QuerySelectorAll("[data-testid=claims] tbody tr a").Select(a => a.TextContent.Trim()).ToList();
            Assert.True(rows.Count > 0, $"{email} has no claims in My claims");

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var assigned = await db.Claims.AsNoTracking().Where(c => c.AssigneeId == userId).Select(c => c.Number).ToListAsync();
            Assert.Subset(assigned.ToHashSet(), rows.ToHashSet());

            var board = await client.GetPageAsync("/Board?register=complaints&mine=true");
            var cards = board.QuerySelectorAll("li[data-id]").Select(c => c.GetAttribute("data-testid")!["card-".Length..]).ToList();
            Assert.NotEmpty(cards);
            Assert.Subset(assigned.ToHashSet(), cards.ToHashSet());
        }
    }

    private static bool IsReserved(string address) =>
        MailAddress.TryCreate(address, out var parsed)
        && DemoData.ReservedDomains.Any(d => parsed.Host.Equals(d, StringComparison.OrdinalIgnoreCase)
            || parsed.Host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));

    /// <summary>One app per provider, seeded with <c>--demo</c> once and shared by the tests of this class.</summary>
    public sealed class DemoApps() : SharedApps(demo: true);
}
