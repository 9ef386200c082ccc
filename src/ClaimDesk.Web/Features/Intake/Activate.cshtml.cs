using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>The activation link from the e-mail: confirms the submission; a used or expired link says so; anything else is 404.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ActivateModel(IntakeCommands commands, IOptions<ClaimDeskOptions> options) : PageModel
{
    public ActivationResult Result { get; private set; } = new(ActivationState.Unknown, []);

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Result = await commands.ActivateAsync(token, IntakeCommands.BaseUrl(options.Value, Request), HttpContext.RequestAborted);
        if (Result.State == ActivationState.Unknown)
        {
            return NotFound();
        }

        if (Result.State != ActivationState.Activated)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }
}
