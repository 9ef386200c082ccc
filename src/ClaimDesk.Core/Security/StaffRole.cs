namespace ClaimDesk.Core.Security;

/// <summary>
/// The roles a user account can hold (DESIGN §1). Staff roles sign in to the back office;
/// <see cref="Partner"/> users belong to one customer company and use the portal only.
/// </summary>
public static class StaffRole
{
    public const string Administrator = "Administrator";
    public const string Manager = "Manager";
    public const string Operator = "Operator";
    public const string Technician = "Technician";
    public const string Partner = "Partner";

    /// <summary>Every role, in the order the administration screens list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Administrator, Manager, Operator, Technician, Partner];

    /// <summary>The roles that may use the staff back office.</summary>
    public static IReadOnlyList<string> Staff { get; } = [Administrator, Manager, Operator, Technician];

    /// <summary>The roles that may create and change master data by hand and import it (others read it).</summary>
    public static IReadOnlyList<string> MasterDataEditors { get; } = [Administrator, Manager];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
