using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.Documents;
using ClaimDesk.Web.Features.Intake;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Claim documents (issue 13): the decision letter with the statement on out-of-court dispute resolution for a Polish
/// consumer not fully granted, the closing protocol with the repair done and the message log e-mailed when a claim
/// is resolved, stored immutably under their SHA-256, and downloadable by a claimant for their own claim only.
/// </summary>
public sealed class DocumentTests
{
    private const string AdrBody = "Wojewódzki Inspektorat Inspekcji Handlowej w Warszawie";
    private const string RejectionReason = "Uszkodzenie mechaniczne obudowy z winy użytkownika.";

    private static readonly Dictionary<string, string?> AgreeingToAdr = new()
    {
        ["ClaimDesk:Documents:Adr:Agrees"] = "true",
        ["ClaimDesk:Documents:Adr:Body"] = AdrBody,
        ["ClaimDesk:Documents:Adr:Address"] = "ul. Przykładowa 1, 00-950 Warszawa",
    };

    private static async Task<(long Id, string Number)> CreateAsync(HttpClient api, int lines = 2, string customerType = "consumer",
        string legalBasis = "conformity")
    {
        var body = ApiClients.NewClaim(lines);
        body["customerType"] = customerType;
        body["legalBasis"] = legalBasis;
        using var created = await api.PostJsonAsync("/api/v1/claims", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claim = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (claim.GetProperty("id").GetInt64(), claim.GetProperty("number").GetString()!);
    }

    private static async Task MoveAsync(HttpClient api, long id, string to, object? lines = null)
    {
        using var moved = await api.PostJsonAsync($"/api/v1/claims/{id}/transitions", new { to, lines });
        Assert.True(moved.IsSuccessStatusCode, $"{to}: {(int)moved.StatusCode} {await moved.Content.ReadAsStringAsync()}");
    }

    /// <summary>Accepts the first line and rejects the second: the claim is partially accepted.</summary>
    private static Task DecideInPartAsync(HttpClient api, long id) => MoveAsync(api, id, "accepted",
        new object[] { new { lineNo = 1, decision = "accepted" }, new { lineNo = 2, decision = "rejected", reason = RejectionReason } });

    private static async Task<JsonElement> GenerateAsync(HttpClient api, long id, string kind)
    {
        using var response = await api.PostJsonAsync($"/api/v1/claims/{id}/documents", new { kind });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> TextOfAsync(HttpClient api, long id, long documentId)
    {
        var pdf = await api.GetByteArrayAsync($"/api/v1/claims/{id}/documents/{documentId}");
        return Flat(await PdfTools.TextAsync(pdf));
    }

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_Polish_consumer_claim_rejected_in_part_produces_a_decision_letter_with_the_ADR_statement(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider, settings: AgreeingToAdr);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (id, number) = await CreateAsync(api);
        await DecideInPartAsync(api, id);

        var document = await GenerateAsync(api, id, "decision_letter");

        Assert.Equal("pl", document.GetProperty("language").GetString());
        var text = await TextOfAsync(api, id, document.GetProperty("id").GetInt64());
        Assert.Contains("Odpowiedź na reklamację", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains(RejectionReason, text, StringComparison.Ordinal);
        Assert.Contains("Pralka Amica PA-611", text, StringComparison.Ordinal);
        Assert.Contains("Pralka Amica PA-612", text, StringComparison.Ordinal);
        Assert.Contains("Pozasądowe rozwiązywanie sporów", text, StringComparison.Ordinal);
        Assert.Contains("Wyrażamy zgodę na pozasądowe rozwiązanie sporu", text, StringComparison.Ordinal);
        Assert.Contains(AdrBody, text, StringComparison.Ordinal);

        // The data it was drawn from is stored with it.
        var data = await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{id}/documents/{document.GetProperty("id").GetInt64()}/data");
        Assert.Equal("partially_accepted", data.GetProperty("decision").GetString());
        Assert.True(data.GetProperty("adr").GetProperty("agrees").GetBoolean());
        Assert.Equal(AdrBody, data.GetProperty("adr").GetProperty("body").GetString());
        Assert.Equal(RejectionReason, data.GetProperty("items")[1].GetProperty("reason").GetString());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_ADR_statement_refuses_by_default_and_is_left_out_when_the_demand_is_granted_or_the_claimant_is_a_business(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);

        var (rejected, _) = await CreateAsync(api, lines: 1);
        using (var moved = await api.PostJsonAsync($"/api/v1/claims/{rejected}/transitions", new { to = "rejected", reason = RejectionReason }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var refusing = await TextOfAsync(api, rejected, (await GenerateAsync(api, rejected, "decision_letter")).GetProperty("id").GetInt64());
        Assert.Contains("Pozasądowe rozwiązywanie sporów", refusing, StringComparison.Ordinal);
        Assert.Contains("Nie wyrażamy zgody na pozasądowe rozwiązanie sporu", refusing, StringComparison.Ordinal);

        var (accepted, acceptedNumber) = await CreateAsync(api);
        await MoveAsync(api, accepted, "accepted");
        var granted = await TextOfAsync(api, accepted, (await GenerateAsync(api, accepted, "decision_letter")).GetProperty("id").GetInt64());
        Assert.Contains(acceptedNumber, granted, StringComparison.Ordinal);
        Assert.DoesNotContain("Pozasądowe", granted, StringComparison.Ordinal);

        var (business, _) = await CreateAsync(api, customerType: "business", legalBasis: "warranty_b2b");
        await DecideInPartAsync(api, business);
        var toBusiness = await TextOfAsync(api, business, (await GenerateAsync(api, business, "decision_letter")).GetProperty("id").GetInt64());
        Assert.Contains(RejectionReason, toBusiness, StringComparison.Ordinal);
        Assert.DoesNotContain("Pozasądowe", toBusiness, StringComparison.Ordinal);

        // A claim not decided yet has no decision letter.
        var (pending, _) = await CreateAsync(api);
        using var refused = await api.PostJsonAsync($"/api/v1/claims/{pending}/documents", new { kind = "decision_letter" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Moving_to_resolved_emails_the_claimant_the_closing_protocol_with_the_resolution_date_the_repair_done_and_the_message_log(
        DatabaseProvider provider)
    {
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var app = await MailingApp.StartAsync(provider, smtp);
        await app.AcknowledgeIntakeAsync(false);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (id, number) = await CreateAsync(api, lines: 1);
        const string ToClaimant = "Prosimy o przesłanie zdjęcia tabliczki znamionowej.";
        const string FromClaimant = "Zdjęcie w załączeniu, pralka nadal nie wiruje.";
        const string Note = "Notatka wewnętrzna: klient stały.";
        const string RepairDone = "Wymieniono łożysko bębna i uszczelkę.";
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var thread = scope.ServiceProvider.GetRequiredService<ClaimThread>();
            Assert.True((await thread.PostAsync(id, MessageKind.Outbound, ToClaimant, [], Actor.System, "http://localhost")).Succeeded);
            app.Clock.Advance(TimeSpan.FromHours(2));
            Assert.True((await thread.PostAsync(id, MessageKind.Inbound, FromClaimant, [], TrackModel.Customer("jan.kowalski@example.pl"), "http://localhost")).Succeeded);
            Assert.True((await thread.PostAsync(id, MessageKind.Note, Note, [], Actor.System, "http://localhost")).Succeeded);
        }

        await MoveAsync(api, id, "accepted");
        await MoveAsync(api, id, "in_resolution");
        await app.QueryAsync(db => db.ClaimLines.Where(l => l.ClaimId == id).ExecuteUpdateAsync(set => set
            .SetProperty(l => l.Remedy, GrantedRemedy.Repair)
            .SetProperty(l => l.RepairDone, RepairDone)
            .SetProperty(l => l.RepairParts, "łożysko 6204, uszczelka")
            .SetProperty(l => l.RepairMinutes, 95)));
        app.Clock.Advance(TimeSpan.FromDays(3));
        await MoveAsync(api, id, "resolved");
        // Nothing is drawn in the transition: the e-mail names the document, which the outbox makes when it sends it.
        Assert.Empty(await app.QueryAsync(db => db.Set<ClaimDocument>().Where(d => d.ClaimId == id).ToListAsync()));

        while (await app.Dispatcher.DispatchOnceAsync() > 0)
        {
        }

        var file = $"{number}-closing-protocol.pdf";
        var mail = Assert.Single(await smtp.MessagesAsync(), m => m.Attachments.Any(a => a.StartsWith(file, StringComparison.Ordinal)));
        Assert.Equal("jan.kowalski@example.pl", mail.To);
        Assert.Equal($"Protokół zakończenia reklamacji — reklamacja {number}", mail.Subject);
        var pdf = await mail.AttachmentAsync(file);
        var text = Flat(await PdfTools.TextAsync(pdf));
        var claim = await app.QueryAsync(db => db.Claims.AsNoTracking().SingleAsync(c => c.Id == id));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");
        var polish = CultureInfo.GetCultureInfo("pl");
        Assert.Contains(TimeZoneInfo.ConvertTimeFromUtc(claim.ResolvedAt!.Value, zone).ToString("d MMMM yyyy, HH:mm", polish), text, StringComparison.Ordinal);
        Assert.Contains("Data załatwienia", text, StringComparison.Ordinal);
        Assert.Contains(RepairDone, text, StringComparison.Ordinal);
        Assert.Contains("łożysko 6204, uszczelka", text, StringComparison.Ordinal);
        Assert.Contains(ToClaimant, text, StringComparison.Ordinal);
        Assert.Contains(FromClaimant, text, StringComparison.Ordinal);
        Assert.Contains("Do zgłaszającego", text, StringComparison.Ordinal);
        Assert.Contains("Od zgłaszającego", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, text, StringComparison.Ordinal);
        Assert.True(text.IndexOf(ToClaimant, StringComparison.Ordinal) < text.IndexOf(FromClaimant, StringComparison.Ordinal));

        // The document sent is stored, as sent, with the hash of the very bytes the claimant got.
        var stored = Assert.Single(await app.QueryAsync(db => db.Set<ClaimDocument>().Where(d => d.ClaimId == id).ToListAsync()));
        Assert.Equal("closing_protocol", stored.Kind);
        Assert.NotNull(stored.SentAt);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), stored.Sha256);
        Assert.Contains(await app.QueryAsync(db => db.AuditEvents.Where(e => e.EntityId == id.ToString(CultureInfo.InvariantCulture)).Select(e => e.Action).ToListAsync()),
            a => a == ClaimDocuments.SentAction);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_stored_document_downloads_as_the_bytes_its_hash_names_and_a_claimant_gets_only_their_own_claims_documents(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (mine, _) = await CreateAsync(api);
        var (theirs, _) = await CreateAsync(api);
        await DecideInPartAsync(api, mine);
        await DecideInPartAsync(api, theirs);
        var myDocument = (await GenerateAsync(api, mine, "decision_letter")).GetProperty("id").GetInt64();
        var theirDocument = (await GenerateAsync(api, theirs, "decision_letter")).GetProperty("id").GetInt64();

        var listed = Assert.Single((await api.GetFromJsonAsync<JsonElement>($"/api/v1/claims/{mine}/documents")).EnumerateArray());
        using var download = await api.GetAsync($"/api/v1/claims/{mine}/documents/{myDocument}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(listed.GetProperty("sha256").GetString(), hash);
        Assert.Equal(hash, download.Headers.GetValues("X-Content-SHA256").Single());
        Assert.Equal(bytes.Length, listed.GetProperty("size").GetInt64());
        using (var elsewhere = await api.GetAsync($"/api/v1/claims/{mine}/documents/{theirDocument}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        }

        var openApi = await app.App.CreateClient().GetFromJsonAsync<JsonElement>("/api/docs/v1.json");
        foreach (var path in new[] { "/api/v1/claims/{idOrNumber}/documents", "/api/v1/claims/{idOrNumber}/documents/{documentId}",
                     "/api/v1/claims/{idOrNumber}/documents/{documentId}/send", "/api/v1/claims/{idOrNumber}/documents/{documentId}/data" })
        {
            Assert.True(openApi.GetProperty("paths").TryGetProperty(path, out _), path);
        }

        string token;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            token = scope.ServiceProvider.GetRequiredService<TrackingLinks>().Issue(mine, "http://localhost").Split('/').Last();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }

        var claimant = app.App.CreateBrowserLikeClient();
        var page = await claimant.GetPageAsync($"/track/{token}");
        var link = Assert.Single(page.QuerySelectorAll("[data-testid=claim-document] a"));
        Assert.Equal($"/track/{token}/documents/{myDocument}", link.GetAttribute("href"));
        Assert.Equal(bytes, await claimant.GetByteArrayAsync(link.GetAttribute("href")));
        foreach (var path in new[] { $"/track/{token}/documents/{theirDocument}", $"/track/not-a-token/documents/{myDocument}" })
        {
            using var refused = await claimant.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Staff_make_a_document_on_the_card_and_send_it_to_the_claimant(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        await app.AcknowledgeIntakeAsync(false);
        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (id, number) = await CreateAsync(api);
        await DecideInPartAsync(api, id);
        var staff = app.App.CreateBrowserLikeClient();
        (await staff.SignInAsync(await StaffAccounts.CreateAsync(app.App, StaffRole.Operator), StaffAccounts.Password)).Dispose();

        using (var made = await staff.SubmitFormAsync($"/Claims/{id}", new Dictionary<string, string>(), "[data-testid=generate-form-decision_letter]"))
        {
            Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        }

        var card = await staff.GetPageAsync($"/Claims/{id}");
        var row = Assert.Single(card.QuerySelectorAll("[data-testid=documents] tbody tr"));
        Assert.Equal("decision_letter", row.GetAttribute("data-kind"));
        var download = row.QuerySelector("[data-testid=document-download]")!.GetAttribute("href")!;
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await staff.GetByteArrayAsync(download), 0, 4), StringComparison.Ordinal);

        using (var sent = await staff.SubmitFormAsync($"/Claims/{id}", new Dictionary<string, string>(), "[data-testid=documents] tbody tr form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var mail = Assert.Single(await app.MessagesAsync(), m => m.Subject == $"Odpowiedź na reklamację — reklamacja {number}");
        Assert.Equal("jan.kowalski@example.pl", mail.To);
        var attachment = Assert.Single(await app.QueryAsync(db => db.OutboxAttachments.Where(a => a.MessageId == mail.Id).ToListAsync()));
        var stored = Assert.Single(await app.QueryAsync(db => db.Set<ClaimDocument>().Where(d => d.ClaimId == id).ToListAsync()));
        Assert.Equal(stored.Sha256, Convert.ToHexStringLower(SHA256.HashData(attachment.Content)));
        Assert.NotNull(stored.SentAt);
        Assert.NotEqual("—", (await staff.GetPageAsync($"/Claims/{id}")).QuerySelector("[data-testid=document-sent]")!.TextContent.Trim());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_workflow_editor_sets_which_documents_a_transition_emails_and_the_move_queues_them(DatabaseProvider provider)
    {
        await using var app = await MailingApp.StartAsync(provider);
        await app.AcknowledgeIntakeAsync(false);
        var admin = app.App.CreateBrowserLikeClient();
        (await admin.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();
        var page = await admin.GetPageAsync("/Admin/Registers/Edit/complaints");
        AngleSharp.Dom.IElement Box(string transition, string kind) =>
            page.QuerySelector($"tr[data-transition='{transition}'] input[name$='.EffectDocuments'][value={kind}]")!;
        Assert.True(Box("in_resolution→resolved", "closing_protocol").HasAttribute("checked"));
        Assert.False(Box("new→accepted", "decision_letter").HasAttribute("checked"));

        using (var saved = await admin.PressAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[data-testid=register-form]")!,
            new Dictionary<string, string>
            {
                [Box("in_resolution→resolved", "closing_protocol").GetAttribute("name")!] = "",
                [Box("new→accepted", "decision_letter").GetAttribute("name")!] = "decision_letter",
            }, "Save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var transitions = await app.QueryAsync(db => db.WorkflowTransitions.AsNoTracking()
            .Where(t => db.Registers.Any(r => r.Id == t.RegisterId && r.Code == "complaints")).ToListAsync());
        Assert.Equal(["decision_letter"], transitions.Single(t => t.FromStatus == "new" && t.ToStatus == "accepted").EffectDocuments);
        Assert.Empty(transitions.Single(t => t.FromStatus == "in_resolution" && t.ToStatus == "resolved").EffectDocuments);
        page = await admin.GetPageAsync("/Admin/Registers/Edit/complaints");
        Assert.True(Box("new→accepted", "decision_letter").HasAttribute("checked"));

        using var api = await app.App.CreateApiClientAsync(StaffRole.Manager);
        var (id, number) = await CreateAsync(api);
        await MoveAsync(api, id, "accepted");
        var mail = Assert.Single(await app.MessagesAsync(), m => m.Document is not null);
        Assert.Equal($"Odpowiedź na reklamację — reklamacja {number}", mail.Subject);
        Assert.Equal(DocumentsOutbox.Named("decision_letter", id), mail.Document);
        await MoveAsync(api, id, "in_resolution");
        await MoveAsync(api, id, "resolved");
        Assert.Single(await app.MessagesAsync(), m => m.Document is not null);
    }
}
