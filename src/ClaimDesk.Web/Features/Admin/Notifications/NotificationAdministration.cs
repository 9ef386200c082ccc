using System.Globalization;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Localization;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Notifications;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Admin.Notifications;

/// <summary>A rule as the list shows it; <see cref="Target"/> names the role or user where the recipient needs one.</summary>
public sealed record RuleRow(int Id, string Event, string Recipient, string? Target, string Channel, bool Enabled)
{
    /// <summary>The value a claim must be above for the rule to notify of it, with the currency; null: any value.</summary>
    public string? ValueAbove { get; init; }

    public string? CostTotalAbove { get; init; }
}

/// <summary>A new rule as the form posts it.</summary>
public sealed class RuleForm
{
    public string? Event { get; set; }

    public string? Recipient { get; set; }

    public string? Role { get; set; }

    public string? UserId { get; set; }

    public string? Channel { get; set; }

    /// <summary>Notify only of claims whose value is above this amount (the organisation's currency); empty: any value.</summary>
    public string? ValueAbove { get; set; }

    /// <summary>Notify only of claims whose cost total is above this amount; empty: any.</summary>
    public string? CostTotalAbove { get; set; }
}

/// <summary>A template as the editor posts it.</summary>
public sealed class TemplateForm
{
    public string? Subject { get; set; }

    public string? Body { get; set; }
}

