using ClaimDesk.Core.Localization;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Notifications;

/// <summary>
/// The rules and templates a new installation starts with: the claimant hears of every status change through the
/// channel they prefer; staff hear in the application of new claims, assignments, the claimant's messages and
/// deadlines; managers also by e-mail of breached deadlines and of the risk of deemed acceptance.
/// </summary>
public sealed class NotificationDefaults(AppDbContext db, TimeProvider clock)
{
    /// <summary>The (event, channel) pairs that have templates: what rules may combine (<see cref="ChannelsFor"/>).</summary>
    public static IReadOnlyList<(string Event, string Channel)> TemplatePairs { get; } =
    [
        .. NotificationEvent.All.SelectMany(e => ChannelsFor(e).Select(c => (e, c))),
    ];

    /// <summary>
    /// The channels an event has templates for. A status change is the claimant's news (e-mail and SMS, their own
    /// words) and a line in staff's notification centre; every other event is for staff (in the application, e-mail).
    /// </summary>
    public static IReadOnlyList<string> ChannelsFor(string ev) => ev == NotificationEvent.StatusChanged
        ? [NotificationChannel.Email, NotificationChannel.Sms, NotificationChannel.InApp]
        : [NotificationChannel.Email, NotificationChannel.InApp];

    /// <summary>Whether a rule may send <paramref name="ev"/> to <paramref name="recipient"/> through <paramref name="channel"/>.</summary>
    public static bool Allows(string ev, string recipient, string channel) => recipient == NotificationRecipient.Customer
        ? ev == NotificationEvent.StatusChanged && channel is NotificationChannel.Email or NotificationChannel.Sms
        : ev == NotificationEvent.StatusChanged ? channel == NotificationChannel.InApp
        : channel is NotificationChannel.Email or NotificationChannel.InApp;

    public static IReadOnlyList<NotificationRule> Rules() =>
    [
        Rule(NotificationEvent.ClaimCreated, NotificationRecipient.Role, NotificationChannel.InApp, StaffRole.Operator),
        Rule(NotificationEvent.ClaimCreated, NotificationRecipient.Managers, NotificationChannel.InApp),
        Rule(NotificationEvent.StatusChanged, NotificationRecipient.Customer, NotificationChannel.Email),
        Rule(NotificationEvent.StatusChanged, NotificationRecipient.Customer, NotificationChannel.Sms),
        Rule(NotificationEvent.Assigned, NotificationRecipient.Assignee, NotificationChannel.InApp),
        Rule(NotificationEvent.MessageInbound, NotificationRecipient.AssigneeOrManagers, NotificationChannel.InApp),
        Rule(NotificationEvent.DeadlineApproaching, NotificationRecipient.AssigneeOrManagers, NotificationChannel.InApp),
        Rule(NotificationEvent.DeadlineBreached, NotificationRecipient.Assignee, NotificationChannel.InApp),
        Rule(NotificationEvent.DeadlineBreached, NotificationRecipient.Managers, NotificationChannel.InApp),
        Rule(NotificationEvent.DeadlineBreached, NotificationRecipient.Managers, NotificationChannel.Email),
        Rule(NotificationEvent.DeemedAcceptanceRisk, NotificationRecipient.Assignee, NotificationChannel.InApp),
        Rule(NotificationEvent.DeemedAcceptanceRisk, NotificationRecipient.Managers, NotificationChannel.InApp),
        Rule(NotificationEvent.DeemedAcceptanceRisk, NotificationRecipient.Managers, NotificationChannel.Email),
    ];

    /// <summary>The default text of an event on a channel in a language: (subject, body).</summary>
    public static (string Subject, string Body) Template(string ev, string channel, string language)
    {
        var lang = Language.IsSupported(language) ? language : Language.English;
        if (ev == NotificationEvent.StatusChanged && channel != NotificationChannel.InApp)
        {
            return CustomerTexts[(channel, lang)];
        }

        var (subject, line) = StaffTexts[(ev, lang)];
        return channel == NotificationChannel.Email
            ? (subject, $"{line}\n\n{OpenClaim[lang]}: {{claim_link}}")
            : (subject, line);
    }

