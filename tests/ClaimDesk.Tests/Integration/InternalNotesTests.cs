using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>What staff keep among themselves never reaches a partner: not on the portal, not by a file's address, not by e-mail.</summary>
public sealed class InternalNotesTests
{
    private sealed record Created(long Id, string Number);

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_internal_note_and_its_file_never_reach_the_partner_portal_while_a_message_to_the_partner_does(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var company = await ErpFixtures.CompanyWithInvoiceAsync(app.App, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30));
        var api = await app.App.CreateApiClientAsync(StaffRole.Operator);
        var body = ApiClients.NewClaim();
        body["customer"] = new Dictionary<string, object?> { ["code"] = company.CustomerCode };
        using var created = await api.PostJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claim = (await created.Content.ReadFromJsonAsync<Created>())!;

        const string Note = "Notatka: partner zwraca trzeci raz, sprawdzić umowę.";
        const string Reply = "Prosimy o zdjęcia opakowania.";
        var staff = app.App.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app.App, StaffRole.Operator), StaffAccounts.Password)).Dispose();
        foreach (var (kind, text, file) in new[] { ("note", Note, "umowa-wewnętrzna.pdf"), ("outbound", Reply, "instrukcja-pakowania.pdf") })
        {
            var card = await staff.GetPageAsync($"/Claims/{claim.Id}");
            using var posted = await staff.PostMultipartAsync((IHtmlFormElement)card.QuerySelector("[data-testid=message-form]")!,
                new Dictionary<string, string> { ["kind"] = kind, ["body"] = text }, [("files", file, TestFiles.Pdf())]);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        var partner = await PartnerAccounts.SignedInAsync(app.App, company.CustomerId);
        var page = await partner.GetAsync($"/portal/claims/{claim.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(Reply, html, StringComparison.Ordinal);
        Assert.Contains("instrukcja-pakowania.pdf", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, html, StringComparison.Ordinal);
        Assert.DoesNotContain("umowa-wewnętrzna.pdf", html, StringComparison.Ordinal);

        var files = await app.QueryAsync(db => db.ClaimAttachments.AsNoTracking().Where(a => a.ClaimId == claim.Id).ToListAsync());
        var internalFile = Assert.Single(files, f => f.Visibility == AttachmentVisibility.Internal);
        var publicFile = Assert.Single(files, f => f.Visibility == AttachmentVisibility.Public);
        using (var refused = await partner.GetAsync($"/portal/claims/{claim.Id}/files/{internalFile.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        using (var allowed = await partner.GetAsync($"/portal/claims/{claim.Id}/files/{publicFile.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        // Staff's own download route and the claims API are not the partner's.
        using (var staffRoute = await partner.GetAsync($"/Claims/{claim.Id}/attachments/{internalFile.Id}"))
        {
            Assert.NotEqual(HttpStatusCode.OK, staffRoute.StatusCode);
        }

        using (var apiRoute = await partner.GetAsync($"/api/v1/claims/{claim.Id}"))
        {
            Assert.NotEqual(HttpStatusCode.OK, apiRoute.StatusCode);
        }

        // No e-mail of the claim, to anyone outside, carries the note.
        Assert.DoesNotContain(await app.MessagesAsync(), m => m.TextBody.Contains(Note, StringComparison.Ordinal));
        Assert.Contains(await app.MessagesAsync(), m => m.TextBody.Contains(Reply, StringComparison.Ordinal));
    }
}
