using System.Globalization;
using ClaimDesk.Core.Assignment;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Assignment;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ClaimDesk.Web.Features.Admin.Assignment;

/// <summary>A team as typed on the page.</summary>
public sealed class TeamForm
{
    public int? Id { get; set; }

    public string? Name { get; set; }

    public List<string> Members { get; set; } = [];
}

/// <summary>A rule as typed on the page: numbers stay text, so what was typed comes back unchanged.</summary>
public sealed class RuleForm
{
    public string? Name { get; set; }

    public string? Order { get; set; } = "100";

    public string? Register { get; set; }

    public string? Category { get; set; }

    public string? CustomerTier { get; set; }

    public string? ProductGroup { get; set; }

    /// <summary>The claim's value must be above this amount (the organisation's currency); empty: any value.</summary>
    public string? ValueAbove { get; set; }

    /// <summary>The claim's cost total must be above this amount; empty: any.</summary>
    public string? CostTotalAbove { get; set; }

    /// <summary><c>user:&lt;id&gt;</c> or <c>team:&lt;id&gt;</c>.</summary>
    public string? Target { get; set; }
}

/// <summary>
/// Teams and auto-assignment rules, for administrators: checked, audited (entity <c>team</c> / <c>assignment_rule</c>),
/// and taken into use at once on this node (the rules' cache is dropped) and within
/// <see cref="AutoAssignment.CacheFor"/> on the others.
/// </summary>
public sealed class AssignmentAdministration(AppDbContext db, AuditTrail audit, IMemoryCache cache, TimeProvider clock)
{
    public const string TeamEntity = "team";
    public const string RuleEntity = "assignment_rule";

    public async Task<IReadOnlyList<FieldError>> SaveTeamAsync(TeamForm form, CancellationToken cancellationToken = default)
    {
        var name = form.Name?.Trim() ?? "";
        var staff = await StaffDirectory.NamesAsync(db, cancellationToken);
        var members = form.Members.Where(staff.ContainsKey).Distinct().ToList();
        var errors = new List<FieldError>();
        if (name.Length is 0 or > 100)
        {
            errors.Add(new FieldError("team.name", "Give a name of at most {0} characters.", 100));
        }
        else if (await db.Teams.AnyAsync(t => t.Name == name && t.Id != form.Id, cancellationToken))
        {
            errors.Add(new FieldError("team.name", "There is already a team '{0}'.", name));
        }

        if (members.Count == 0)
        {
            errors.Add(new FieldError("team.members", "Choose at least one member."));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var team = form.Id is { } id ? await db.Teams.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) : null;
        if (form.Id is not null && team is null)
        {
            return [new FieldError("team.name", "The team no longer exists.")];
        }

        var before = team is null ? null : string.Join(", ", team.Members.Select(m => staff.GetValueOrDefault(m, m)));
        team ??= db.Teams.Add(new Team()).Entity;
        team.Name = name;
        team.Members = members;
        team.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(TeamEntity, team.Id.ToString(CultureInfo.InvariantCulture), before is null ? "created" : "updated", "members", before,
            $"{name}: {string.Join(", ", members.Select(m => staff[m]))}");
        await SaveAsync(cancellationToken);
        return [];
    }

    public async Task<IReadOnlyList<FieldError>> AddRuleAsync(RuleForm form, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var name = form.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors.Add(new FieldError("rule.name", "Give a name of at most {0} characters.", 100));
        }

        if (!int.TryParse(form.Order, NumberStyles.Integer, CultureInfo.InvariantCulture, out var order) || order is < 0 or > 100_000)
        {
            errors.Add(new FieldError("rule.order", "Enter a whole number from {0} to {1}.", 0, 100_000));
        }

        int? registerId = null;
        if (!string.IsNullOrEmpty(form.Register))
        {
            registerId = await db.Registers.Where(r => r.Code == form.Register).Select(r => (int?)r.Id).SingleOrDefaultAsync(cancellationToken);
            if (registerId is null)
            {
                errors.Add(new FieldError("rule.register", "There is no register '{0}'.", form.Register));
            }
        }