    /// <summary>Adds the templates a database lacks; on a database without any, the default rules too.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.NotificationTemplates.Select(t => new { t.Event, t.Channel, t.Language }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var missing = (from pair in TemplatePairs
                       from language in Language.All
                       where !existing.Any(t => t.Event == pair.Event && t.Channel == pair.Channel && t.Language == language)
                       let text = Template(pair.Event, pair.Channel, language)
                       select new NotificationTemplate
                       {
                           Event = pair.Event, Channel = pair.Channel, Language = language, Subject = text.Subject, Body = text.Body, UpdatedAt = now,
                       }).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        db.NotificationTemplates.AddRange(missing);
        if (existing.Count == 0)
        {
            // A first start: the default rules come with the first templates. Later starts leave the rules alone, so
            // rules an administrator deleted stay deleted.
            db.NotificationRules.AddRange(Rules());
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node seeded them at the same moment; theirs stand.
            db.ChangeTracker.Clear();
        }
    }

    private static NotificationRule Rule(string ev, string recipient, string channel, string? role = null) =>
        new() { Event = ev, Recipient = recipient, Channel = channel, Role = role, Enabled = true };

    private static readonly Dictionary<string, string> OpenClaim = new()
    {
        [Language.English] = "Open the claim",
        [Language.Polish] = "Otwórz reklamację",
        [Language.Czech] = "Otevřít reklamaci",
    };

    private static readonly Dictionary<(string Channel, string Language), (string, string)> CustomerTexts = new()
    {
        [(NotificationChannel.Email, Language.English)] = ("Complaint {number}: {customer_status}",
            "Hello {customer},\n\nthe status of your complaint {number} is now: {customer_status}.\n\n{decision}\n\nFollow the complaint here:\n{tracking_link}\n\n{organisation}"),
        [(NotificationChannel.Email, Language.Polish)] = ("Reklamacja {number}: {customer_status}",
            "Dzień dobry, {customer},\n\nstatus Twojej reklamacji {number} to teraz: {customer_status}.\n\n{decision}\n\nReklamację możesz śledzić tutaj:\n{tracking_link}\n\n{organisation}"),
        [(NotificationChannel.Email, Language.Czech)] = ("Reklamace {number}: {customer_status}",
            "Dobrý den, {customer},\n\nstav Vaší reklamace {number} je nyní: {customer_status}.\n\n{decision}\n\nPrůběh reklamace můžete sledovat zde:\n{tracking_link}\n\n{organisation}"),
        [(NotificationChannel.Sms, Language.English)] = ("",
            "{organisation}: complaint {number} is now: {customer_status}. {decision} {tracking_link}"),
        [(NotificationChannel.Sms, Language.Polish)] = ("",
            "{organisation}: reklamacja {number} ma teraz status: {customer_status}. {decision} {tracking_link}"),
        [(NotificationChannel.Sms, Language.Czech)] = ("",
            "{organisation}: reklamace {number} má nový stav: {customer_status}. {decision} {tracking_link}"),
    };

    private static readonly Dictionary<(string Event, string Language), (string Subject, string Line)> StaffTexts = new()
    {
        [(NotificationEvent.ClaimCreated, Language.English)] = ("New claim {number}", "{customer} filed claim {number}."),
        [(NotificationEvent.ClaimCreated, Language.Polish)] = ("Nowa reklamacja {number}", "{customer} zgłasza reklamację {number}."),
        [(NotificationEvent.ClaimCreated, Language.Czech)] = ("Nová reklamace {number}", "{customer} podává reklamaci {number}."),
        [(NotificationEvent.StatusChanged, Language.English)] = ("Claim {number}: {status}", "Claim {number} is now in status {status}."),
        [(NotificationEvent.StatusChanged, Language.Polish)] = ("Reklamacja {number}: {status}", "Reklamacja {number} ma teraz status {status}."),
        [(NotificationEvent.StatusChanged, Language.Czech)] = ("Reklamace {number}: {status}", "Reklamace {number} je nyní ve stavu {status}."),
        [(NotificationEvent.Assigned, Language.English)] = ("Claim {number} assigned to you", "Claim {number} of {customer} ({status}) is now yours."),
        [(NotificationEvent.Assigned, Language.Polish)] = ("Przydzielono Ci reklamację {number}", "Reklamacja {number} klienta {customer} ({status}) jest teraz Twoja."),
        [(NotificationEvent.Assigned, Language.Czech)] = ("Byla vám přidělena reklamace {number}", "Reklamace {number} zákazníka {customer} ({status}) je nyní vaše."),
        [(NotificationEvent.MessageInbound, Language.English)] = ("Message from the claimant on {number}", "{customer} wrote: {message}"),
        [(NotificationEvent.MessageInbound, Language.Polish)] = ("Wiadomość od klienta w reklamacji {number}", "{customer} pisze: {message}"),
        [(NotificationEvent.MessageInbound, Language.Czech)] = ("Zpráva od zákazníka k reklamaci {number}", "{customer} píše: {message}"),
        [(NotificationEvent.DeadlineApproaching, Language.English)] = ("Deadline approaching on {number}", "{deadline} is due {due}."),
        [(NotificationEvent.DeadlineApproaching, Language.Polish)] = ("Zbliża się termin w reklamacji {number}", "{deadline}: termin mija {due}."),
        [(NotificationEvent.DeadlineApproaching, Language.Czech)] = ("Blíží se lhůta u reklamace {number}", "{deadline}: lhůta vyprší {due}."),
        [(NotificationEvent.DeadlineBreached, Language.English)] = ("Deadline breached on {number}", "{deadline} was due {due} and is not met. Assignee: {assignee}."),
        [(NotificationEvent.DeadlineBreached, Language.Polish)] = ("Przekroczony termin w reklamacji {number}", "{deadline}: termin minął {due} i nie został dotrzymany. Opiekun: {assignee}."),
        [(NotificationEvent.DeadlineBreached, Language.Czech)] = ("Překročena lhůta u reklamace {number}", "{deadline}: lhůta uplynula {due} a nebyla dodržena. Řešitel: {assignee}."),
        [(NotificationEvent.DeemedAcceptanceRisk, Language.English)] = ("Claim {number} may be deemed accepted",
            "Unless the claimant has our answer by {due}, the law deems claim {number} accepted ({deadline}). Assignee: {assignee}."),
        [(NotificationEvent.DeemedAcceptanceRisk, Language.Polish)] = ("Reklamacja {number} może zostać uznana z mocy prawa",
            "Jeśli klient nie otrzyma odpowiedzi do {due}, reklamację {number} uważa się za uznaną ({deadline}). Opiekun: {assignee}."),
        [(NotificationEvent.DeemedAcceptanceRisk, Language.Czech)] = ("Reklamace {number} může být považována za uznanou",
            "Pokud zákazník nedostane odpověď do {due}, považuje se reklamace {number} za uznanou ({deadline}). Řešitel: {assignee}."),
    };
}
