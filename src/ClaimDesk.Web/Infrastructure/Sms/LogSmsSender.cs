using System.Globalization;

namespace ClaimDesk.Web.Infrastructure.Sms;

/// <summary>
/// The default when no gateway is configured: each message goes to the log and to a text file in
/// <c>&lt;DataDirectory&gt;/sms</c>, as mail goes to the .eml pickup folder, so the embedded default works offline.
/// </summary>
public sealed partial class LogSmsSender(DataDirectory dataDirectory, TimeProvider clock, ILogger<LogSmsSender> logger) : ISmsSender
{
    public const string FolderName = "sms";

    public string Folder { get; } = dataDirectory.Combine(FolderName);

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyyMMdd-HHmmssfff}-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(Path.Combine(Folder, name), $"To: {message.To}\nId: {message.Id}\n\n{message.Text}\n", cancellationToken);
        LogSms(logger, message.To, message.Text);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "SMS to {To} (no gateway configured, not sent): {Text}")]
    private static partial void LogSms(ILogger logger, string to, string text);
}
