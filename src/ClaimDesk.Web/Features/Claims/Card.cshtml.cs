using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The claim card: header, lines with their decisions, the moves the user's role allows, the attachments, and the history.
/// </summary>
public sealed partial class CardModel(
    AppDbContext db, ClaimQueries queries, ClaimCommands commands, ClaimAttachments attachments, ClaimThread thread, AuditTrail audit,
    IOptions<Infrastructure.ClaimDeskOptions> options, IStringLocalizer<SharedResource> localizer, Deadlines.DeadlineQueries deadlines,
    CustomFields.CustomFieldQueries customFields) : PageModel
{
    /// <summary>The register's active custom fields with the claim's values, in their order.</summary>
    public IReadOnlyList<CustomFields.CustomFieldView> CustomFields { get; private set; } = [];

    /// <summary>Every field of the register by code, deactivated ones too: the history names them.</summary>
    public IReadOnlyDictionary<string, Core.CustomFields.CustomFieldDefinition> FieldsByCode { get; private set; } =
        new Dictionary<string, Core.CustomFields.CustomFieldDefinition>();

    /// <summary>Custom values typed in a form that was refused, so it shows them again.</summary>
    public IReadOnlyDictionary<string, string?> TypedCustomValues { get; private set; } = new Dictionary<string, string?>();

    /// <summary>The active fields a move asks for that the claim has no value of yet: its dialog asks for them.</summary>
    public IReadOnlyList<CustomFields.CustomFieldView> MissingFor(WorkflowTransition move) =>
        [.. CustomFields.Where(f => f.Value is null && f.Field.IsRequiredFor(move.FromStatus, move.ToStatus))];

    /// <summary>What a custom value was typed as (after a refusal) or holds.</summary>
    public string? ValueOf(CustomFields.CustomFieldView field) =>
        TypedCustomValues.TryGetValue(field.Field.Code, out var typed) ? typed : field.Value;

    public string CustomFieldsPrefix => "cf";

    /// <summary>The input of one custom field, its id starting with <paramref name="idPrefix"/>.</summary>
    public CustomFields.CustomFieldInputView InputFor(CustomFields.CustomFieldView field, string idPrefix, bool required) =>
        new(field, ValueOf(field), idPrefix + "-" + field.Field.Code, required);

    /// <summary>A history entry's custom field label, or null when the entry is about something else.</summary>
    public string? HistoryField(HistoryEntry entry) =>
        global::ClaimDesk.Web.Features.CustomFields.CustomFieldModel.AuditedCode(entry.Field) is { } code
            ? FieldsByCode.TryGetValue(code, out var field) ? field.Label.In(Language) : code
            : null;

    /// <summary>A history entry's custom value as a person reads it.</summary>
    public string? HistoryValue(HistoryEntry entry, string? value) =>
        global::ClaimDesk.Web.Features.CustomFields.CustomFieldModel.AuditedCode(entry.Field) is { } code && FieldsByCode.TryGetValue(code, out var field)
            ? customFields.Display(field, value, Language)
            : value;

    public IReadOnlyList<Deadlines.DeadlineView> Deadlines { get; private set; } = [];

    public Tasks.ClaimTaskList TaskList { get; private set; } = Tasks.ClaimTaskList.Empty;

    public ClaimDetail Claim { get; private set; } = null!;

    public Workflow Workflow { get; private set; } = null!;

    public string RegisterName { get; private set; } = "";

    public IReadOnlyList<WorkflowTransition> Moves { get; private set; } = [];

    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    public IReadOnlyList<AttachmentInfo> Attachments { get; private set; } = [];

    public Features.Documents.DocumentsView ClaimDocuments { get; private set; } = Features.Documents.DocumentsView.Empty;

    /// <summary>The visibility chosen in an upload that was refused, so the form shows it again.</summary>
    public string ChosenVisibility { get; private set; } = AttachmentVisibility.Internal;

    public IReadOnlyList<ThreadMessage> Thread { get; private set; } = [];

    /// <summary>The message typed in a post that was refused, and its kind, so the form shows them again.</summary>
    public string? TypedMessage { get; private set; }

    public string ChosenKind { get; private set; } = MessageKind.Note;

    public bool MayDecideLines { get; private set; }

    public bool MayDelete { get; private set; }

    /// <summary>Active staff by id; managers and administrators may choose among them.</summary>
    public IReadOnlyDictionary<string, string> Staff { get; private set; } = new Dictionary<string, string>();

    public bool MayAssignAnyone { get; private set; }

    public string? CurrentUserId { get; private set; }

    public string? AssigneeName => Claim.AssigneeId is { } id ? Staff.GetValueOrDefault(id, id) : null;

    /// <summary>What was typed in a dialog whose action was refused, so it can be shown again.</summary>
    public string? TypedReason { get; private set; }

    /// <summary>The comment typed in a move that was refused (an approval rule, a missing field), shown again.</summary>
    public string? TypedComment { get; private set; }

    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public string StatusLabel(string code) => Workflow.Status(code)?.StaffLabel.In(Language) ?? code;

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostTransitionAsync(long id, string to, string? reason, string? comment,
        [FromForm(Name = "customFields")] Dictionary<string, string?>? customFields)
    {
        var input = new TransitionInput(new Dictionary<string, string?> { ["reason"] = reason, ["comment"] = comment }, []);
        var values = (customFields ?? []).Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary();
        TypedCustomValues = values;
        TypedComment = comment;
        var outcome = await commands.TransitionAsync(id, to, input, values, audit.CurrentActor, HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, reason, localizer["The claim moved to the next status."]);
    }

    /// <summary>Saves the custom fields edited on the card; a refused value keeps everything typed.</summary>
    /// <remarks>The explicit name keeps model binding from falling back to every posted field when none is custom.</remarks>
    public async Task<IActionResult> OnPostCustomFieldsAsync(long id, [FromForm(Name = "customFields")] Dictionary<string, string?>? customFields)
    {
        TypedCustomValues = customFields ?? [];
        var outcome = await commands.SetCustomValuesAsync(id, TypedCustomValues, audit.CurrentActor, HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, null, localizer["The fields were saved."]);
    }

    public async Task<IActionResult> OnPostDecideAsync(long id, int lineNo, string decision, string? reason)
    {
        var outcome = Codes.TryParse<LineDecision>(decision, out var parsed)
            ? await commands.DecideLineAsync(id, lineNo, parsed, reason, audit.CurrentActor, HttpContext.RequestAborted)
            : ClaimOutcome.Refuse(Refusal.Invalid, "decision", "A decision is accepted or rejected.");
        return await AfterAsync(id, outcome, reason, localizer["The decision on item {0} was saved.", lineNo]);
    }

    public async Task<IActionResult> OnPostAssignAsync(long id, string? assignee)
    {
        var outcome = await commands.AssignAsync(id, string.IsNullOrEmpty(assignee) ? null : assignee, audit.CurrentActor, HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, null, localizer["The assignment was saved."]);
    }

    /// <summary>Attaches a file; a refused file (too large, not an accepted type, a bad name) stores nothing.</summary>
    public async Task<IActionResult> OnPostAttachAsync(long id, IFormFile? file, string? visibility)
    {
        ChosenVisibility = visibility ?? AttachmentVisibility.Internal;
        ClaimOutcome outcome;
        if (file is null)
        {
            outcome = ClaimOutcome.Refuse(Refusal.Invalid, "file", "Choose a file to attach.");
        }
        else
        {
            await using var content = file.OpenReadStream();
            (outcome, _) = await attachments.AddAsync(id, file.FileName, content, ChosenVisibility, audit.CurrentActor, HttpContext.RequestAborted);
        }

        return await AfterAsync(id, outcome, null, localizer["The file {0} was attached.", file?.FileName ?? ""]);
    }

    /// <summary>
    /// Adds an internal note or a message to the claimant (which goes by e-mail or text message, as they are reached)
    /// with files; a refused post keeps the text and the choice, and says why.
    /// </summary>
    public async Task<IActionResult> OnPostMessageAsync(long id, string? kind, string? body, List<IFormFile>? files)
    {
        ChosenKind = kind is MessageKind.Outbound ? MessageKind.Outbound : MessageKind.Note;
        TypedMessage = body;
        var uploads = (files ?? []).Select(f => new UploadedFile(f.FileName, f.OpenReadStream)).ToList();
        var (outcome, channel) = await thread.PostMessageAsync(id, ChosenKind, body, uploads, audit.CurrentActor,
            Infrastructure.PublicAddress.BaseUrl(options.Value, Request), HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, null, channel switch
        {
            Notifications.NotificationChannel.Sms => localizer["The message was sent to the claimant by text message."],
            Notifications.NotificationChannel.Email => localizer["The message was sent to the claimant."],
            _ => localizer["The note was saved."],
        });
    }

    /// <summary>Administrators only: the claim is marked deleted (and audited), never removed from the database.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        var claim = await queries.GetAsync(id, HttpContext.RequestAborted);
        var outcome = await commands.DeleteAsync(id, audit.CurrentActor, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            return await AfterAsync(id, outcome, null, "");
        }

        TempData["Status"] = localizer["Claim {0} was deleted.", claim?.Number ?? ""].Value;
        return RedirectToPage("Index");
    }

    private async Task<IActionResult> AfterAsync(long id, ClaimOutcome outcome, string? reason, string done)
    {
        if (outcome.Succeeded)
        {
            TempData["Status"] = done;
            return RedirectToPage("Card", new { id });
        }

        if (outcome.Refusal == Refusal.NotFound && outcome.Field is null)
        {
            return NotFound();
        }

        TypedReason = reason;
        Response.StatusCode = outcome.Refusal switch
        {
            Refusal.Forbidden => StatusCodes.Status403Forbidden,
            Refusal.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        ModelState.AddModelError(outcome.Field ?? "", OutcomeText.Message(outcome, Workflow, Language, localizer));
        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        var claim = await queries.GetAsync(id, HttpContext.RequestAborted);
        if (claim is null)
        {
            return false;
        }

        var register = await db.Registers.AsNoTracking().Include(r => r.Statuses).Include(r => r.Transitions).AsSplitQuery()
            .SingleAsync(r => r.Code == claim.Register, HttpContext.RequestAborted);
        Claim = claim;
        Workflow = register.Workflow;
        RegisterName = register.Name.In(Language);
        var actor = audit.CurrentActor;
        Moves = [.. Workflow.From(claim.Status, actor.Roles).OrderBy(t => Workflow.Status(t.ToStatus)?.SortOrder)];
        var status = Workflow.Status(claim.Status);
        var finalDecision = status?.Decision is StatusDecision.Accepted or StatusDecision.Rejected;
        MayDecideLines = status?.Category != StatusCategory.Closed && (!finalDecision || actor.MayChangeFinalDecision)
            && (actor.Roles.Count > 0);
        MayDelete = actor.MayDelete;
        MayAssignAnyone = actor.MayChangeFinalDecision;
        CurrentUserId = actor.Kind == Actor.UserKind ? actor.Id : null;
        Staff = await StaffDirectory.NamesAsync(db, HttpContext.RequestAborted);
        History = await queries.HistoryAsync(id, HttpContext.RequestAborted);
        Deadlines = await deadlines.ForClaimAsync(id, HttpContext.RequestAborted);
        TaskList = await HttpContext.RequestServices.GetRequiredService<Tasks.ClaimTasks>().CardAsync(id, actor, HttpContext.RequestAborted);
        Attachments = await attachments.ListAsync(id, HttpContext.RequestAborted);
        ClaimDocuments = await HttpContext.RequestServices.GetRequiredService<Features.Documents.ClaimDocuments>().ViewAsync(id, HttpContext.RequestAborted);
        RepairQuotes = await HttpContext.RequestServices.GetRequiredService<Repairs.RepairQuotes>().ListAsync(id, HttpContext.RequestAborted);
        Thread = await thread.ListAsync(id, publicOnly: false, HttpContext.RequestAborted);
        CustomFields = await customFields.ForClaimAsync(id, Language, customerOnly: false, HttpContext.RequestAborted);
        FieldsByCode = (await customFields.ForRegisterAsync(register.Id, includeInactive: true, HttpContext.RequestAborted)).ToDictionary(f => f.Code);
        return true;
    }
}
