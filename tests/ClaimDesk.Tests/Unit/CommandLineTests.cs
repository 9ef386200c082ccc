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
}
