using System.Globalization;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Deadlines;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Sla;

/// <summary>Creates or edits an SLA policy; refused input comes back as typed, with the errors by field.</summary>
public sealed class EditModel(
    AppDbContext db, SlaPolicyAdministration administration, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
    Microsoft.Extensions.Options.IOptions<Infrastructure.ClaimDeskOptions> options) : PageModel
{
    [BindProperty]
    public SlaPolicyForm Form { get; set; } = new();

    public int? PolicyId { get; private set; }

    /// <summary>The organisation's currency, in which the amounts are.</summary>
    public string Currency => options.Value.Organisation.Currency;

    public IReadOnlyList<string> Registers { get; private set; } = [];

    public IReadOnlyList<(string Code, string Label)> Statuses { get; private set; } = [];

    public IReadOnlyList<AuditEvent> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var found = await db.SlaPolicies.AsNoTracking()
                .Where(p => p.Id == existing)
                .Select(p => new
                {
                    Policy = p,
                    Customer = db.Customers.Where(c => c.Id == p.CustomerId).Select(c => c.Code).FirstOrDefault(),
                    Register = db.Registers.Where(r => r.Id == p.RegisterId).Select(r => r.Code).FirstOrDefault(),
                })
                .SingleOrDefaultAsync();
            if (found is null)
            {
                return NotFound();
            }

            Form = SlaPolicyAdministration.FormOf(found.Policy, found.Customer, found.Register);
        }
        else
        {
            // A new policy pauses where the company waits on the claimant: the statuses of the category waiting, and the
            // one awaiting the claimant's confirmation.
            Form = new SlaPolicyForm
            {
                PauseStatuses = await db.WorkflowStatuses.AsNoTracking()
                    .Where(s => s.Category == Core.Workflows.StatusCategory.Waiting || s.Role == Core.Workflows.StatusRole.AwaitingConfirmation)
                    .Select(s => s.Code).Distinct().OrderBy(c => c).ToListAsync(),
            };
        }

        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var (saved, errors) = await administration.SaveAsync(id, Form, audit.CurrentActor, HttpContext.RequestAborted);
        if (saved is not null)
        {
            TempData["Status"] = localizer["The SLA policy {0} was saved; the deadlines of open claims were recomputed.", Form.Name?.Trim() ?? ""].Value;
            return RedirectToPage("Index");
        }

        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, localizer[error.Message, error.Arguments]);
        }

        Response.StatusCode = id is not null && errors.Any(e => e.Field.Length == 0) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        await LoadAsync(id);
        return Page();
    }

    private async Task LoadAsync(int? id)
    {
        PolicyId = id;
        Registers = await db.Registers.AsNoTracking().OrderBy(r => r.Code).Select(r => r.Code).ToListAsync();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var statuses = await db.WorkflowStatuses.AsNoTracking().OrderBy(s => s.RegisterId).ThenBy(s => s.SortOrder).ToListAsync();
        Statuses = [.. statuses.DistinctBy(s => s.Code).Select(s => (s.Code, s.StaffLabel.In(language)))];
        if (id is { } existing)
        {
            var key = existing.ToString(CultureInfo.InvariantCulture);
            History = await db.AuditEvents.AsNoTracking()
                .Where(e => e.EntityType == StoredSlaPolicy.EntityType && e.EntityId == key)
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Take(100)
                .ToListAsync();
        }
    }
}
