using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.MasterData;

/// <summary>
/// The page of one master-data record (<c>?key=</c> its code or number; none for a new one): every member of staff
/// reads it with its history, managers and administrators create and change it. A save goes through the same
/// <see cref="MasterDataWriter"/> as the API's PUT, so checks, idempotence and audit are the API's; refused input comes
/// back as typed with the errors on their fields.
/// </summary>
public abstract class MasterDataEditPage<TForm, TData, TDto>(
    MasterDataKind<TData, TDto> kind, AppDbContext db, MasterDataWriter writer, AuditTrail audit, IStringLocalizer<SharedResource> localizer) : PageModel
    where TForm : class, IMasterDataForm<TData, TDto>, new()
    where TData : class
    where TDto : class
{
    [BindProperty]
    public TForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "key")]
    public string? Key { get; set; }

    public bool IsNew => Key is null;

    public bool MayEdit => StaffRole.MasterDataEditors.Any(User.IsInRole);

    public IReadOnlyList<AuditEvent> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Key is not null)
        {
            if (await kind.GetAsync(db, Key, HttpContext.RequestAborted) is not { } found)
            {
                return NotFound();
            }

            Form.Load(found);
            await LoadHistoryAsync();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!MayEdit)
        {
            ModelState.AddModelError("", localizer["Your role may read master data but not change it."]);
            return await RefusedAsync(StatusCodes.Status403Forbidden);
        }

        var errors = new List<FieldError>();
        var data = Form.ToData(errors);
        var typedKey = Form.Key?.Trim();
        if (IsNew && !string.IsNullOrEmpty(typedKey) && await kind.GetAsync(db, typedKey, HttpContext.RequestAborted) is not null)
        {
            errors.Add(new FieldError(kind.KeyField, "'{0}' exists already: open it from the list to change it.", typedKey));
        }

        if (errors.Count > 0)
        {
            // The writer's checks too, so that every mistake shows at once, beside the values that did not parse.
            errors.AddRange(kind.Check(Key, data).Where(e => errors.All(known => known.Field != e.Field)));
            return await RefusedAsync(StatusCodes.Status400BadRequest, errors);
        }

        var outcome = (await writer.UpsertAsync(kind, [new UpsertItem<TData>(Key, data)], audit.CurrentActor, HttpContext.RequestAborted))[0];
        if (outcome.Result == UpsertResult.Refused)
        {
            return await RefusedAsync(StatusCodes.Status400BadRequest, outcome.Errors);
        }

        TempData["Status"] = outcome.Result == UpsertResult.Unchanged
            ? localizer["Nothing changed in {0}.", outcome.Key!].Value
            : localizer["{0} was saved.", outcome.Key!].Value;
        return RedirectToPage(new { key = outcome.Key });
    }

    /// <summary>The form again, as posted (ModelState keeps every typed value), with the errors on their fields.</summary>
    protected async Task<IActionResult> RefusedAsync(int status, IEnumerable<FieldError>? errors = null)
    {
        foreach (var error in errors ?? [])
        {
            ModelState.AddModelError(MasterDataFormFields.Of(error.Field), localizer[error.Message, error.Arguments]);
        }

        Response.StatusCode = status;
        await LoadHistoryAsync();
        return Page();
    }

    /// <summary>The form redrawn from <see cref="Form"/> after a change that is not a save (a line added or removed).</summary>
    protected async Task<IActionResult> RedrawAsync()
    {
        ModelState.Clear();
        await LoadHistoryAsync();
        return Page();
    }

    private async Task LoadHistoryAsync()
    {
        if (Key is not null)
        {
            History = await db.AuditEvents.AsNoTracking()
                .Where(e => e.EntityType == kind.EntityType && e.EntityId == Key)
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Take(200)
                .ToListAsync(HttpContext.RequestAborted);
        }
    }
}
