using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// The activation link from the e-mail: confirms the submission and links each claim's tracking page and label; a
/// used or expired link says so (410), an unknown one too (404), on a page for the consumer.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ActivateModel(IntakeCommands commands, IOptions<ClaimDeskOptions> options) : PageModel
{
    public ActivationResult Result { get; private set; } = new(ActivationState.Unknown, []);

    public LinkProblem Problem => new(LinkPurpose.Activation, Result.State switch
    {
        ActivationState.Used => LinkState.Used,
        ActivationState.Expired => LinkState.Expired,
        _ => LinkState.Unknown,
    });

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Result = await commands.ActivateAsync(token, PublicAddress.BaseUrl(options.Value, Request), HttpContext.RequestAborted);
        Response.StatusCode = Result.State switch
        {
            ActivationState.Activated => StatusCodes.Status200OK,
            ActivationState.Unknown => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status410Gone,
        };
        return Page();
    }
}
