using Microsoft.Extensions.Caching.Memory;
using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Localization;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Intake;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Notifications;

/// <summary>What the notifier needs of a claim; take it from the claim as it is after the change (<see cref="Of"/>).</summary>
public sealed record ClaimRef(
    long Id, string Number, int RegisterId, string Status, string ContactName, string? ContactEmail, string? ContactPhone,
    string ContactLanguage, ContactChannel PreferredChannel, string? AssigneeId)
{
    public static ClaimRef Of(Claim claim) => new(claim.Id, claim.Number, claim.RegisterId, claim.Status, claim.ContactName,
        claim.ContactEmail, claim.ContactPhone, claim.ContactLanguage, claim.PreferredChannel, claim.AssigneeId)
    {
        Lines = LineOutcome.Of(claim),
        Value = claim.Value,
        CostTotal = claim.CostTotal,
    };

    /// <summary>The items with their decisions (<c>{decision}</c>); empty when the caller did not load them.</summary>
    public IReadOnlyList<LineOutcome> Lines { get; init; } = [];

    /// <summary>The claim's value: rules with an amount condition notify of claims above it.</summary>
    public decimal Value { get; init; }

    /// <summary>The claim's cost total.</summary>
    public decimal CostTotal { get; init; }
}

/// <summary>
/// The rules, templates, staff and status labels one event needs, read before the caller's transaction (or inside
/// it), so that queueing itself (<see cref="Notifier.Queue"/>) reads nothing.
/// </summary>
public sealed class NotificationPlan
{
    internal NotificationPlan(string ev, IReadOnlyList<NotificationRule> rules, IReadOnlyList<NotificationTemplate> templates,
        IReadOnlyList<StaffMember> staff, IReadOnlyDictionary<(int, string), (LocalizedText Staff, LocalizedText Customer)> statuses)
    {
        Event = ev;
        Rules = rules;
        Templates = templates;
        Staff = staff;
        Statuses = statuses;
    }

    public string Event { get; }

    internal IReadOnlyList<NotificationRule> Rules { get; }

    internal IReadOnlyList<NotificationTemplate> Templates { get; }

    internal IReadOnlyList<StaffMember> Staff { get; }

    internal IReadOnlyDictionary<(int RegisterId, string Code), (LocalizedText Staff, LocalizedText Customer)> Statuses { get; }

    /// <summary>True when no enabled rule reacts to the event: queueing does nothing.</summary>
    public bool IsEmpty => Rules.Count == 0;
}

/// <summary>An active staff user as a recipient.</summary>
internal sealed record StaffMember(string Id, string Name, string? Email, string Language, IReadOnlyList<string> Roles);