/// <summary>
/// Rules and templates for administrators (DESIGN §6). Every change is audited in its transaction; a template with a
/// placeholder its event does not have is refused with the placeholder named, and the form keeps what was typed.
/// </summary>
public sealed class NotificationAdministration(
    AppDbContext db, AuditTrail audit, OrganisationClock clock, IStringLocalizer<SharedResource> localizer, IOptions<ClaimDeskOptions> options,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    /// <summary>Saves an edit, and makes this node read the rules and templates afresh for the next notification.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        ClaimDesk.Web.Features.Notifications.Notifier.Forget(cache);
    }

    public async Task<IReadOnlyList<RuleRow>> RulesAsync(CancellationToken cancellationToken = default)
    {
        var rules = await db.NotificationRules.AsNoTracking().ToListAsync(cancellationToken);
        var userIds = rules.Where(r => r.UserId is not null).Select(r => r.UserId!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. rules
            .OrderBy(r => NotificationEvent.All.ToList().IndexOf(r.Event)).ThenBy(r => r.Id)
            .Select(r => new RuleRow(r.Id, r.Event, r.Recipient,
                r.Recipient == NotificationRecipient.Role ? localizer[r.Role ?? ""]
                : r.Recipient == NotificationRecipient.User ? names.GetValueOrDefault(r.UserId ?? "", r.UserId ?? "") : null,
                r.Channel, r.Enabled)
            {
                ValueAbove = r.ValueAbove is { } value ? AmountText.Show(value, options.Value.Organisation.Currency) : null,
                CostTotalAbove = r.CostTotalAbove is { } cost ? AmountText.Show(cost, options.Value.Organisation.Currency) : null,
            })];
    }

    /// <summary>Active staff users by id with their names, for a rule that names one user.</summary>
    public Task<Dictionary<string, string>> StaffAsync(CancellationToken cancellationToken = default)
    {
        var staffRoles = StaffRole.Staff.ToList();
        return db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && staffRoles.Contains(r.Name!))))
            .OrderBy(u => u.DisplayName)
            .ToDictionaryAsync(u => u.Id, u => $"{u.DisplayName} <{u.Email}>", cancellationToken);
    }

    /// <summary>Adds a rule; returns the errors by field (none: it was saved and audited).</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> AddRuleAsync(RuleForm form, CancellationToken cancellationToken = default)
    {
        var errors = new List<(string, string)>();
        if (!NotificationEvent.IsKnown(form.Event))
        {
            errors.Add(("Rule.Event", localizer["Choose an event."]));
        }

        if (!NotificationRecipient.IsKnown(form.Recipient))
        {
            errors.Add(("Rule.Recipient", localizer["Choose who is notified."]));
        }

        if (!NotificationChannel.IsKnown(form.Channel))
        {
            errors.Add(("Rule.Channel", localizer["Choose a channel."]));
        }

        if (errors.Count == 0 && !NotificationDefaults.Allows(form.Event!, form.Recipient!, form.Channel!))
        {
            errors.Add(("Rule.Channel", form.Recipient == NotificationRecipient.Customer
                ? localizer["The claimant is told of status changes only, by e-mail or SMS (whichever they prefer)."]
                : localizer["Staff are told by e-mail or in the application; of status changes in the application only."]));
        }

        var role = form.Recipient == NotificationRecipient.Role ? form.Role?.Trim() : null;
        if (form.Recipient == NotificationRecipient.Role && !StaffRole.Staff.Contains(role ?? ""))
        {
            errors.Add(("Rule.Role", localizer["Choose a staff role."]));
        }

        var userId = form.Recipient == NotificationRecipient.User ? form.UserId?.Trim() : null;
        if (form.Recipient == NotificationRecipient.User && (userId is null || !(await StaffAsync(cancellationToken)).ContainsKey(userId)))
        {
            errors.Add(("Rule.UserId", localizer["Choose an active staff member."]));
        }

        var amountErrors = new List<Core.Claims.FieldError>();
        var valueAbove = AmountText.Parse(form.ValueAbove, "Rule.ValueAbove", amountErrors);
        var costTotalAbove = AmountText.Parse(form.CostTotalAbove, "Rule.CostTotalAbove", amountErrors);
        errors.AddRange(amountErrors.Select(e => (e.Field, localizer[e.Message, e.Arguments].Value)));
        if (errors.Count > 0)
        {
            return errors;
        }

        var rule = new NotificationRule
        {
            Event = form.Event!, Recipient = form.Recipient!, Role = role, UserId = userId, Channel = form.Channel!, Enabled = true,
            ValueAbove = valueAbove, CostTotalAbove = costTotalAbove,
        };
        db.NotificationRules.Add(rule);
        await SaveAsync(cancellationToken);
        audit.Record(NotificationRule.EntityType, Id(rule.Id), "created", "rule", null, Describe(rule));
        await SaveAsync(cancellationToken);
        return [];
    }

    /// <summary>Turns a rule on or off; false when there is no such rule.</summary>
    public async Task<bool> SetEnabledAsync(int id, bool enabled, CancellationToken cancellationToken = default)
    {
        var rule = await db.NotificationRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        if (rule.Enabled != enabled)
        {
            audit.Record(NotificationRule.EntityType, Id(id), "updated", "enabled", Yes(rule.Enabled), Yes(enabled));
            rule.Enabled = enabled;
            await SaveAsync(cancellationToken);
        }

        return true;
    }

    public async Task<bool> DeleteRuleAsync(int id, CancellationToken cancellationToken = default)
    {
        var rule = await db.NotificationRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        db.NotificationRules.Remove(rule);
        audit.Record(NotificationRule.EntityType, Id(id), "deleted", "rule", Describe(rule), null);
        await SaveAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether the administration edits a template for this event, channel and language.</summary>
    public static bool IsTemplate(string? ev, string? channel, string? language) =>
        NotificationDefaults.TemplatePairs.Contains((ev ?? "", channel ?? "")) && Language.IsSupported(language);

    public Task<NotificationTemplate?> TemplateAsync(string ev, string channel, string language, CancellationToken cancellationToken = default) =>
        db.NotificationTemplates.AsNoTracking()
            .SingleOrDefaultAsync(t => t.Event == ev && t.Channel == channel && t.Language == language, cancellationToken);

    /// <summary>The errors of a template form, by field; none when it may be saved.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate(string ev, string channel, TemplateForm form)
    {
        var errors = new List<(string, string)>();
        var known = NotificationEvent.Placeholders(ev);
        var subject = form.Subject?.Trim() ?? "";
        var body = form.Body?.Trim() ?? "";
        if (channel != NotificationChannel.Sms && subject.Length == 0)
        {
            errors.Add(("Form.Subject", localizer["This field is required."]));
        }

        if (subject.Length > NotificationTemplate.MaxSubject)
        {
            errors.Add(("Form.Subject", localizer["At most {0} characters; this has {1}.", NotificationTemplate.MaxSubject, subject.Length]));
        }

        if (body.Length == 0)
        {
            errors.Add(("Form.Body", localizer["This field is required."]));
        }

        if (body.Length > NotificationTemplate.MaxBody)
        {
            errors.Add(("Form.Body", localizer["At most {0} characters; this has {1}.", NotificationTemplate.MaxBody, body.Length]));
        }

        foreach (var (field, text) in (ReadOnlySpan<(string, string)>)[("Form.Subject", subject), ("Form.Body", body)])
        {
            foreach (var unknown in TemplateText.Unknown(text, known))
            {
                errors.Add((field, localizer["{0} is not a placeholder of this event. Use one of: {1}.", $"{{{unknown}}}",
                    string.Join(", ", known.Select(k => $"{{{k}}}"))]));
            }
        }

        return errors;
    }

    /// <summary>Saves a valid template (audited: old and new text); errors otherwise, with nothing saved.</summary>
    public async Task<IReadOnlyList<(string Field, string Message)>> SaveTemplateAsync(
        string ev, string channel, string language, TemplateForm form, CancellationToken cancellationToken = default)
    {
        var errors = Validate(ev, channel, form);
        if (errors.Count > 0)
        {
            return errors;
        }

        var template = await db.NotificationTemplates
            .SingleOrDefaultAsync(t => t.Event == ev && t.Channel == channel && t.Language == language, cancellationToken);
        if (template is null)
        {
            template = new NotificationTemplate { Event = ev, Channel = channel, Language = language };
            db.NotificationTemplates.Add(template);
        }

        var subject = channel == NotificationChannel.Sms ? "" : form.Subject!.Trim();
        var body = form.Body!.Trim().ReplaceLineEndings("\n");
        var id = $"{ev}/{channel}/{language}";
        audit.RecordChange(NotificationTemplate.EntityType, id, "subject", template.Subject, subject);
        audit.RecordChange(NotificationTemplate.EntityType, id, "body", template.Body, body);
        template.Subject = subject;
        template.Body = body;
        template.UpdatedAt = clock.UtcNow;
        await SaveAsync(cancellationToken);
        return [];
    }

    /// <summary>The last changes of a template, newest first.</summary>
    public Task<List<AuditEvent>> TemplateHistoryAsync(string ev, string channel, string language, CancellationToken cancellationToken = default)
    {
        var id = $"{ev}/{channel}/{language}";
        return db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == NotificationTemplate.EntityType && e.EntityId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(20)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The template filled in for a sample claim, as a recipient speaking <paramref name="language"/> would get it.</summary>
    public (string Subject, string Body) Preview(string ev, string language, TemplateForm form)
    {
        // A status a claim is in while it is being worked on, from the workflow a new installation starts with.
        var sample = DefaultWorkflows.Create()[0].Workflow.Statuses.FirstOrDefault(s => s.Category == StatusCategory.Open && !s.IsInitial);
        var statusLabel = sample?.StaffLabel ?? new LocalizedText("In review", "", "");
        var customerLabel = sample?.CustomerLabel ?? statusLabel;
        var culture = CultureInfo.GetCultureInfo(language);
        var baseUrl = (options.Value.Intake.PublicUrl ?? "").Trim().TrimEnd('/');
        baseUrl = baseUrl.Length == 0 ? "https://claims.example.com" : baseUrl;
        var values = new Dictionary<string, string>
        {
            [NotificationPlaceholder.Number] = $"RMA-{clock.Today.Year}-000123",
            [NotificationPlaceholder.Customer] = language switch { Language.Czech => "Jana Nováková", Language.Polish => "Jan Kowalski", _ => "Jane Smith" },
            [NotificationPlaceholder.Status] = statusLabel.In(language),
            [NotificationPlaceholder.CustomerStatus] = customerLabel.In(language),
            [NotificationPlaceholder.Assignee] = "Anna Nowak",
            [NotificationPlaceholder.TrackingLink] = $"{baseUrl}/track/Xy7…",
            [NotificationPlaceholder.ClaimLink] = $"{baseUrl}/Claims/123",
            [NotificationPlaceholder.Organisation] = string.IsNullOrWhiteSpace(options.Value.Organisation.Name) ? "ClaimDesk" : options.Value.Organisation.Name.Trim(),
            [NotificationPlaceholder.Message] = localizer["The washing machine still does not spin."],
            [NotificationPlaceholder.Deadline] = localizer["Response to the consumer"],
            [NotificationPlaceholder.Due] = clock.ToLocal(clock.UtcNow.AddDays(2)).ToString("d MMMM yyyy, HH:mm", culture),
            [NotificationPlaceholder.Decision] = DecisionText.Of(localizer,
                [new LineOutcome($"RMA-{clock.Today.Year}-000123-01", "Amica PA-612", Core.Claims.LineDecision.Rejected, localizer["The damage was caused by a fall."])],
                compact: false),
        };
        return (TemplateText.Render(form.Subject ?? "", values).ReplaceLineEndings(" ").Trim(), TemplateText.Render(form.Body ?? "", values).Trim());
    }

    private static string Describe(NotificationRule rule) =>
        $"{rule.Event} → {rule.Recipient}{(rule.Role ?? rule.UserId) switch { null => "", var target => $" ({target})" }} · {rule.Channel}"
        + (rule.ValueAbove is { } value ? $" · value>{AmountText.Edit(value)}" : "")
        + (rule.CostTotalAbove is { } cost ? $" · costTotal>{AmountText.Edit(cost)}" : "");

    private static string Yes(bool value) => value ? "yes" : "no";

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
