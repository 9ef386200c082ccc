using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Unit;

public sealed class CommandLineTests
{
    [Fact]
    public void No_command_runs_the_web_app_and_passes_host_arguments_through()
    {
        var line = CommandLine.Parse(["--demo", "--urls", "http://127.0.0.1:5000"]);

        Assert.Null(line.Command);
        Assert.True(line.Demo);
        Assert.Equal(["--urls", "http://127.0.0.1:5000"], line.HostArguments);
        Assert.Null(line.Error);
    }

    [Fact]
    public void Migrate_is_a_command_and_keeps_the_settings_after_it()
    {
        var line = CommandLine.Parse(["migrate", "--ClaimDesk:Database:Provider=Postgres"]);

        Assert.Equal(CommandLine.Migrate, line.Command);
        Assert.Equal(["--ClaimDesk:Database:Provider=Postgres"], line.HostArguments);
    }

    [Fact]
    public void Schema_script_takes_the_provider_as_its_argument()
    {
        var line = CommandLine.Parse(["schema-script", "Postgres"]);

        Assert.Equal(CommandLine.SchemaScript, line.Command);
        Assert.Equal(["Postgres"], line.CommandArguments);
    }

    [Fact]
    public void An_unknown_command_is_an_error_naming_it()
    {
        var line = CommandLine.Parse(["migrat"]);

        Assert.Contains("'migrat'", line.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_api_key_takes_its_own_options_wherever_they_stand_and_leaves_the_rest_to_the_host()
    {
        var line = CommandLine.Parse(
        [
            "create-api-key", "--name", "ERP connector", "--urls", "http://127.0.0.1:5000",
            "--scopes=claims:read,claims:write", "--ClaimDesk:Database:Provider=Postgres", "--role", "Manager",
        ]);

        Assert.Null(line.Error);
        Assert.Equal(CommandLine.CreateApiKey, line.Command);
        Assert.Equal("ERP connector", line.CommandOptions["name"]);
        Assert.Equal("claims:read,claims:write", line.CommandOptions["scopes"]);
        Assert.Equal("Manager", line.CommandOptions["role"]);
        Assert.Equal(["--urls", "http://127.0.0.1:5000", "--ClaimDesk:Database:Provider=Postgres"], line.HostArguments);
    }

    [Fact]
    public void Create_api_key_without_a_role_leaves_the_role_out_of_its_options()
    {
        var line = CommandLine.Parse(["create-api-key", "--name", "ERP", "--scopes", "claims:read"]);

        Assert.Null(line.Error);
        Assert.False(line.CommandOptions.ContainsKey("role"));
        Assert.Empty(line.HostArguments);
    }

    [Theory]
    [InlineData("--name")]
    [InlineData("--scopes")]
    public void A_create_api_key_option_without_its_value_is_an_error_naming_the_option(string option)
    {
        var line = CommandLine.Parse(["create-api-key", option, "--role", "Manager"]);

        Assert.Equal($"create-api-key: {option} needs a value.", line.Error);
        Assert.True(line.IsKnownCommand);
    }

    [Fact]
    public void Other_commands_do_not_take_the_create_api_key_options()
    {
        var line = CommandLine.Parse(["migrate", "--name", "x"]);

        Assert.Empty(line.CommandOptions);
        Assert.Equal(["--name", "x"], line.HostArguments);
    }

    [Fact]
    public void The_usage_lists_create_api_key_with_its_options()
    {
        Assert.Contains("create-api-key --name NAME --scopes claims:read,claims:write [--role Operator|Manager]",
            CommandLine.Usage, StringComparison.Ordinal);
    }
}
