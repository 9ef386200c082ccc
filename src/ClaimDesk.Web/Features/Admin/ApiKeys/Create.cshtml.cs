using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.ApiKeys;

/// <summary>
/// Issues a key and shows it in the response to the POST itself, once: the secret is never stored, redirected
/// through TempData or cached.
/// </summary>
public sealed class CreateModel(ApiKeyService keys, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ApiKeyForm Form { get; set; } = new();

    /// <summary>The key just issued, with its secret; set only in the response that issued it.</summary>
    public ApiKeyService.Created? Created { get; private set; }

    public void OnGet() => Form.Scopes = [ApiKeyService.ClaimsRead];

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var problems = ApiKeyService.Check(Form.Name, Form.Scopes, Form.Role);
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems)
            {
                ModelState.AddModelError(FormField(field), localizer[message]);
            }

            return Page();
        }

        Created = await keys.CreateAsync(Form.Name!, Form.Scopes, Form.Role!, AuditTrail.ActorOf(User), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private static string FormField(string field) => field switch
    {
        "name" => "Form.Name",
        "scopes" => "Form.Scopes",
        "role" => "Form.Role",
        _ => "",
    };
}
