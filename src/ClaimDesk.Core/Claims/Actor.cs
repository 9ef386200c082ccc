using ClaimDesk.Core.Security;

namespace ClaimDesk.Core.Claims;

/// <summary>Who acts: a signed-in user, an API key (acting in a role), or the system itself.</summary>
public sealed record Actor(string Kind, string? Id, string Name, IReadOnlyCollection<string> Roles)
{
    public const string UserKind = "user";
    public const string ApiKeyKind = "api_key";
    public const string SystemKind = "system";

    public static Actor System { get; } = new(SystemKind, null, "system", [StaffRole.Administrator]);

    /// <summary>Managers and administrators may change a final decision; nobody else may.</summary>
    public bool MayChangeFinalDecision => Roles.Contains(StaffRole.Manager) || Roles.Contains(StaffRole.Administrator);

    public bool MayDelete => Roles.Contains(StaffRole.Administrator);
}
