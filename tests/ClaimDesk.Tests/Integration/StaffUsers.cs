using ClaimDesk.Tests.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>Creates users through the administration form, as an administrator would.</summary>
public static class StaffUsers
{
    public const string Password = "Initial-Pass-2026";

    public static Task<HttpResponseMessage> CreateAsync(
        HttpClient administrator, string email, string role, bool mustChangePassword = false) =>
        administrator.SubmitFormAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.DisplayName"] = "Test " + role,
            ["Form.Language"] = "en",
            ["Form.Roles"] = role,
            ["Form.Password"] = Password,
            ["Form.MustChangePassword"] = mustChangePassword ? "true" : "false",
        }, "main form");
}
