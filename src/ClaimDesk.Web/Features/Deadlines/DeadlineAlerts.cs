using ClaimDesk.Core.Deadlines;

namespace ClaimDesk.Web.Features.Deadlines;

/// <summary>One deadline the scanner alerts about.</summary>
public sealed record DeadlineAlert(
    long ClaimId, string Number, string RuleId, DeadlineKind Kind, DateTime DueAt, DateTime ReceivedAt, string? AssigneeId);

/// <summary>
/// Where the deadline scanner's alerts go. Called inside the scanner's transaction, after it claimed the alert: what
/// an implementation queues (outbox rows, notifications) is saved with the marker, or not at all.
/// </summary>
public interface IDeadlineAlerts
{
    /// <summary>A running deadline comes due within the reminder lead (<c>ClaimDesk:Deadlines:ReminderHours</c>).</summary>
    Task ReminderAsync(DeadlineAlert alert, CancellationToken cancellationToken);

    /// <summary>A deadline was breached.</summary>
    Task EscalationAsync(DeadlineAlert alert, CancellationToken cancellationToken);

    /// <summary>A PL consumer complaint reached the alarm day without a response (PL-CONS-RESP: deemed accepted if missed).</summary>
    Task DeemedAcceptanceAlarmAsync(DeadlineAlert alert, CancellationToken cancellationToken);
}

/// <summary>
/// The alerts as notifications (<see cref="Notifications.Notifier"/>): who hears of them, on which channel and in what
/// words is the administrators' choice on the notification rules (seeded: reminders in the application to the
/// assignee or the managers; breaches and the deemed-acceptance alarm in the application and by e-mail to the managers
/// and in the application to the assignee). <c>{deadline}</c> is the rule's id, which reads the same in every language.
/// </summary>
public sealed class NotifiedDeadlineAlerts(Notifications.Notifier notifier) : IDeadlineAlerts
{
    public Task ReminderAsync(DeadlineAlert alert, CancellationToken cancellationToken) =>
        NotifyAsync(Notifications.NotificationEvent.DeadlineApproaching, alert, cancellationToken);

    public Task EscalationAsync(DeadlineAlert alert, CancellationToken cancellationToken) =>
        NotifyAsync(Notifications.NotificationEvent.DeadlineBreached, alert, cancellationToken);

    public Task DeemedAcceptanceAlarmAsync(DeadlineAlert alert, CancellationToken cancellationToken) =>
        NotifyAsync(Notifications.NotificationEvent.DeemedAcceptanceRisk, alert, cancellationToken);

    private Task<int> NotifyAsync(string ev, DeadlineAlert alert, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(ev, alert.ClaimId,
            new Dictionary<string, string> { [Notifications.NotificationPlaceholder.Deadline] = alert.RuleId },
            due: alert.DueAt, cancellationToken: cancellationToken);
}
