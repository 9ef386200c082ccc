using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Assignment;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Tasks;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>
/// A claim carried to its end in Chromium by two people in their own languages: a Czech technician diagnoses the goods
/// and finishes the stage's task, a Polish manager corrects the claimant's mistyped e-mail, grants a replacement with the
/// new serial, records two costs and resolves the claim; the claimant gets the closing protocol at the corrected address.
/// </summary>
public sealed class ClaimToItsEndTests
{
    private const string Mistyped = "jan.kowalski@exmaple.pl";
    private const string Corrected = "jan.kowalski@example.pl";
    private const string Diagnosis = "Uszkozené ložisko bubnu, oprava se nevyplatí.";
    private const string NewSerial = "SN-REPL-7781";
    private const string ToClaimant = "Dzień dobry, wymienimy pralkę na nową sztukę.";

    [BrowserFact]
    public async Task A_Czech_technician_and_a_Polish_manager_carry_a_claim_to_resolved_and_the_claimant_gets_the_closing_protocol()
    {
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true, settings: new Dictionary<string, string?>
        {
            ["ClaimDesk:Mail:PollSeconds"] = "0",
            ["ClaimDesk:Smtp:Host"] = "127.0.0.1",
            ["ClaimDesk:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["ClaimDesk:Smtp:From"] = "ClaimDesk Reklamacje <reklamacje@claimdesk.test>",
        });
        var address = app.ServerAddress;
        var technician = await StaffAccounts.CreateAsync(app, StaffRole.Technician, "Tomáš Technik", "cs");
        var manager = await StaffAccounts.CreateAsync(app, StaffRole.Manager, "Marta Menedżer", "pl");

        // The complaints workflow: entering in_diagnosis gives the Technicians a task, and the claim leaves the stage
        // only when it is done.
        await QueryAsync(app, async db =>
        {
            var technicianId = await db.Users.Where(u => u.Email == technician).Select(u => u.Id).SingleAsync();
            var team = new Team { Name = "Technicians", Members = [technicianId], UpdatedAt = DateTime.UtcNow };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            var register = await db.Registers.Include(r => r.Transitions).SingleAsync(r => r.Code == "complaints");
            db.TaskTemplates.Add(new TaskTemplate
            {
                RegisterId = register.Id, StatusCode = "in_diagnosis", TeamId = team.Id, DueInWorkingDays = 2,
                Title = new LocalizedText("Diagnose the goods", "Zdiagnozuj towar", "Diagnostikujte zboží"),
            });
            register.Transitions.Single(t => t.FromStatus == "in_diagnosis" && t.ToStatus == "accepted").RequiresTasksDone = true;
            return await db.SaveChangesAsync();
        });
        Web.Features.Intake.ClaimIntake.ForgetRegisters(app.Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>());

        using var api = await app.CreateApiClientAsync(StaffRole.Manager);
        var input = ApiClients.NewClaim();
        ((Dictionary<string, object?>)input["contact"]!)["email"] = Mistyped;
        using var created = await api.PostJsonAsync("/api/v1/claims", input);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, number) = (body.GetProperty("id").GetInt64(), body.GetProperty("number").GetString()!);
        await DispatchAsync(app);
        var earlier = (await smtp.MessagesAsync()).Select(m => m.MessageId).ToHashSet();

        await using var browser = await Infrastructure.Browser.LaunchAsync();

        // The Polish manager corrects the e-mail and sends the claim to diagnosis.
        var marta = await SignInAsync(browser, address, manager, "pl-PL");
        await marta.GotoAsync($"/Claims/{id}");
        await marta.GetByTestId("edit-claim").ClickAsync();
        await marta.Locator("#Form_ContactEmail").FillAsync(Corrected);
        await marta.GetByTestId("save-edit").ClickAsync();
        await Assertions.Expect(marta).ToHaveURLAsync(new Regex($"/Claims/{id}$"));
        await Assertions.Expect(marta.Locator("main")).ToContainTextAsync(Corrected);
        await MoveAsync(marta, "in_diagnosis");

        // The Czech technician finds the task, records the diagnosis and finishes the task.
        var tomas = await SignInAsync(browser, address, technician, "cs-CZ");
        await tomas.GotoAsync($"/Claims/{id}");
        var task = tomas.GetByTestId("claim-tasks").Locator("tr[data-status=in_diagnosis]");
        await Assertions.Expect(task.GetByTestId("task-title")).ToHaveTextAsync("Diagnostikujte zboží");
        await OpenWorkAsync(tomas);
        await tomas.Locator("#work-1-diagnosis").FillAsync(Diagnosis);
        await tomas.GetByTestId("item-work-form-1").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(tomas.GetByTestId("item-work-1").GetByTestId("item-diagnosis")).ToHaveTextAsync(Diagnosis);
        await tomas.GetByTestId("claim-tasks").Locator("tr[data-status=in_diagnosis]").GetByTestId("task-done").ClickAsync();
        await Assertions.Expect(tomas.GetByTestId("claim-tasks").Locator("tr[data-status=in_diagnosis]")).ToHaveAttributeAsync("data-done", "true");

