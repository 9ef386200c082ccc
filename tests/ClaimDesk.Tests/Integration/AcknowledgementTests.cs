using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.Intake;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Every channel acknowledges a claim as web intake does (issue 11): a claim recorded by staff, through the API or in
/// the portal e-mails the claimant its number, a tracking link and the intake confirmation PDF, in a register that
/// acknowledges intake (on for <c>complaints</c>, off elsewhere, editable by an administrator).
/// </summary>
public sealed partial class AcknowledgementTests
{
    private const string Claimant = "zofia.wisniewska@example.pl";
    private const string Defect = "Zażółć gęślą jaźń: bęben nie wiruje.";

    private static Dictionary<string, string> PhoneClaim(string register = "complaints") => new()
    {
        ["Form.Register"] = register,
        ["Form.Channel"] = "phone",
        ["Form.ContactName"] = "Zofia Wiśniewska",
        ["Form.ContactEmail"] = Claimant,
        ["Form.ContactPhone"] = "+48 600 100 200",
        ["Form.ContactLanguage"] = "pl",
        ["Form.CustomerType"] = "consumer",
        ["Form.LegalBasis"] = "conformity",
        ["Form.RequestedRemedy"] = "replacement",
        ["Form.DeliveryMethod"] = "customer_ships",
        ["Form.Lines[0].ProductName"] = "Pralka Amica PA-612",
        ["Form.Lines[0].SerialNumber"] = "SN-ŻÓŁW-7",
        ["Form.Lines[0].Quantity"] = "1",
        ["Form.Lines[0].FaultDescription"] = Defect,
    };

    private static async Task<HttpClient> StaffAsync(MailingApp app, string role = StaffRole.Operator)
    {
        var client = app.App.CreateBrowserLikeClient();
        (await client.SignInAsync(await StaffAccounts.CreateAsync(app.App, role), StaffAccounts.Password)).Dispose();
        return client;
    }