/// <summary>
/// The one entry point for notifications (DESIGN §6). A feature calls it inside its own unit of work and saves
/// itself: e-mail and SMS become outbox rows (sent later by the dispatcher, with its retries), in-app notifications
/// become <c>notifications</c> rows — all in the caller's transaction, so a change that rolls back notifies nobody.
/// Each enabled rule of the event whose amount conditions the claim meets (value, cost total above an amount) names
/// recipients and a channel; each recipient gets the event's template for that
/// channel in their language (the claimant's language of the claim, a staff user's own), once per channel however
/// many rules name them. The staff user who caused the event (<c>actorUserId</c>) is not told of it.
/// </summary>
public sealed class Notifier(
    AppDbContext db, Outbox outbox, TrackingLinks trackingLinks, OrganisationClock clock, PublicAddress publicAddress,
    IOptions<ClaimDeskOptions> options, Microsoft.Extensions.Caching.Memory.IMemoryCache cache, IStringLocalizerFactory localizers)
{
    /// <summary>
    /// How long a node reuses what an event needs (rules, templates, staff, labels) before reading it again: every claim
    /// raises events, and these change rarely. Edits on the administration pages take effect on their node at once
    /// (<see cref="Forget"/>), on other nodes within this time.
    /// </summary>
    public static readonly TimeSpan PlanCacheTime = TimeSpan.FromSeconds(10);

    /// <summary>Drops the cached plans, after an edit of rules or templates.</summary>
    public static void Forget(Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
    {
        foreach (var ev in NotificationEvent.All)
        {
            cache.Remove(PlanKey(ev));
        }
    }

    private static string PlanKey(string ev) => $"claimdesk:notification-plan:{ev}";

    /// <summary>How much of a claimant's message an inbound-message notification quotes.</summary>
    public const int QuotedMessageLength = 300;

    /// <summary>Reads and queues in one go. <paramref name="due"/> (UTC) fills <c>{due}</c> in each recipient's language.</summary>
    public async Task<int> NotifyAsync(string ev, ClaimRef claim, IReadOnlyDictionary<string, string>? values = null,
        string? actorUserId = null, DateTime? due = null, CancellationToken cancellationToken = default) =>
        Queue(await PrepareAsync(ev, cancellationToken), claim, values, actorUserId, due);

    /// <summary>As above, for a claim the caller has not loaded (the deadline scanner); nothing for a missing or deleted claim.</summary>
    public async Task<int> NotifyAsync(string ev, long claimId, IReadOnlyDictionary<string, string>? values = null,
        string? actorUserId = null, DateTime? due = null, CancellationToken cancellationToken = default)
    {
        var claim = await db.Claims.AsNoTracking().Where(c => c.Id == claimId && !c.IsDeleted)
            .Select(c => new ClaimRef(c.Id, c.Number, c.RegisterId, c.Status, c.ContactName, c.ContactEmail, c.ContactPhone,
                c.ContactLanguage, c.PreferredChannel, c.AssigneeId) { Value = c.Value, CostTotal = c.CostTotal })
            .SingleOrDefaultAsync(cancellationToken);
        return claim is null ? 0 : await NotifyAsync(ev, claim, values, actorUserId, due, cancellationToken);
    }

    /// <summary>Reads what <paramref name="ev"/> needs: its enabled rules, its templates, the staff and the status labels.</summary>
    public async Task<NotificationPlan> PrepareAsync(string ev, CancellationToken cancellationToken = default)
    {
        if (!NotificationEvent.IsKnown(ev))
        {
            throw new ArgumentException($"'{ev}' is not a notification event.", nameof(ev));
        }

        return (await cache.GetOrCreateAsync(PlanKey(ev), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = PlanCacheTime;
            return ReadPlanAsync(ev, cancellationToken);
        }))!;
    }

    private async Task<NotificationPlan> ReadPlanAsync(string ev, CancellationToken cancellationToken)
    {
        var rules = await db.NotificationRules.AsNoTracking().Where(r => r.Event == ev && r.Enabled).OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return new NotificationPlan(ev, [], [], [], new Dictionary<(int, string), (LocalizedText, LocalizedText)>());
        }

        var channels = rules.Select(r => r.Channel).Distinct().ToList();
        var templates = await db.NotificationTemplates.AsNoTracking().Where(t => t.Event == ev && channels.Contains(t.Channel))
            .ToListAsync(cancellationToken);
        var staffRoles = StaffRole.Staff.ToList();
        var staff = (await (from user in db.Users.AsNoTracking()
                            where !user.IsDisabled
                            join userRole in db.UserRoles on user.Id equals userRole.UserId
                            join role in db.Roles on userRole.RoleId equals role.Id
                            where staffRoles.Contains(role.Name!)
                            select new { user.Id, user.DisplayName, user.Email, user.Language, Role = role.Name! })
                .ToListAsync(cancellationToken))
            .GroupBy(u => u.Id)
            .Select(g => new StaffMember(g.Key, g.First().DisplayName, g.First().Email, g.First().Language, [.. g.Select(u => u.Role)]))
            .ToList();
        var statuses = (await db.WorkflowStatuses.AsNoTracking()
                .Select(s => new
                {
                    s.RegisterId, s.Code, StaffEn = s.StaffLabel.En, StaffPl = s.StaffLabel.Pl, StaffCs = s.StaffLabel.Cs,
                    CustomerEn = s.CustomerLabel.En, CustomerPl = s.CustomerLabel.Pl, CustomerCs = s.CustomerLabel.Cs,
                })
                .ToListAsync(cancellationToken))
            .ToDictionary(s => (s.RegisterId, s.Code),
                s => (new LocalizedText(s.StaffEn, s.StaffPl, s.StaffCs), new LocalizedText(s.CustomerEn, s.CustomerPl, s.CustomerCs)));
        return new NotificationPlan(ev, rules, templates, staff, statuses);
    }

    /// <summary>
    /// Adds the notifications of <paramref name="plan"/> about <paramref name="claim"/> to the unit of work (reads
    /// nothing, saves nothing); returns how many it added. <paramref name="values"/> fill the event's own placeholders
    /// (<c>{message}</c>, <c>{deadline}</c>, <c>{due}</c>) and may override the others.
    /// </summary>
    public int Queue(NotificationPlan plan, ClaimRef claim, IReadOnlyDictionary<string, string>? values = null,
        string? actorUserId = null, DateTime? due = null)
    {
        if (plan.IsEmpty)
        {
            return 0;
        }

        var texts = new Values(this, plan, claim, values ?? new Dictionary<string, string>(), due);
        var delivered = new HashSet<(string, string)>();
        var count = 0;
        foreach (var rule in plan.Rules.Where(r => r.AppliesTo(claim)))
        {
            if (rule.Recipient == NotificationRecipient.Customer)
            {
                if (CustomerChannel(claim) == rule.Channel && delivered.Add(("customer", rule.Channel))
                    && Deliver(plan, texts, rule.Channel, claim.ContactLanguage, claim.ContactEmail, claim.ContactPhone, null, claim))
                {
                    count++;
                }

                continue;
            }

            foreach (var member in StaffOf(plan, rule, claim).Where(m => m.Id != actorUserId))
            {
                if (delivered.Add((member.Id, rule.Channel))
                    && Deliver(plan, texts, rule.Channel, member.Language, member.Email, null, member.Id, claim))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>
    /// The claimant's channel: the one they prefer, or the other when the preferred one has no address (a claim taken
    /// by phone without a number for SMS still gets its e-mail).
    /// </summary>
    public static string? CustomerChannel(ClaimRef claim) => CustomerChannel(claim.ContactEmail, claim.ContactPhone, claim.PreferredChannel);

    /// <inheritdoc cref="CustomerChannel(ClaimRef)"/>
    public static string? CustomerChannel(string? contactEmail, string? contactPhone, ContactChannel preferred)
    {
        var email = !string.IsNullOrWhiteSpace(contactEmail);
        var sms = Outbox.PhoneNumber(contactPhone) is not null;
        return preferred == ContactChannel.Sms
            ? sms ? NotificationChannel.Sms : email ? NotificationChannel.Email : null
            : email ? NotificationChannel.Email : sms ? NotificationChannel.Sms : null;
    }

    private static IEnumerable<StaffMember> StaffOf(NotificationPlan plan, NotificationRule rule, ClaimRef claim)
    {
        var assignee = plan.Staff.Where(m => m.Id == claim.AssigneeId).ToList();
        var managers = plan.Staff.Where(m => m.Roles.Contains(StaffRole.Manager));
        return rule.Recipient switch
        {
            NotificationRecipient.Assignee => assignee,
            NotificationRecipient.AssigneeOrManagers => claim.AssigneeId is null ? managers : assignee,
            NotificationRecipient.Managers => managers,
            NotificationRecipient.Role => plan.Staff.Where(m => rule.Role is not null && m.Roles.Contains(rule.Role)),
            NotificationRecipient.User => plan.Staff.Where(m => m.Id == rule.UserId),
            _ => [],
        };
    }

    private bool Deliver(NotificationPlan plan, Values values, string channel, string language, string? email, string? phone,
        string? userId, ClaimRef claim)
    {
        var template = plan.Templates.FirstOrDefault(t => t.Channel == channel && t.Language == language)
            ?? plan.Templates.FirstOrDefault(t => t.Channel == channel && t.Language == Language.English);
        if (template is null)
        {
            return false;
        }

        var filled = values.For(language, template);
        var subject = TemplateText.Render(template.Subject, filled).ReplaceLineEndings(" ").Trim();
        var body = TemplateText.Render(template.Body, filled).Trim();
        switch (channel)
        {
            case NotificationChannel.Email when !string.IsNullOrWhiteSpace(email) && System.Net.Mail.MailAddress.TryCreate(email, out _):
                outbox.Email(email, subject, body);
                return true;
            case NotificationChannel.Sms when Outbox.PhoneNumber(phone) is not null:
                outbox.Sms(phone!, body);
                return true;
            case NotificationChannel.InApp when userId is not null:
                db.Notifications.Add(new Notification
                {
                    UserId = userId,
                    ClaimId = claim.Id,
                    Event = plan.Event,
                    Title = TemplateText.Shorten(subject, Notification.MaxTitle),
                    Body = TemplateText.Shorten(body, Notification.MaxBody),
                    Link = ClaimPath(claim.Id),
                    CreatedAt = clock.UtcNow,
                });
                return true;
            default:
                return false;
        }
    }

    /// <summary>The staff user behind an actor (null for the system, an API key or a claimant): the one not told of their own act.</summary>
    public static string? UserOf(Actor actor) => actor.Kind == Actor.UserKind ? actor.Id : null;

    public static string ClaimPath(long claimId) => string.Create(CultureInfo.InvariantCulture, $"/Claims/{claimId}");

    /// <summary>Links in notifications are absolute, within a request or not (the deadline scanner's reminders).</summary>
    private string BaseUrl() => publicAddress.BaseUrl();

    private string Due(DateTime dueAt, CultureInfo culture) => clock.ToLocal(dueAt).ToString("d MMMM yyyy, HH:mm", culture);

    private string Decision(string language, IReadOnlyList<LineOutcome> lines, bool compact) =>
        localizers.In(language, (localizer, _) => DecisionText.Of(localizer, lines, compact));

    private string TrackingLink(long claimId, string baseUrl) => trackingLinks.Issue(claimId, baseUrl);

    private string OrganisationName =>
        string.IsNullOrWhiteSpace(options.Value.Organisation.Name) ? "ClaimDesk" : options.Value.Organisation.Name.Trim();

    /// <summary>The placeholders' values: per language where the text depends on it; a tracking link only when a template asks for one.</summary>
    private sealed class Values(Notifier notifier, NotificationPlan plan, ClaimRef claim, IReadOnlyDictionary<string, string> given, DateTime? due)
    {
        private string? _trackingLink;
        private string? _baseUrl;

        public Dictionary<string, string> For(string language, NotificationTemplate template)
        {
            var culture = CultureInfo.GetCultureInfo(Language.IsSupported(language) ? language : Language.English);
            plan.Statuses.TryGetValue((claim.RegisterId, claim.Status), out var status);
            _baseUrl ??= notifier.BaseUrl();
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [NotificationPlaceholder.Number] = claim.Number,
                [NotificationPlaceholder.Customer] = claim.ContactName,
                [NotificationPlaceholder.Status] = status.Staff?.In(language) ?? claim.Status,
                [NotificationPlaceholder.CustomerStatus] = status.Customer?.In(language) ?? claim.Status,
                [NotificationPlaceholder.Assignee] = plan.Staff.FirstOrDefault(m => m.Id == claim.AssigneeId)?.Name ?? "—",
                [NotificationPlaceholder.ClaimLink] = _baseUrl + ClaimPath(claim.Id),
                [NotificationPlaceholder.Organisation] = notifier.OrganisationName,
            };
            if (due is { } dueAt)
            {
                values[NotificationPlaceholder.Due] = notifier.Due(dueAt, culture);
            }

            foreach (var (name, value) in given)
            {
                values[name] = value;
            }

            if (TemplateText.Uses(template.Subject, NotificationPlaceholder.Decision) || TemplateText.Uses(template.Body, NotificationPlaceholder.Decision))
            {
                values[NotificationPlaceholder.Decision] = notifier.Decision(language, claim.Lines, compact: template.Channel == NotificationChannel.Sms);
            }

            if (TemplateText.Uses(template.Subject, NotificationPlaceholder.TrackingLink) || TemplateText.Uses(template.Body, NotificationPlaceholder.TrackingLink))
            {
                // One fresh link per notification (as each intake e-mail has its own), issued only when a text shows it.
                _trackingLink ??= notifier.TrackingLink(claim.Id, _baseUrl);
                values[NotificationPlaceholder.TrackingLink] = _trackingLink;
            }

            return values;
        }
    }
}
