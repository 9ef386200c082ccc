using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Notifications;

/// <summary>
/// One template (event × channel × language): subject and body with the event's placeholders, and a preview filled
/// in for a sample claim. The preview is drawn on the server: by the Preview button, or by htmx as one types.
/// </summary>
public sealed class TemplateModel(NotificationAdministration administration, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Ev { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Channel { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Language { get; set; } = "";

    [BindProperty]
    public TemplateForm Form { get; set; } = new();

    public (string Subject, string Body) Preview { get; private set; }

    public IReadOnlyList<string> Placeholders => NotificationEvent.Placeholders(Ev);

    public IReadOnlyList<AuditEvent> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!NotificationAdministration.IsTemplate(Ev, Channel, Language))
        {
            return NotFound();
        }

        var template = await administration.TemplateAsync(Ev, Channel, Language, cancellationToken);
        var defaults = NotificationDefaults.Template(Ev, Channel, Language);
        Form = new TemplateForm { Subject = template?.Subject ?? defaults.Subject, Body = template?.Body ?? defaults.Body };
        return await DrawAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!NotificationAdministration.IsTemplate(Ev, Channel, Language))
        {
            return NotFound();
        }

        var errors = await administration.SaveTemplateAsync(Ev, Channel, Language, Form, cancellationToken);
        if (errors.Count == 0)
        {
            TempData["Status"] = localizer["The template was saved."].Value;
            return RedirectToPage("Template", new { Ev, Channel, Language });
        }

        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        return await DrawAsync(cancellationToken);
    }

    /// <summary>Draws the page again with the text as typed and its preview; saves nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!NotificationAdministration.IsTemplate(Ev, Channel, Language))
        {
            return NotFound();
        }

        foreach (var (field, message) in administration.Validate(Ev, Channel, Form))
        {
            ModelState.AddModelError(field, message);
        }

        return await DrawAsync(cancellationToken);
    }

    private async Task<IActionResult> DrawAsync(CancellationToken cancellationToken)
    {
        Preview = administration.Preview(Ev, Language, Form);
        History = await administration.TemplateHistoryAsync(Ev, Channel, Language, cancellationToken);
        return Page();
    }
}
