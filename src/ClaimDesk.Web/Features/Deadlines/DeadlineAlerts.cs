using System.Globalization;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Localization;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

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
/// The alerts as e-mail through the outbox, in each recipient's own language: reminders to the claim's assignee (to
/// the managers when nobody has it), escalations and alarms to every active manager.
/// </summary>
public sealed class MailDeadlineAlerts(
    AppDbContext db, Outbox outbox, OrganisationClock clock, IStringLocalizerFactory localizers, IOptions<ClaimDeskOptions> options)
    : IDeadlineAlerts
{
    public async Task ReminderAsync(DeadlineAlert alert, CancellationToken cancellationToken)
    {
        var recipients = alert.AssigneeId is { } id ? await RecipientsAsync(u => u.Id == id, cancellationToken) : [];
        if (recipients.Count == 0)
        {
            recipients = await ManagersAsync(cancellationToken);
        }

        Send(recipients, alert, (localizer, culture) => (
            localizer["Deadline approaching: {0}", alert.Number],
            localizer["The deadline \"{0}\" ({1}) of claim {2} is due {3}.", DeadlineLabels.Kind(alert.Kind, localizer), alert.RuleId,
                alert.Number, Local(alert.DueAt, culture)]));
    }

    public async Task EscalationAsync(DeadlineAlert alert, CancellationToken cancellationToken) =>
        Send(await ManagersAsync(cancellationToken), alert, (localizer, culture) => (
            localizer["Deadline breached: {0}", alert.Number],
            localizer["The deadline \"{0}\" ({1}) of claim {2} was due {3} and has passed.", DeadlineLabels.Kind(alert.Kind, localizer),
                alert.RuleId, alert.Number, Local(alert.DueAt, culture)]));

    public async Task DeemedAcceptanceAlarmAsync(DeadlineAlert alert, CancellationToken cancellationToken) =>
        Send(await ManagersAsync(cancellationToken), alert, (localizer, culture) => (
            localizer["Deemed-acceptance risk: {0}", alert.Number],
            localizer["Consumer complaint {0}, received {1}, has no response yet. Without a response by {2} it is deemed accepted ({3}).",
                alert.Number, Local(alert.ReceivedAt, culture), Local(alert.DueAt, culture), alert.RuleId]));

    private void Send(IReadOnlyList<(string Email, string Language)> recipients, DeadlineAlert alert,
        Func<IStringLocalizer, CultureInfo, (string Subject, string Text)> build)
    {
        var link = string.IsNullOrWhiteSpace(options.Value.Intake.PublicUrl)
            ? null
            : $"{options.Value.Intake.PublicUrl.TrimEnd('/')}/Claims/{alert.ClaimId}";
        foreach (var (email, language) in recipients)
        {
            var culture = CultureInfo.GetCultureInfo(Language.IsSupported(language) ? language : Language.English);
            var localizer = localizers.Create(typeof(SharedResource));
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                var (subject, text) = build(localizer, culture);
                outbox.Email(email, subject, link is null ? text : $"{text}\n\n{link}");
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }

    private string Local(DateTime utc, CultureInfo culture) => clock.ToLocal(utc).ToString("g", culture);

    private Task<List<(string Email, string Language)>> ManagersAsync(CancellationToken cancellationToken) =>
        RecipientsAsync(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRole.Manager)),
            cancellationToken);

    private async Task<List<(string Email, string Language)>> RecipientsAsync(
        System.Linq.Expressions.Expression<Func<AppUser, bool>> who, CancellationToken cancellationToken) =>
        [.. (await db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.Email != null).Where(who)
                .OrderBy(u => u.Email).Select(u => new { u.Email, u.Language }).ToListAsync(cancellationToken))
            .Select(u => (u.Email!, u.Language))];
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
