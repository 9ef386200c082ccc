using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Issue 5's acceptance: a partner of company A can neither see nor reach a claim, document, attachment or sales
/// document of company B, by any portal page or API route. The walk takes every route the application maps.
/// </summary>
[Collection(SharedAppsGroup.Name)]
public sealed partial class PortalIsolationTests(SharedApps apps)
{
    private static readonly DateOnly SaleDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_partner_of_one_company_reaches_nothing_of_another_by_any_page_or_route(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var a = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate, "Sklep Alfa");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var b = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate, $"Hurtownia Beta {tag}");
        var (aId, _) = await ClaimAsync(app, a);
        var (bId, bNumber) = await ClaimAsync(app, b);
        long bFile;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var attachments = scope.ServiceProvider.GetRequiredService<ClaimAttachments>();
            using var content = new MemoryStream(TestFiles.Pdf());
            var (outcome, attachment) = await attachments.AddAsync(bId, $"beta-{tag}.pdf", content, AttachmentVisibility.Public, Actor.System);
            Assert.True(outcome.Succeeded);
            bFile = attachment!.Id;
            var thread = scope.ServiceProvider.GetRequiredService<ClaimThread>();
            Assert.True((await thread.PostAsync(bId, MessageKind.Outbound, $"Wiadomość dla Bety {tag}", [], Actor.System, "http://localhost")).Succeeded);
        }

        string[] secrets = [bNumber, b.CustomerName, b.CustomerCode, b.InvoiceNumber, $"beta-{tag}.pdf", $"Wiadomość dla Bety {tag}", b.Products[0].Code];
        var partner = await PartnerAccounts.SignedInAsync(app, a.CustomerId);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = bId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["idOrNumber"] = bNumber,
            ["attachmentId"] = bFile.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["fileId"] = bFile.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["lineNo"] = "1",
            ["number"] = Uri.EscapeDataString(b.InvoiceNumber),
            ["token"] = "not-a-token",
        };

        var walked = new List<string>();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null).ToList();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            foreach (var method in methods.Where(m => m is "GET" or "POST" or "PUT" or "DELETE"))
            {
                var url = "/" + Parameter().Replace(pattern, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value
                    : m.Groups[1].Value == "key" ? Uri.EscapeDataString(KeyFor(pattern, b)) : "1");
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method != "GET")
                {
                    request.Content = JsonContent.Create(new { customerCode = b.CustomerCode, body = "x" });
                }

                using var response = await partner.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                walked.Add($"{method} /{pattern}");
                foreach (var secret in secrets)
                {
                    Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{method} {url} shows '{secret}' to a partner of another company.");
                }

                if (Parameter().IsMatch(pattern))
                {
                    Assert.True(Refused(response), $"{method} {url} answered {(int)response.StatusCode} {response.Headers.Location} to a partner of another company.");
                }
            }
        }

        // The walk reached the places that matter: staff card, downloads, label, API, ERP master data and the portal.
        foreach (var route in (string[])["GET /Claims/{id:long}", "GET /Claims/{id:long}/attachments/{attachmentId:long}", "GET /Claims/{id:long}/label.pdf",
            "GET /api/v1/claims/{idOrNumber}", "POST /api/v1/claims/", "GET /api/v1/sales-documents/{key}", "GET /portal/claims/{id:long}",
            "GET /portal/claims/{id:long}/files/{fileId:long}", "GET /portal/claims/{id:long}/label.pdf", "GET /portal/claims/{id:long}/label",
            "GET /lookup/sales-documents"])
        {
            Assert.Contains(route, walked);
        }

        // The portal's own ways in with B's invoice, serial numbers and claim: refused, nothing saved.
        var claimedBefore = await ClaimedLinesAsync(app, b.InvoiceNumber);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/portal/documents?number={Uri.EscapeDataString(b.InvoiceNumber)}")).StatusCode);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await partner.GetPageAsync(
            $"/portal/new?document={Uri.EscapeDataString(b.InvoiceNumber)}")).QuerySelector("#rma-form")!;
        using (var picked = await partner.PressAsync(form, new Dictionary<string, string>
        {
            ["Picks[0].LineNo"] = "1", ["Picks[0].Selected"] = "true", ["Picks[0].Quantity"] = "1", ["Picks[0].FaultDescription"] = "x",
        }, "Send the RMA"))
        {
            var text = await picked.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, picked.StatusCode);
            Assert.Contains("There is no sales document", text, StringComparison.Ordinal);
        }

        using (var typed = await partner.PressAsync(form, new Dictionary<string, string>
        {
            ["document"] = "", ["Typed[0].SerialNumber"] = b.Products[0].Serials[0], ["Typed[0].FaultDescription"] = "x",
            ["Typed[0].SalesDocumentNumber"] = b.InvoiceNumber,
        }, "Send the RMA"))
        {
            var text = await typed.Content.ReadAsStringAsync();
            Assert.Contains($"No sale of serial number {b.Products[0].Serials[0]} is known", text, StringComparison.Ordinal);
            Assert.DoesNotContain(b.Products[0].Code, text, StringComparison.Ordinal);
        }

        var own = (AngleSharp.Html.Dom.IHtmlFormElement)(await partner.GetPageAsync($"/portal/claims/{aId}")).QuerySelector("[data-testid=message-form]")!;
        own.SetAttribute("action", $"/portal/claims/{bId}?handler=Message");
        using (var message = await partner.PressAsync(own, new Dictionary<string, string> { ["body"] = "Do Bety" }, "Send"))
        {
            Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
        }

        Assert.Equal(claimedBefore, await ClaimedLinesAsync(app, b.InvoiceNumber));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().ClaimMessages.AnyAsync(m => m.ClaimId == bId && m.Body == "Do Bety"));
        }

        var list = await partner.GetPageAsync($"/portal?q={bNumber}");
        Assert.NotNull(list.QuerySelector("[data-testid=no-claims]"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_consumer_claim_recorded_by_staff_with_a_serial_sold_to_a_company_is_not_shown_in_that_companys_portal(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app, SaleDate, "Sklep Gamma");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var consumer = $"Zofia Konsumentka {tag}";
        const string phone = "+48 601 777 888";
        var staff = app.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app, Core.Security.StaffRole.Operator), StaffAccounts.Password)).Dispose();

        // The consumer names the product and the serial number on the box; the serial was sold to the company.
        string card;
        using (var saved = await staff.SubmitFormAsync("/Claims/New", new Dictionary<string, string>
        {
            ["Form.Channel"] = "phone", ["Form.ContactName"] = consumer, ["Form.ContactPhone"] = phone,
            ["Form.CustomerType"] = "consumer", ["Form.LegalBasis"] = "conformity", ["Form.RequestedRemedy"] = "repair",
            ["Form.DeliveryMethod"] = "courier_pickup", ["Form.PickupAddress"] = "ul. Długa 5\n00-001 Warszawa\nPolska", ["Form.Lines[0].ProductName"] = $"Pralka z pudełka {tag}",
            ["Form.Lines[0].SerialNumber"] = company.Products[0].Serials[0], ["Form.Lines[0].Quantity"] = "1",
            ["Form.Lines[0].FaultDescription"] = "Nie wiruje.",
        }, "#claim-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            card = saved.Headers.Location!.OriginalString;
        }

        var id = long.Parse(card.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var thread = scope.ServiceProvider.GetRequiredService<ClaimThread>();
            Assert.True((await thread.PostAsync(id, MessageKind.Outbound, $"Odbierzemy pralkę {tag}", [], Actor.System, "http://localhost")).Succeeded);
        }

        // Staff see the claim as recorded: the consumer's own, with the product as typed.
        var page = await staff.GetPageAsync(card);
        var number = page.QuerySelector("[data-testid=claim-number]")!.TextContent.Trim();
        Assert.Contains($"Pralka z pudełka {tag}", page.QuerySelector("[data-testid=line-1]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(company.Products[0].Name, page.QuerySelector("[data-testid=line-1]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(company.CustomerName, page.Body!.TextContent, StringComparison.Ordinal);

        // The company's partner finds nothing of it: list, search, card, label, label PDF, messages, documents.
        var partner = await PartnerAccounts.SignedInAsync(app, company.CustomerId);
        string[] secrets = [number, consumer, phone, $"Odbierzemy pralkę {tag}", $"Pralka z pudełka {tag}"];
        foreach (var url in (string[])["/portal", $"/portal?q={Uri.EscapeDataString(number)}",
            $"/portal?q={Uri.EscapeDataString(company.Products[0].Serials[0])}",
            $"/portal/documents?number={Uri.EscapeDataString(company.InvoiceNumber)}", "/portal/documents"])
        {
            var body = (await partner.GetPageAsync(url)).Body!.TextContent;
            foreach (var secret in secrets)
            {
                Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{url} shows '{secret}' to the company that sold the serial number.");
            }
        }

        foreach (var url in (string[])[$"/portal/claims/{id}", $"/portal/claims/{id}/label", $"/portal/claims/{id}/label.pdf"])
        {
            using var response = await partner.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    /// <summary>Refused: 401, 403, 404, 400 (a post without its antiforgery token), 405, or sent to sign in or to "access denied".</summary>
    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
            or HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } location
            && (location.Contains("/Account/AccessDenied", StringComparison.Ordinal) || location.Contains("/Account/Login", StringComparison.Ordinal)));

    private static string KeyFor(string pattern, ErpCompany company) =>
        pattern.Contains("customers", StringComparison.Ordinal) ? company.CustomerCode
        : pattern.Contains("products", StringComparison.Ordinal) ? company.Products[0].Code
        : company.InvoiceNumber;

    private static async Task<(long Id, string Number)> ClaimAsync(ClaimDeskFactory app, ErpCompany company)
    {
        var api = await app.CreateApiClientAsync();
        using var response = await api.PostAsJsonAsync("/api/v1/claims", new Dictionary<string, object?>
        {
            ["channel"] = "phone",
            ["customer"] = new { code = company.CustomerCode },
            ["contact"] = new { name = "Kontakt", email = "kontakt@example.pl" },
            ["customerType"] = "business", ["legalBasis"] = "warranty_b2b", ["requestedRemedy"] = "repair", ["deliveryMethod"] = "customer_ships",
            ["lines"] = new[] { new { salesDocumentNumber = company.InvoiceNumber, salesDocumentLineNo = 1, quantity = 1, faultDescription = "Nie działa." } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetInt64(), created.GetProperty("number").GetString()!);
    }

    private static async Task<int> ClaimedLinesAsync(ClaimDeskFactory app, string invoice)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ClaimLines.CountAsync(l => l.SalesDocumentNumber == invoice);
    }

    [GeneratedRegex(@"\{\*{0,2}(\w+)[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();
}
