using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>Administrators create registers: a kind, names and numbering, and the default workflow of the kind to start from.</summary>
public sealed class RegisterCreationTests
{
    private const string FormSelector = "form[data-testid=new-register-form]";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_administrator_creates_a_register_whose_claims_are_numbered_and_kept_to_the_deadlines_of_its_kind(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        var admin = app.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var list = await admin.GetPageAsync("/Admin/Registers");
        Assert.Equal("/Admin/Registers/Create", list.QuerySelector("main a.btn-primary")!.GetAttribute("href"));

        // Every mistake at once, and what was typed comes back.
        using (var refused = await admin.SubmitFormAsync("/Admin/Registers/Create", new Dictionary<string, string>
        {
            ["Form.Code"] = "Warranty Claims",
            ["Form.Kind"] = "complaints",
            ["Form.NameEn"] = "",
            ["Form.NamePl"] = "Reklamacje gwarancyjne",
            ["Form.NumberingPattern"] = "RMA-{yyyy}-{seq:000000}",
        }, FormSelector))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await HtmlForms.ParseAsync(refused);
            var errors = page.QuerySelector("[data-testid=errors]")!.TextContent;
            Assert.Contains("A register code has 1 to 40 lowercase letters, digits and underscores.", errors, StringComparison.Ordinal);
            Assert.Contains("The register needs an English name.", errors, StringComparison.Ordinal);
            Assert.Contains("Register 'complaints' already numbers its claims with this pattern", errors, StringComparison.Ordinal);
            Assert.Equal("Warranty Claims", page.QuerySelector("#Form_Code")!.GetAttribute("value"));
            Assert.Equal("Reklamacje gwarancyjne", page.QuerySelector("#Form_NamePl")!.GetAttribute("value"));
            Assert.Equal("true", page.QuerySelector("#Form_Code")!.GetAttribute("aria-invalid"));
        }

        Assert.Equal(4, await app.QueryAsync(db => db.Registers.CountAsync()));
        using (var created = await admin.SubmitFormAsync("/Admin/Registers/Create", new Dictionary<string, string>
        {
            ["Form.Code"] = "warranty",
            ["Form.Kind"] = "complaints",
            ["Form.NameEn"] = "Warranty claims",
            ["Form.NamePl"] = "Reklamacje gwarancyjne",
            ["Form.NumberingPattern"] = "WAR-{yyyy}-{seq:00000}",
        }, FormSelector))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            Assert.Equal("/Admin/Registers/Edit/warranty", created.Headers.Location!.OriginalString);
        }

        var edit = await admin.GetPageAsync("/Admin/Registers/Edit/warranty");
        Assert.Contains("Register warranty is created", edit.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Created", edit.QuerySelector("[data-testid=history]")!.TextContent, StringComparison.Ordinal);
        var register = await app.QueryAsync(db => db.Registers.AsNoTracking().Include(r => r.Statuses).Include(r => r.Transitions)
            .SingleAsync(r => r.Code == "warranty"));
        Assert.Equal(RegisterKind.Complaints, register.Kind);
        Assert.True(register.AcknowledgesIntake);
        Assert.Empty(register.Workflow.Validate(Core.Security.StaffRole.All));
        Assert.Equal("unconfirmed", register.Workflow.WithRole(StatusRole.AwaitingConfirmation)!.Code);

        // A claim filed into it: numbered by its pattern, with the statutory deadline of a customer complaint.
        using var api = await app.App.CreateApiClientAsync();
        using var posted = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim(register: "warranty"));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var claim = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches(@"^WAR-\d{4}-00001$", claim.GetProperty("number").GetString());
        var id = claim.GetProperty("id").GetInt64();
        Assert.Contains(await app.QueryAsync(db => db.ClaimDeadlines.AsNoTracking().Where(d => d.ClaimId == id).Select(d => d.RuleId).ToListAsync()),
            rule => rule == "PL-CONS-RESP-2023");

        // The code is taken now.
        using var again = await admin.SubmitFormAsync("/Admin/Registers/Create", new Dictionary<string, string>
        {
            ["Form.Code"] = "warranty", ["Form.Kind"] = "service", ["Form.NameEn"] = "Again", ["Form.NumberingPattern"] = "AGN-{yyyy}-{seq}",
        }, FormSelector);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("There is already a register 'warranty'.", (await HtmlForms.ParseAsync(again)).QuerySelector("[data-testid=errors]")!.TextContent,
            StringComparison.Ordinal);
    }
}
