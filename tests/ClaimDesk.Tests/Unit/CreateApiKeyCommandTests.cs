using ClaimDesk.Web.Features.ApiKeys;

namespace ClaimDesk.Tests.Unit;

public sealed class CreateApiKeyCommandTests
{
    [Fact]
    public void A_key_acts_as_an_operator_unless_the_command_names_a_role()
    {
        var (request, error) = CreateApiKeyCommand.Read(new Dictionary<string, string>
        {
            ["name"] = " ERP connector ",
            ["scopes"] = "claims:read, claims:write",
        });

        Assert.Null(error);
        Assert.Equal("ERP connector", request!.Name);
        Assert.Equal(["claims:read", "claims:write"], request.Scopes);
        Assert.Equal("Operator", request.Role);
    }

    [Fact]
    public void The_role_may_be_written_in_any_case()
    {
        var (request, _) = CreateApiKeyCommand.Read(new Dictionary<string, string>
        {
            ["name"] = "ERP",
            ["scopes"] = "claims:read",
            ["role"] = "manager",
        });

        Assert.Equal("Manager", request!.Role);
    }

    [Theory]
    [InlineData("claims:delete", "Choose scopes among: claims:read, claims:write, master_data:read, master_data:write.")]
    [InlineData("", "Choose scopes among: claims:read, claims:write, master_data:read, master_data:write.")]
    public void Unknown_or_missing_scopes_are_refused_in_one_line_naming_the_allowed_ones(string scopes, string message)
    {
        var (request, error) = CreateApiKeyCommand.Read(new Dictionary<string, string> { ["name"] = "ERP", ["scopes"] = scopes });

        Assert.Null(request);
        Assert.Equal($"create-api-key: {message}", error);
    }

    [Fact]
    public void Every_problem_is_named_on_the_same_single_line()
    {
        var (_, error) = CreateApiKeyCommand.Read(new Dictionary<string, string> { ["role"] = "Administrator" });

        Assert.DoesNotContain('\n', error!);
        Assert.Contains("Give the key a name", error, StringComparison.Ordinal);
        Assert.Contains("Choose scopes among", error, StringComparison.Ordinal);
        Assert.Contains("acts as an Operator or a Manager", error, StringComparison.Ordinal);
    }
}
