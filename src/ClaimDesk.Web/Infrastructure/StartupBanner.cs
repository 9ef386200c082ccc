using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Infrastructure;

/// <summary>Once the server listens: where to open ClaimDesk and how to sign in.</summary>
public static partial class StartupBanner
{
    public static void Log(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var options = app.Services.GetRequiredService<IOptions<ClaimDeskOptions>>().Value;
        var provider = app.Services.GetRequiredService<DatabaseInfo>().Provider;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ClaimDesk");
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var listening = string.Join(", ", addresses);
        var dataDirectory = app.Services.GetRequiredService<DataDirectory>().Path;
        LogListening(logger, listening, provider, dataDirectory);
        LogSignIn(logger, options.Admin.Email);
        if (!string.IsNullOrWhiteSpace(options.Smtp.Host) && PublicAddress.Configured(options) is null)
        {
            LogNoPublicUrl(logger, PublicAddress.Listening(addresses));
        }

        if (options.Demo)
        {
            var demoUsers = string.Join(", ", AccountSeeder.DemoUsers.Select(u => $"{u.Email} ({u.Role})"));
            LogDemo(logger, demoUsers, AccountSeeder.DemoPassword);
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "ClaimDesk is listening on {Addresses} (database: {Provider}, data directory: {DataDirectory})")]
    private static partial void LogListening(ILogger logger, string addresses, DatabaseProvider provider, string dataDirectory);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Sign in as {Email} with the password from ClaimDesk:Admin:Password, or the one-time password printed when the administrator was created.")]
    private static partial void LogSignIn(ILogger logger, string email);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "ClaimDesk:Intake:PublicUrl is not set: links in e-mails sent outside a request (deadline reminders) start with {Address}. Set it to the address claimants and staff open ClaimDesk at.")]
    private static partial void LogNoPublicUrl(ILogger logger, string address);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Demo users: {Users}, password {Password}")]
    private static partial void LogDemo(ILogger logger, string users, string password);
}
