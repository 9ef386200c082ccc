using Microsoft.Extensions.Caching.Memory;
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
public sealed class CreateModel(
    ApiKeyService keys, IStringLocalizer<SharedResource> localizer, IMemoryCache cache) : PageModel
{
    [BindProperty]
    public ApiKeyForm Form { get; set; } = new();

    /// <summary>The key just issued, with its secret; set only in the response that issued it.</summary>
    public ApiKeyService.Created? Created { get; private set; }

    public void OnGet()
    {
        Form.Scopes = [ApiKeyService.ClaimsRead];
        Form.Once = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    }

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

        // The same form sent twice (a refresh of the page showing the key) issues nothing the second time.
        var once = $"claimdesk:api-key-form:{Form.Once}";
        if (string.IsNullOrEmpty(Form.Once) || cache.TryGetValue(once, out _))
        {
            ModelState.AddModelError("", localizer["This form was sent already and its key was shown then; open the page again to issue another key."]);
            Form.Once = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            return Page();
        }

        cache.Set(once, true, TimeSpan.FromHours(12));
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