        ClaimCategory? category = null;
        if (!string.IsNullOrEmpty(form.Category))
        {
            if (Codes.TryParse<ClaimCategory>(form.Category, out var parsed))
            {
                category = parsed;
            }
            else
            {
                errors.Add(new FieldError("rule.category", "Choose a category from the list."));
            }
        }

        var tier = string.IsNullOrWhiteSpace(form.CustomerTier) ? null : form.CustomerTier.Trim();
        var group = string.IsNullOrWhiteSpace(form.ProductGroup) ? null : form.ProductGroup.Trim();
        if (tier?.Length > 40 || group?.Length > 100)
        {
            errors.Add(new FieldError(tier?.Length > 40 ? "rule.customerTier" : "rule.productGroup", "At most {0} characters; this has {1}.",
                tier?.Length > 40 ? 40 : 100, tier?.Length > 40 ? tier.Length : group!.Length));
        }

        var valueAbove = AmountText.Parse(form.ValueAbove, "rule.valueAbove", errors);
        var costTotalAbove = AmountText.Parse(form.CostTotalAbove, "rule.costTotalAbove", errors);
        string? userId = null;
        int? teamId = null;
        var staff = await StaffDirectory.NamesAsync(db, cancellationToken);
        switch (form.Target?.Split(':', 2))
        {
            case ["user", var id] when staff.ContainsKey(id):
                userId = id;
                break;
            case ["team", var id] when int.TryParse(id, CultureInfo.InvariantCulture, out var team) && await db.Teams.AnyAsync(t => t.Id == team, cancellationToken):
                teamId = team;
                break;
            default:
                errors.Add(new FieldError("rule.target", "Choose the person or team the claims go to."));
                break;
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var rule = db.AssignmentRules.Add(new AssignmentRule
        {
            Name = name, Order = order, RegisterId = registerId, Category = category, CustomerTier = tier, ProductGroup = group,
            ValueAbove = valueAbove, CostTotalAbove = costTotalAbove, UserId = userId, TeamId = teamId, UpdatedAt = clock.GetUtcNow().UtcDateTime,
        }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(RuleEntity, rule.Id.ToString(CultureInfo.InvariantCulture), "created", "rule", null, Describe(rule, form.Register, staff));
        await SaveAsync(cancellationToken);
        return [];
    }

    public async Task<bool> SetEnabledAsync(int id, bool enabled, CancellationToken cancellationToken = default)
    {
        var rule = await db.AssignmentRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        if (rule.Enabled != enabled)
        {
            audit.RecordChange(RuleEntity, id.ToString(CultureInfo.InvariantCulture), "enabled", rule.Enabled ? "yes" : "no", enabled ? "yes" : "no");
            rule.Enabled = enabled;
            rule.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await SaveAsync(cancellationToken);
        }

        return true;
    }

    public async Task<bool> DeleteRuleAsync(int id, CancellationToken cancellationToken = default)
    {
        var rule = await db.AssignmentRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        db.AssignmentRules.Remove(rule);
        audit.Record(RuleEntity, id.ToString(CultureInfo.InvariantCulture), "deleted", "rule", rule.Name, null);
        await SaveAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes a team and the rules that hand claims to it.</summary>
    public async Task<bool> DeleteTeamAsync(int id, CancellationToken cancellationToken = default)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return false;
        }

        db.Teams.Remove(team);
        audit.Record(TeamEntity, id.ToString(CultureInfo.InvariantCulture), "deleted", "team", team.Name, null);
        await SaveAsync(cancellationToken);
        return true;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        AutoAssignment.Forget(cache);
    }

    private static string Describe(AssignmentRule rule, string? register, IReadOnlyDictionary<string, string> staff) =>
        string.Join("; ", new[]
        {
            rule.Name, register is null ? null : $"register={register}", rule.Category is { } c ? $"category={Codes.Of(c)}" : null,
            rule.CustomerTier is null ? null : $"tier={rule.CustomerTier}", rule.ProductGroup is null ? null : $"group={rule.ProductGroup}",
            rule.ValueAbove is { } value ? $"value>{AmountText.Edit(value)}" : null,
            rule.CostTotalAbove is { } cost ? $"costTotal>{AmountText.Edit(cost)}" : null,
            rule.UserId is { } u ? $"user={staff.GetValueOrDefault(u, u)}" : $"team={rule.TeamId}",
        }.OfType<string>());
}
