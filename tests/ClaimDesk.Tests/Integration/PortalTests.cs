using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>The partner portal through HTTP, as a browser without JavaScript uses it (issue 5, part 3).</summary>
[Collection(SharedAppsGroup.Name)]
public sealed partial class PortalTests(SharedApps apps)
{
    private static readonly DateOnly SaleDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-400);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_creates_one_RMA_from_three_invoice_lines_with_the_invoice_facts_and_three_reference_numbers(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var partner = await PartnerAccounts.SignedInAsync(app, company.CustomerId);
        var url = $"/portal/new?document={Uri.EscapeDataString(company.InvoiceNumber)}";
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await partner.GetPageAsync(url)).QuerySelector("#rma-form")!;
        var values = new Dictionary<string, string>
        {
            ["Picks[0].Selected"] = "true", ["Picks[0].Quantity"] = "1", ["Picks[0].FaultDescription"] = "Nie wiruje.",
            ["Picks[1].Selected"] = "true", ["Picks[1].Quantity"] = "6", ["Picks[1].FaultDescription"] = "Przecieka.",
            ["Picks[2].Selected"] = "true", ["Picks[2].Quantity"] = "1", ["Picks[2].FaultDescription"] = "Nie działa.",
        };

        // Six kettles of five sold: refused, with the line's own message, and what was typed is kept.
        using (var refused = await partner.PressAsync(form, values, "Send the RMA"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await HtmlForms.ParseAsync(refused);
            Assert.Equal($"Line 2 of {company.InvoiceNumber} sold 5, and 0 of it is already claimed: at most 5 can be claimed.",
                page.QuerySelector("[data-field='picks[1].quantity']")!.TextContent.Trim());
            Assert.Equal("Przecieka.", page.QuerySelector("input[name='Picks[1].FaultDescription']")!.GetAttribute("value"));
        }

        values["Picks[1].Quantity"] = "2";
        using var created = await partner.PressAsync(form, values, "Send the RMA");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var claimUrl = created.Headers.Location!.OriginalString;
        var claim = await partner.GetPageAsync(claimUrl);
        var number = Regex.Match(claim.QuerySelector("[data-testid=claim-number]")!.TextContent, @"RMA-\d{4}-\d{6}").Value;
        Assert.Equal([$"{number}-01", $"{number}-02", $"{number}-03"],
            claim.QuerySelectorAll("[data-testid=line-reference]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["1,499.99", "249.50", "89.90"], claim.QuerySelectorAll("[data-testid=line-unit-price]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Under warranty", "Not under warranty"],
            claim.QuerySelectorAll("[data-testid=line-warranty] .badge").Select(e => e.TextContent.Trim()));
        Assert.Equal("2,088.89", claim.QuerySelector("[data-testid=claim-value]")!.TextContent.Trim());
        Assert.NotEmpty(claim.QuerySelector("[data-testid=customer-status]")!.TextContent.Trim());
        Assert.DoesNotContain("Jan Wiśniewski", claim.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://inpost.pl/sledzenie-przesylek?number=620000000001",
            claim.QuerySelector("[data-testid=tracking-link]")!.GetAttribute("href"));

        using var pdf = await partner.GetAsync($"{claimUrl}/label.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var list = await partner.GetPageAsync($"/portal?q={number}");
        Assert.Single(list.QuerySelectorAll("[data-testid=claims] tbody tr"));
        var documents = await partner.GetPageAsync($"/portal/documents?number={Uri.EscapeDataString(company.InvoiceNumber)}");
        Assert.Contains("Pralka Amica PA-612", documents.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_invite_a_partner_who_sets_a_password_from_the_email_signs_in_to_the_portal_and_can_reset_it(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var staff = app.CreateBrowserLikeClient();
        await staff.SignInAsync(await StaffAccounts.CreateAsync(app, StaffRole.Operator), StaffAccounts.Password);
        var email = $"invited-{Guid.NewGuid():N}@example.com";
        using (var invited = await staff.SubmitFormAsync("/Partners", new Dictionary<string, string>
        {
            ["customer"] = company.CustomerCode, ["Name"] = "Ewa Zakupy", ["Email"] = email, ["Language"] = "en",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        }

        var link = await MailLinkAsync(app, email, "/portal/set-password");
        var partner = app.CreateBrowserLikeClient();
        var path = new Uri(link).PathAndQuery;
        using (var set = await partner.SubmitFormAsync(path, new Dictionary<string, string>
        {
            ["Password"] = "Partner-Chosen-2026!", ["Confirmation"] = "Partner-Chosen-2026!",
        }))
        {
            Assert.Equal("/portal/login", set.Headers.Location?.OriginalString);
        }

        using (var reused = await partner.SubmitFormAsync(path, new Dictionary<string, string>
        {
            ["Password"] = "Another-Pass-2026!", ["Confirmation"] = "Another-Pass-2026!",
        }))
        {
            Assert.Contains("The link is not valid or has expired.", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var signIn = await partner.SubmitFormAsync("/portal/login", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = "Partner-Chosen-2026!",
        });
        Assert.Equal("/portal", signIn.Headers.Location?.OriginalString);
        var home = await partner.GetPageAsync("/portal");
        Assert.Equal(company.CustomerName, home.QuerySelector("[data-testid=company]")!.TextContent.Trim());

        var anonymous = app.CreateBrowserLikeClient();
        using (await anonymous.SubmitFormAsync("/portal/forgot-password", new Dictionary<string, string> { ["Email"] = email }))
        {
        }

        var reset = await MailLinkAsync(app, email, "/portal/set-password", subject: "Choose a new password for ClaimDesk");
        Assert.NotEqual(link, reset);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_status_filter_lists_each_label_once_and_finds_claims_of_every_status_that_carries_it(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate);
        var api = await app.CreateApiClientAsync();
        // "In diagnosis" and "At supplier" both read "Being inspected" to the customer; "Received" is another label.
        var diagnosed = await RmaAsync(api, company, 1, "in_diagnosis");
        var atSupplier = await RmaAsync(api, company, 2, "in_review", "at_supplier");
        var received = await RmaAsync(api, company, 3);
        var partner = await PartnerAccounts.SignedInAsync(app, company.CustomerId);

        var home = await partner.GetPageAsync("/portal");
        var options = home.QuerySelectorAll("#status option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Equal(options.Distinct().Count(), options.Count);
        var inspected = Assert.Single(home.QuerySelectorAll("#status option"), o => o.TextContent.Trim() == "Being inspected");

        var filtered = await partner.GetPageAsync($"/portal?status={Uri.EscapeDataString(inspected.GetAttribute("value")!)}");
        var numbers = filtered.QuerySelectorAll("[data-testid=claims] tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal([atSupplier, diagnosed], numbers);
        Assert.DoesNotContain(received, numbers);
        Assert.All(filtered.QuerySelectorAll("[data-testid=claim-status]"), s => Assert.Equal("Being inspected", s.TextContent.Trim()));
        Assert.Equal("Being inspected", filtered.QuerySelector("#status option[selected]")!.TextContent.Trim());
    }

    /// <summary>An RMA of the company for one line of its invoice, moved through <paramref name="moves"/>; its number.</summary>
    private static async Task<string> RmaAsync(HttpClient api, ErpCompany company, int lineNo, params string[] moves)
    {
        using var response = await api.PostJsonAsync("/api/v1/claims", new Dictionary<string, object?>
        {
            ["channel"] = "phone", ["customer"] = new { code = company.CustomerCode },
            ["contact"] = new { name = "Kontakt", email = "kontakt@example.pl" },
            ["customerType"] = "business", ["legalBasis"] = "warranty_b2b", ["requestedRemedy"] = "repair", ["deliveryMethod"] = "customer_ships",
            ["lines"] = new[] { new { salesDocumentNumber = company.InvoiceNumber, salesDocumentLineNo = lineNo, quantity = 1, faultDescription = "Nie działa." } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        foreach (var move in moves)
        {
            using var moved = await api.PostJsonAsync($"/api/v1/claims/{created.GetProperty("id").GetInt64()}/transitions", new { to = move });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        return created.GetProperty("number").GetString()!;
    }

    private static async Task<string> MailLinkAsync(ClaimDeskFactory app, string to, string marker, string? subject = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var mail = await db.OutboxMessages.Where(m => m.To == to && (subject == null || m.Subject == subject))
            .OrderByDescending(m => m.Id).FirstAsync();
        return UrlPattern().Matches(mail.TextBody).Select(m => m.Value).First(u => u.Contains(marker, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
