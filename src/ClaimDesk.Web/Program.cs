using ClaimDesk.Web;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Infrastructure;

var commandLine = CommandLine.Parse(args);
if (commandLine.Error is not null)
{
    await Console.Error.WriteLineAsync(commandLine.Error);
    if (!commandLine.IsKnownCommand)
    {
        await Console.Error.WriteLineAsync(CommandLine.Usage);
    }

    return 1;
}

CreateApiKeyCommand.Request? keyRequest = null;
if (commandLine.Command == CommandLine.CreateApiKey)
{
    (keyRequest, var error) = CreateApiKeyCommand.Read(commandLine.CommandOptions);
    if (error is not null)
    {
        await Console.Error.WriteLineAsync(error);
        return 1;
    }
}

try
{
    if (commandLine.Command == CommandLine.SchemaScript)
    {
        Console.Write(SchemaScriptCommand.Generate(commandLine.CommandArguments));
        return 0;
    }

    var builder = WebApplication.CreateBuilder(commandLine.HostArguments);
    builder.AddClaimDesk(commandLine);
    var app = builder.Build();
    app.UseClaimDesk();
    await app.InitializeDatabaseAsync();
    if (commandLine.Command == CommandLine.Migrate)
    {
        return 0;
    }

    if (keyRequest is not null)
    {
        await CreateApiKeyCommand.RunAsync(app.Services, keyRequest, Console.Out, Console.Error);
        return 0;
    }

    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"ClaimDesk cannot start: {e.Message}");
    return 2;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
