using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// "Find my claim": claim number and e-mail; when they match, the tracking link is e-mailed. The answer is the same
/// page whether or not such a claim exists, so the form tells nobody which numbers and addresses are known.
/// </summary>
public sealed class FindModel(IntakeCommands commands, IOptions<ClaimDeskOptions> options) : PageModel
{
    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await commands.SendTrackingLinkAsync(Number, Email, PublicAddress.BaseUrl(options.Value, Request), HttpContext.RequestAborted);
        Sent = true;
        Number = null;
        Email = null;
        ModelState.Clear();
        return Page();
    }
}