        // The manager grants a replacement with the new serial, adds two costs, writes to the claimant and resolves.
        await marta.GotoAsync($"/Claims/{id}");
        await OpenWorkAsync(marta);
        await marta.Locator("#work-1-remedy").SelectOptionAsync("replacement");
        await marta.Locator("#work-1-serial").FillAsync(NewSerial);
        await marta.GetByTestId("item-work-form-1").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(marta.GetByTestId("item-work-1").GetByTestId("item-replacement-serial")).ToHaveTextAsync(NewSerial);
        await AddCostAsync(marta, "transport", "Odbiór kurierem", "45,00");
        await AddCostAsync(marta, "replacement_goods", "Nowa pralka", "1200.50");
        await Assertions.Expect(marta.GetByTestId("cost-lines").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(marta.GetByTestId("cost-totals")).ToContainTextAsync(new Regex(@"1\s?245,50 PLN"));
        await marta.Locator("#message-body").FillAsync(ToClaimant);
        await marta.Locator("#kind-outbound").CheckAsync();
        await marta.GetByTestId("message-form").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(marta.GetByTestId("thread")).ToContainTextAsync(ToClaimant);
        await MoveAsync(marta, "accepted");
        await MoveAsync(marta, "in_resolution");
        await MoveAsync(marta, "resolved");
        await Assertions.Expect(marta.GetByTestId("claim-status")).ToHaveTextAsync("Zrealizowana");

        // The claimant's e-mail, at the corrected address, carries the closing protocol.
        await DispatchAsync(app);
        var file = $"{number}-closing-protocol.pdf";
        var mails = (await smtp.MessagesAsync()).Where(m => !earlier.Contains(m.MessageId)).ToList();
        var mail = Assert.Single(mails, m => m.Attachments.Any(a => a.StartsWith(file, StringComparison.Ordinal)));
        Assert.Equal(Corrected, mail.To);
        Assert.DoesNotContain(mails, m => m.To == Mistyped);
        var text = Regex.Replace(await PdfTools.TextAsync(await mail.AttachmentAsync(file)), @"\s+", " ");
        var resolvedAt = await QueryAsync(app, db => db.Claims.Where(c => c.Id == id).Select(c => c.ResolvedAt).SingleAsync());
        var local = TimeZoneInfo.ConvertTimeFromUtc(resolvedAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw"));
        Assert.Contains(local.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("pl")), text, StringComparison.Ordinal);
        Assert.Contains("Wymiana", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(NewSerial, text, StringComparison.Ordinal);
        Assert.Contains(ToClaimant, text, StringComparison.Ordinal);
    }

    private static async Task<IPage> SignInAsync(Infrastructure.Browser browser, Uri address, string email, string locale)
    {
        var page = await browser.NewPageAsync(address, locale);
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(StaffAccounts.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login"));
        return page;
    }

    /// <summary>Opens the move dialog to <paramref name="status"/>, once its opening animation is over, and confirms it.</summary>
    private static async Task MoveAsync(IPage page, string status)
    {
        await page.Locator($"button[data-bs-target='#move-{status}']").ClickAsync();
        var dialog = page.Locator($"#move-{status}");
        await Assertions.Expect(dialog).ToHaveClassAsync(new Regex(@"\bshow\b"));
        await page.WaitForFunctionAsync($"() => !document.querySelector('#move-{status}').classList.contains('fade') || getComputedStyle(document.querySelector('#move-{status}')).opacity === '1'");
        await dialog.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator($"button[data-bs-target='#move-{status}']")).ToHaveCountAsync(0);
    }

    private static async Task OpenWorkAsync(IPage page)
    {
        var details = page.GetByTestId("item-work-1").Locator("details");
        if (await details.GetAttributeAsync("open") is null)
        {
            await details.Locator("summary").ClickAsync();
        }
    }

    private static async Task AddCostAsync(IPage page, string kind, string description, string amount)
    {
        var form = page.GetByTestId("cost-form");
        await form.Locator("#cost-kind").SelectOptionAsync(kind);
        await form.Locator("#cost-description").FillAsync(description);
        await form.Locator("#cost-amount").FillAsync(amount);
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cost-lines")).ToContainTextAsync(description);
    }

    private static async Task DispatchAsync(ClaimDeskFactory app)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchOnceAsync() > 0)
        {
        }
    }

    private static async Task<T> QueryAsync<T>(ClaimDeskFactory app, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
