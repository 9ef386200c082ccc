using System.Net;
using AngleSharp.Html.Dom;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Administrators edit a register's statuses and transitions in the browser, without JavaScript. Each test works on a
/// register of its own (new → in_review → closed, and new → closed), so the shared apps' registers stay as seeded.
/// </summary>
[Collection(SharedAppsGroup.Name)]
public sealed class WorkflowEditorTests(SharedApps apps)
{
    private const string FormSelector = "form[data-testid=register-form]";

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Administrator_adds_a_status_and_a_transition_to_it_and_both_are_saved_and_audited(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var code = await CreateRegisterAsync(app);
        var admin = await SignedInAdministratorAsync(app);
        var url = EditUrl(code);

        // "Add status" draws the form again with one more, empty row and keeps the name just typed.
        var page = await admin.GetPageAsync(url);
        using var added = await SubmitAsync(admin, page, new() { ["Form.NameEn"] = "Renamed register" }, "Add status");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        page = await HtmlForms.ParseAsync(added);
        Assert.Equal("Renamed register", Value(page, "Form.NameEn"));
        Assert.Equal(4, page.QuerySelectorAll("[data-testid=statuses] tbody tr").Length);
        Assert.Equal("", Value(page, "Form.Statuses[3].Code"));
        Assert.NotNull(page.QuerySelector("#s3-code[autofocus]"));

        // The new status typed in, "Add transition" offers it in the lists.
        using var withTransition = await SubmitAsync(admin, page, new()
        {
            ["Form.Statuses[3].Code"] = "on_hold",
            ["Form.Statuses[3].Category"] = "waiting",
            ["Form.Statuses[3].StaffLabelEn"] = "On hold",
            ["Form.Statuses[3].StaffLabelPl"] = "Wstrzymana",
            ["Form.Statuses[3].CustomerLabelEn"] = "Paused",
        }, "Add transition");
        page = await HtmlForms.ParseAsync(withTransition);
        Assert.Equal("On hold", Value(page, "Form.Statuses[3].StaffLabelEn"));
        var to = (IHtmlSelectElement)page.QuerySelector("select[name='Form.Transitions[3].To']")!;
        Assert.Contains(to.Options, o => o.Value == "on_hold");

        using var saved = await SubmitAsync(admin, page, new()
        {
            ["Form.Transitions[3].From"] = "in_review",
            ["Form.Transitions[3].To"] = "on_hold",
            ["Form.Transitions[3].AllowedRoles"] = StaffRole.Manager,
            ["Form.Transitions[3].RequiredFields"] = WorkflowTransition.CommentField,
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/Admin/Registers", saved.Headers.Location!.OriginalString);
        var list = await admin.GetPageAsync("/Admin/Registers");
        Assert.Contains(code, list.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("4", list.QuerySelector($"tr[data-register='{code}'] [data-testid=status-count]")!.TextContent);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var register = await LoadAsync(db, code);
        Assert.Equal("Renamed register", register.Name.En);
        var onHold = Assert.Single(register.Statuses, s => s.Code == "on_hold");
        Assert.Equal(StatusCategory.Waiting, onHold.Category);
        Assert.Equal(new LocalizedText("On hold", "Wstrzymana", ""), onHold.StaffLabel);
        Assert.Equal("Paused", onHold.CustomerLabel.En);
        Assert.True(onHold.SlaClockRuns);
        Assert.False(onHold.IsInitial);
        var transition = Assert.Single(register.Transitions, t => t.ToStatus == "on_hold");
        Assert.Equal("in_review", transition.FromStatus);
        Assert.Equal(new[] { StaffRole.Manager }, transition.AllowedRoles);
        Assert.Equal(new[] { WorkflowTransition.CommentField }, transition.RequiredFields);
        Assert.Equal(4, register.Transitions.Count);

        var audit = await AuditAsync(db, register.Id);
        Assert.Contains(audit, a => a.Action == "updated" && a.Field == "name_en" && a.NewValue == "Renamed register"
            && a.ActorName == ClaimDeskFactory.AdminEmail);
        Assert.Contains(audit, a => a.Action == "status_added" && a.Field == "status on_hold" && a.NewValue!.Contains("category: waiting", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == "transition_added" && a.Field == "transition in_review → on_hold"
            && a.NewValue == "roles: Manager; fields: comment");
        Assert.DoesNotContain(audit, a => a.Action is "status_removed" or "transition_removed" or "status_changed");
        var history = (await admin.GetPageAsync(url)).QuerySelector("[data-testid=history]")!.TextContent;
        Assert.Contains("Status added Status on_hold", history, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Removing_the_only_closed_status_is_refused_with_a_message_and_nothing_changes(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var code = await CreateRegisterAsync(app);
        var admin = await SignedInAdministratorAsync(app);
        var before = await SnapshotAsync(app, code);

        var page = await admin.GetPageAsync(EditUrl(code));
        using var response = await SubmitAsync(admin, page, new()
        {
            [StatusField(page, "closed", "Remove")] = "true",
            ["Form.NameEn"] = "Typed but not saved",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await HtmlForms.ParseAsync(response);
        Assert.Contains("The workflow needs at least one closed status.", Errors(refused), StringComparison.Ordinal);
        Assert.Equal("Typed but not saved", Value(refused, "Form.NameEn"));
        Assert.True(((IHtmlInputElement)refused.QuerySelector($"input[name='{StatusField(refused, "closed", "Remove")}']")!).IsChecked);
        Assert.Equal(before, await SnapshotAsync(app, code));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_status_made_unreachable_is_refused_naming_it(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var code = await CreateRegisterAsync(app);
        var admin = await SignedInAdministratorAsync(app);
        var before = await SnapshotAsync(app, code);

        var page = await admin.GetPageAsync(EditUrl(code));
        using var response = await SubmitAsync(admin, page, new()
        {
            [TransitionField(page, "new", "in_review", "Remove")] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = Errors(await HtmlForms.ParseAsync(response));
        Assert.Contains("Status 'in_review' cannot be reached from the initial status.", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("'closed'", errors, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(app, code));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_status_that_claims_are_in_cannot_be_removed(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var code = await CreateRegisterAsync(app);
        await CreateClaimInReviewAsync(app, code);
        await CreateClaimInReviewAsync(app, code);
        var admin = await SignedInAdministratorAsync(app);
        var before = await SnapshotAsync(app, code);

        // The transitions into and out of in_review go with it, so the rest of the workflow stays valid.
        var page = await admin.GetPageAsync(EditUrl(code));
        using var response = await SubmitAsync(admin, page, new()
        {
            [StatusField(page, "in_review", "Remove")] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = Errors(await HtmlForms.ParseAsync(response));
        Assert.Contains("Status 'in_review' cannot be removed: 2 claim(s) are in it.", errors, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(app, code));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_status_that_claims_are_in_cannot_be_renamed(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var code = await CreateRegisterAsync(app);
        await CreateClaimInReviewAsync(app, code);
        var admin = await SignedInAdministratorAsync(app);
        var before = await SnapshotAsync(app, code);

        var page = await admin.GetPageAsync(EditUrl(code));
        using var response = await SubmitAsync(admin, page, new()
        {
            [StatusField(page, "in_review", "Code")] = "reviewing",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await HtmlForms.ParseAsync(response);
        Assert.Contains("Status 'in_review' cannot be renamed to 'reviewing': 1 claim(s) are in it.", Errors(refused), StringComparison.Ordinal);
        Assert.Equal("reviewing", Value(refused, StatusField(refused, "reviewing", "Code")));
        Assert.Equal(before, await SnapshotAsync(app, code));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Renaming_a_status_no_claim_is_in_takes_its_transitions_along(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var code = await CreateRegisterAsync(app);
        var admin = await SignedInAdministratorAsync(app);

        var page = await admin.GetPageAsync(EditUrl(code));
        using var response = await SubmitAsync(admin, page, new()
        {
            [StatusField(page, "in_review", "Code")] = "reviewing",
            [StatusField(page, "in_review", "StaffLabelEn")] = "Reviewing",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var register = await LoadAsync(db, code);
        Assert.Equal("closed, new, reviewing", string.Join(", ", register.Statuses.Select(s => s.Code).Order(StringComparer.Ordinal)));
        Assert.Equal("new → closed, new → reviewing, reviewing → closed",
            string.Join(", ", register.Transitions.Select(t => $"{t.FromStatus} → {t.ToStatus}").Order(StringComparer.Ordinal)));
        var audit = await AuditAsync(db, register.Id);
        Assert.Contains(audit, a => a.Action == "status_renamed" && a.OldValue == "in_review" && a.NewValue == "reviewing");
        Assert.Contains(audit, a => a.Action == "status_changed" && a.Field == "status reviewing staff_label_en"
            && a.OldValue == "In review" && a.NewValue == "Reviewing");
        Assert.DoesNotContain(audit, a => a.Action is "transition_added" or "transition_removed" or "status_removed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_status_may_take_over_the_code_of_a_status_removed_in_the_same_save(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var code = await CreateRegisterAsync(app);
        var admin = await SignedInAdministratorAsync(app);

        var page = await admin.GetPageAsync(EditUrl(code));
        using var response = await SubmitAsync(admin, page, new()
        {
            [StatusField(page, "closed", "Remove")] = "true",
            [StatusField(page, "in_review", "Code")] = "closed",
            [StatusField(page, "in_review", "Category")] = "closed",
            [TransitionField(page, "in_review", "closed", "Remove")] = "true",
            [TransitionField(page, "new", "closed", "Remove")] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var register = await LoadAsync(db, code);
        var closed = Assert.Single(register.Statuses, s => s.Code == "closed");
        Assert.Equal("In review", closed.StaffLabel.En);
        Assert.Equal(StatusCategory.Closed, closed.Category);
        Assert.Equal("new → closed", Assert.Single(register.Transitions).FromStatus + " → " + register.Transitions[0].ToStatus);
        var audit = await AuditAsync(db, register.Id);
        Assert.Contains(audit, a => a.Action == "status_removed" && a.Field == "status closed" && a.OldValue!.Contains("staff_label_en: Closed", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == "status_renamed" && a.OldValue == "in_review" && a.NewValue == "closed");
        Assert.Contains(audit, a => a.Action == "transition_removed" && a.Field == "transition in_review → closed");
        Assert.Contains(audit, a => a.Action == "transition_removed" && a.Field == "transition new → closed");
        Assert.DoesNotContain(audit, a => a.Action == "transition_added");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_numbering_pattern_without_the_year_is_refused_and_the_form_keeps_it(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var code = await CreateRegisterAsync(app);
        var admin = await SignedInAdministratorAsync(app);
        var before = await SnapshotAsync(app, code);

        var page = await admin.GetPageAsync(EditUrl(code));
        using var response = await SubmitAsync(admin, page, new() { ["Form.NumberingPattern"] = "X-{seq:0000}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await HtmlForms.ParseAsync(response);
        Assert.Contains("must contain the year", Errors(refused), StringComparison.Ordinal);
        Assert.Equal("X-{seq:0000}", Value(refused, "Form.NumberingPattern"));
        Assert.Equal(before, await SnapshotAsync(app, code));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_seeded_register_saved_as_it_is_stays_as_it_was_and_records_no_change(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = await SignedInAdministratorAsync(app);
        var before = await SnapshotAsync(app, "complaints");

        var page = await admin.GetPageAsync(EditUrl("complaints"));
        using var response = await SubmitAsync(admin, page, new());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync(app, "complaints"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_save_over_someone_elses_save_is_refused_once_and_then_replaces_it(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var code = await CreateRegisterAsync(app);
        var first = await SignedInAdministratorAsync(app);
        var second = await SignedInAdministratorAsync(app);
        var firstPage = await first.GetPageAsync(EditUrl(code));
        var secondPage = await second.GetPageAsync(EditUrl(code));

        using var firstSave = await SubmitAsync(first, firstPage, new() { ["Form.NameEn"] = "First name" });
        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        using var secondSave = await SubmitAsync(second, secondPage, new() { ["Form.NameEn"] = "Second name" });

        Assert.Equal(HttpStatusCode.OK, secondSave.StatusCode);
        var refused = await HtmlForms.ParseAsync(secondSave);
        Assert.Contains("Someone else saved this register meanwhile.", Errors(refused), StringComparison.Ordinal);
        Assert.Equal("Second name", Value(refused, "Form.NameEn"));
        using var again = await SubmitAsync(second, refused, new());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal("Second name", (await LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), code)).Name.En);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Administrator_sees_the_registers_and_the_navigation_link(DatabaseProvider provider)
    {
        var admin = await SignedInAdministratorAsync(await apps.GetAsync(provider));

        var list = await admin.GetPageAsync("/Admin/Registers");

        Assert.NotNull(list.QuerySelector("nav a[href='/Admin/Registers']"));
        var complaints = list.QuerySelector("tr[data-register=complaints]")!;
        Assert.Contains("Customer complaints", complaints.TextContent, StringComparison.Ordinal);
        Assert.Contains("RMA-{yyyy}-{seq:000000}", complaints.TextContent, StringComparison.Ordinal);
        Assert.NotNull(complaints.QuerySelector("a[href='/Admin/Registers/Edit/complaints']"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_operator_is_denied_the_register_pages(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var admin = await SignedInAdministratorAsync(app);
        var email = $"operator-{Guid.NewGuid():N}@example.com";
        (await StaffUsers.CreateAsync(admin, email, StaffRole.Operator)).Dispose();
        var operatorClient = app.CreateBrowserLikeClient();
        (await operatorClient.SignInAsync(email, StaffUsers.Password)).Dispose();

        Assert.Null((await operatorClient.GetPageAsync("/")).QuerySelector("a[href='/Admin/Registers']"));
        foreach (var url in new[] { "/Admin/Registers", "/Admin/Registers/Edit/complaints" })
        {
            using var response = await operatorClient.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpClient> SignedInAdministratorAsync(ClaimDeskFactory app)
    {
        var admin = app.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        return admin;
    }

    private static string EditUrl(string code) => $"/Admin/Registers/Edit/{code}";

    /// <summary>A register of the test's own: new (initial) → in_review → closed, and new → closed.</summary>
    private static async Task<string> CreateRegisterAsync(ClaimDeskFactory app)
    {
        var code = "wf_" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var everyone = StaffRole.Staff.ToList();
        db.Registers.Add(new Register
        {
            Code = code,
            Kind = RegisterKind.Service,
            Name = new LocalizedText("Test " + code, "", ""),
            NumberingPattern = code.ToUpperInvariant() + "-{yyyy}-{seq:0000}",
            Statuses =
            [
                Status("new", StatusCategory.Open, "New", 0, initial: true),
                Status("in_review", StatusCategory.Open, "In review", 1),
                Status("closed", StatusCategory.Closed, "Closed", 2),
            ],
            Transitions =
            [
                new WorkflowTransition { FromStatus = "new", ToStatus = "in_review", AllowedRoles = [.. everyone] },
                new WorkflowTransition { FromStatus = "in_review", ToStatus = "closed", AllowedRoles = [.. everyone] },
                new WorkflowTransition { FromStatus = "new", ToStatus = "closed", AllowedRoles = [.. everyone], RequiredFields = [WorkflowTransition.ReasonField] },
            ],
        });
        await db.SaveChangesAsync();
        return code;
    }

    private static WorkflowStatus Status(string code, StatusCategory category, string label, int order, bool initial = false) => new()
    {
        Code = code,
        Category = category,
        StaffLabel = new LocalizedText(label, "", ""),
        CustomerLabel = new LocalizedText(label, "", ""),
        IsInitial = initial,
        SlaClockRuns = category == StatusCategory.Open,
        SortOrder = order,
    };

    private static async Task CreateClaimInReviewAsync(ClaimDeskFactory app, string register)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<ClaimCommands>();
        var intake = scope.ServiceProvider.GetRequiredService<Web.Features.Intake.ClaimIntake>();
        var (claim, errors) = await intake.TakeOneAsync(ApiClients.NewClaimInput(register), Actor.System);
        Assert.Empty(errors);
        var moved = await commands.TransitionAsync(claim!.Id, "in_review", TransitionInput.Empty, Actor.System);
        Assert.True(moved.Succeeded);
    }

    private static Task<Register> LoadAsync(AppDbContext db, string code) =>
        db.Registers.AsNoTracking().Include(r => r.Statuses).Include(r => r.Transitions).AsSplitQuery().SingleAsync(r => r.Code == code);

    private static Task<List<AuditEvent>> AuditAsync(AppDbContext db, int registerId)
    {
        var id = registerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return db.AuditEvents.AsNoTracking().Where(a => a.EntityType == "register" && a.EntityId == id).ToListAsync();
    }

    /// <summary>Everything the editor can change, and the register's audit trail, as one comparable text.</summary>
    private static async Task<string> SnapshotAsync(ClaimDeskFactory app, string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var register = await LoadAsync(db, code);
        var audit = await AuditAsync(db, register.Id);
        return string.Join("\n", new[] { register.Name.ToString(), register.NumberingPattern }
            .Concat(register.Statuses.OrderBy(s => s.Id).Select(s =>
                $"{s.Id} {s.Code} {s.Category} {s.Decision} {s.StaffLabel} {s.CustomerLabel} {s.IsInitial} {s.SlaClockRuns} {s.HiddenFromQueues} {s.SortOrder}"))
            .Concat(register.Transitions.OrderBy(t => t.Id).Select(t =>
                $"{t.Id} {t.FromStatus} {t.ToStatus} {string.Join(',', t.AllowedRoles)} {string.Join(',', t.RequiredFields)}"))
            .Append($"audit events: {audit.Count}"));
    }

    /// <summary>The name of a field of the status row whose code is <paramref name="status"/>.</summary>
    private static string StatusField(IHtmlDocument page, string status, string field)
    {
        var code = page.QuerySelectorAll("[data-testid=statuses] input[name$='.Code']").OfType<IHtmlInputElement>()
            .Single(i => i.Value == status).Name!;
        return code[..^"Code".Length] + field;
    }

    /// <summary>The name of a field of the transition row from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static string TransitionField(IHtmlDocument page, string from, string to, string field)
    {
        var select = page.QuerySelectorAll("[data-testid=transitions] select[name$='.From']").OfType<IHtmlSelectElement>()
            .Single(s => s.Value == from && ((IHtmlSelectElement)page.QuerySelector($"select[name='{s.Name![..^"From".Length]}To']")!).Value == to);
        return select.Name![..^"From".Length] + field;
    }

    private static string? Value(IHtmlDocument page, string name) =>
        page.QuerySelector(FormSelector)!.QuerySelector($"[name='{name}']") switch
        {
            IHtmlInputElement input => input.Value,
            IHtmlSelectElement select => select.Value,
            _ => null,
        };

    private static string Errors(IHtmlDocument page) => page.QuerySelector("[data-testid=errors]")?.TextContent ?? "";

    /// <summary>Presses <paramref name="button"/> in the register form of an already loaded page.</summary>
    private static Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, IHtmlDocument page, Dictionary<string, string> values, string button = "Save") =>
        client.PressAsync((IHtmlFormElement)page.QuerySelector(FormSelector)!, values, button);
}
