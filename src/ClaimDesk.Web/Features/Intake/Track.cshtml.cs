using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>The tracking page a magic link opens: the customer's status label and the timeline of status changes.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class TrackModel(TrackingQueries queries) : PageModel
{
    public TrackedClaim? Claim { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Claim = await queries.GetAsync(token, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, HttpContext.RequestAborted);
        return Claim is null ? NotFound() : Page();
    }
}
