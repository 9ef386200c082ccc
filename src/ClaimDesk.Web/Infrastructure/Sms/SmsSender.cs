namespace ClaimDesk.Web.Infrastructure.Sms;

/// <summary>
/// A text message as the outbox dispatcher hands it over: <see cref="Id"/> is fixed when the message is queued and
/// the same on every attempt, so a gateway that supports it can recognise a repeat.
/// </summary>
public sealed record SmsMessage(string Id, string To, string Text);

/// <summary>Hands a text message to a provider (DESIGN §4 SMS). Throws when the provider did not take it.</summary>
public interface ISmsSender
{
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