    private static async Task<string> RecordAsync(HttpClient staff, Dictionary<string, string> form)
    {
        using var saved = await staff.SubmitFormAsync("/Claims/New", form, "#claim-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var card = await staff.GetPageAsync(saved.Headers.Location!.OriginalString);
        return card.QuerySelector("[data-testid=claim-number]")!.TextContent.Trim();
    }

    private static Task<List<Web.Infrastructure.Mail.OutboxMessage>> MailsToAsync(MailingApp app, string to) =>
        app.QueryAsync(db => db.OutboxMessages.AsNoTracking().Include(m => m.Attachments).Where(m => m.To == to).OrderBy(m => m.Id).ToListAsync());

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_phone_claim_recorded_by_staff_emails_the_claimant_the_number_a_tracking_link_and_the_confirmation_PDF(DatabaseProvider provider)
    {
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var app = await MailingApp.StartAsync(provider, smtp);
        var number = await RecordAsync(await StaffAsync(app), PhoneClaim());

        await app.Dispatcher.DispatchOnceAsync();
        var mail = Assert.Single(await smtp.MessagesAsync(), m => m.To == Claimant);
        Assert.Equal($"Reklamacja {number} została przyjęta", mail.Subject);
        Assert.Contains(number, mail.Text!, StringComparison.Ordinal);
        Assert.Equal($"{number}.pdf|application/pdf", string.Join('|', Assert.Single(mail.Attachments).Split('|')[..2]));

        var text = Regex.Replace(await PdfTools.TextAsync(await mail.AttachmentAsync($"{number}.pdf")), @"\s+", " ");
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains(Defect, text, StringComparison.Ordinal);
        Assert.Contains("Wymiana", text, StringComparison.Ordinal);
        Assert.Contains("Potwierdzenie przyjęcia reklamacji", text, StringComparison.Ordinal);

        // The link is absolute and opens the claim's tracking page.
        var link = Regex.Match(mail.Text!, @"https?://\S+/track/\S+").Value;
        Assert.NotEmpty(link);
        var tracking = await app.App.CreateBrowserLikeClient().GetPageAsync(new Uri(link).PathAndQuery);
        Assert.Contains(number, tracking.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var audited = await app.QueryAsync(db => db.AuditEvents.Where(a => a.Action == ClaimAcknowledgement.Action)
            .Select(a => new { a.ActorType, a.NewValue }).SingleAsync());
        Assert.Equal(("user", Claimant), (audited.ActorType, audited.NewValue));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_claim_created_through_the_API_or_in_the_portal_is_acknowledged_to_its_claimant(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);

        var api = await app.App.CreateApiClientAsync();
        using var created = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim(lines: 2));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;

        // Queued with the claim, the confirmation is drawn when the e-mail is sent (not under the number's lock), and kept.
        var queued = Assert.Single(await MailsToAsync(app, "jan.kowalski@example.pl"));
        Assert.Empty(queued.Attachments);
        Assert.StartsWith("intake_confirmation:pl:", queued.Document, StringComparison.Ordinal);
        Assert.Equal($"{number}.pdf", queued.DocumentFileName);
        Assert.True(await app.Dispatcher.DispatchOnceAsync() > 0);
        var apiMail = Assert.Single(await MailsToAsync(app, "jan.kowalski@example.pl"));
        Assert.Equal(OutboxStatus.Sent, apiMail.Status);
        Assert.Equal(($"{number}.pdf", "application/pdf"), (Assert.Single(apiMail.Attachments).FileName, apiMail.Attachments[0].ContentType));
        Assert.Contains(number, apiMail.Subject, StringComparison.Ordinal);
        var apiPdf = Regex.Replace(await PdfTools.TextAsync(Assert.Single(apiMail.Attachments).Content), @"\s+", " ");
        Assert.Contains($"{number}-01", apiPdf, StringComparison.Ordinal);
        Assert.Contains($"{number}-02", apiPdf, StringComparison.Ordinal);
        Assert.Contains("Pralka Amica PA-612", apiPdf, StringComparison.Ordinal);
        Assert.Contains("Naprawa", apiPdf, StringComparison.Ordinal);

        var company = await ErpFixtures.CompanyWithInvoiceAsync(app.App, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-100));
        var partnerEmail = await PartnerAccounts.CreateAsync(app.App, company.CustomerId);
        var partner = app.App.CreateBrowserLikeClient();
        (await partner.SignInAsync(partnerEmail, PartnerAccounts.Password)).Dispose();
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await partner.GetPageAsync("/portal/new")).QuerySelector("#rma-form")!;
        using var rma = await partner.PressAsync(form, new Dictionary<string, string>
        {
            ["Typed[0].ProductName"] = "Czajnik Bosch TWK 3A011", ["Typed[0].Quantity"] = "1", ["Typed[0].FaultDescription"] = "Przecieka przy dnie.",
        }, "Send the RMA");
        Assert.Equal(HttpStatusCode.Redirect, rma.StatusCode);
        Assert.True(await app.Dispatcher.DispatchOnceAsync() > 0);
        var portalMail = Assert.Single(await MailsToAsync(app, partnerEmail));
        Assert.StartsWith("Complaint RMA-", portalMail.Subject, StringComparison.Ordinal);
        Assert.Contains("/track/", portalMail.TextBody, StringComparison.Ordinal);
        var portalPdf = Regex.Replace(await PdfTools.TextAsync(Assert.Single(portalMail.Attachments).Content), @"\s+", " ");
        Assert.Contains("Przecieka przy dnie.", portalPdf, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_register_that_does_not_acknowledge_intake_sends_the_claimant_nothing(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var settings = await app.QueryAsync(db => db.Registers.OrderBy(r => r.Code).Select(r => new { r.Code, r.AcknowledgesIntake }).ToListAsync());
        Assert.Equal([("complaints", true), ("presale", false), ("service", false), ("supplier", false)],
            settings.Select(s => (s.Code, s.AcknowledgesIntake)));

        var staff = await StaffAsync(app);
        await RecordAsync(staff, PhoneClaim("service"));
        Assert.Empty(await MailsToAsync(app, Claimant));

        // An administrator turns it off for complaints on the register's page; the change is audited.
        var admin = app.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var edit = await admin.GetPageAsync("/Admin/Registers/Edit/complaints");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)edit.QuerySelector("#Form_AcknowledgesIntake")!).IsChecked);
        using (var saved = await admin.SubmitFormAsync("/Admin/Registers/Edit/complaints",
            new Dictionary<string, string> { ["Form.AcknowledgesIntake"] = "false" }, "[data-testid=register-form]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.False((await admin.GetPageAsync("/Admin/Registers/Edit/complaints"))
            .QuerySelector("#Form_AcknowledgesIntake") is AngleSharp.Html.Dom.IHtmlInputElement { IsChecked: true });
        Assert.Equal(("yes", "no"), await app.QueryAsync(db => db.AuditEvents.Where(a => a.Field == "acknowledges_intake")
            .Select(a => new ValueTuple<string?, string?>(a.OldValue, a.NewValue)).SingleAsync()));

        await RecordAsync(staff, PhoneClaim());
        Assert.Empty(await MailsToAsync(app, Claimant));
        Assert.Equal(0, await app.QueryAsync(db => db.AuditEvents.CountAsync(a => a.Action == ClaimAcknowledgement.Action)));
    }
}
