using ClaimDesk.Core.Security;
using ClaimDesk.Web.Features.ApiKeys;

namespace ClaimDesk.Web.Features.Admin.ApiKeys;

/// <summary>
/// What an administrator asks for when issuing a key; kept as typed when <see cref="ApiKeyService.Check"/> refuses
/// it. Nullable, so that only that check speaks (no implicit "required" messages from MVC).
/// </summary>
public sealed class ApiKeyForm
{
    public string? Name { get; set; }

    /// <summary>
    /// Empty by default: MVC leaves a list that was not posted as initialised, so a default here would survive
    /// unticking every box. The page ticks <c>claims:read</c> when it first shows the form.
    /// </summary>
    public List<string> Scopes { get; set; } = [];

    public string? Role { get; set; } = StaffRole.Operator;

    /// <summary>
    /// A random value the form carries once: posting the same form again (a browser's refresh or back button) is
    /// recognised and issues no second key.
    /// </summary>
    public string? Once { get; set; }
}
