using System.Globalization;
using ClaimDesk.Core.Approvals;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Approvals;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ClaimDesk.Web.Features.Admin.Approvals;

/// <summary>An approval rule as typed on the page: amounts stay text, so what was typed comes back unchanged.</summary>
public sealed class ApprovalRuleForm
{
    public string? Name { get; set; }

    public string? Register { get; set; }

    public string? ValueAbove { get; set; }

    public string? CostTotalAbove { get; set; }

    /// <summary><c>acceptance</c> or <c>rejection</c>.</summary>
    public string? Decision { get; set; } = "acceptance";

    public List<string> Roles { get; set; } = [StaffRole.Manager];
}

/// <summary>
/// Approval rules, for administrators: checked, audited (entity <c>approval_rule</c>) and taken into use at once on
/// this node (the rules' cache is dropped) and within <see cref="ApprovalRules.CacheFor"/> on the others.
/// </summary>
public sealed class ApprovalAdministration(AppDbContext db, AuditTrail audit, IMemoryCache cache, TimeProvider clock)
{
    public async Task<IReadOnlyList<FieldError>> AddRuleAsync(ApprovalRuleForm form, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var name = form.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors.Add(new FieldError("rule.name", "Give a name of at most {0} characters.", 100));
        }
        else if (await db.ApprovalRules.AnyAsync(r => r.Name == name, cancellationToken))
        {
            errors.Add(new FieldError("rule.name", "There is already a rule '{0}'.", name));
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

        var value = AmountText.Parse(form.ValueAbove, "rule.valueAbove", errors);
        var cost = AmountText.Parse(form.CostTotalAbove, "rule.costTotalAbove", errors);
        if (value is null && cost is null && !errors.Any(e => e.Field is "rule.valueAbove" or "rule.costTotalAbove"))
        {
            errors.Add(new FieldError("rule.valueAbove", "Give the value or the cost total above which the rule applies."));
        }

        if (!Codes.TryParse<ApprovalDecision>(form.Decision, out var decision))
        {
            errors.Add(new FieldError("rule.decision", "Choose the decision the rule is about."));
        }

        var roles = StaffRole.Staff.Where(form.Roles.Contains).ToList();
        if (roles.Count == 0)
        {
            errors.Add(new FieldError("rule.roles", "Choose at least one role."));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var rule = db.ApprovalRules.Add(new ApprovalRule
        {
            Name = name, RegisterId = registerId, ValueAbove = value, CostTotalAbove = cost, Decision = decision, Roles = roles,
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(ApprovalRule.EntityType, Id(rule.Id), "created", "rule", null, Describe(rule, form.Register));
        await SaveAsync(cancellationToken);
        return [];
    }

    public async Task<bool> SetEnabledAsync(int id, bool enabled, CancellationToken cancellationToken = default)
    {
        var rule = await db.ApprovalRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        if (rule.Enabled != enabled)
        {
            audit.RecordChange(ApprovalRule.EntityType, Id(id), "enabled", rule.Enabled ? "yes" : "no", enabled ? "yes" : "no");
            rule.Enabled = enabled;
            rule.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await SaveAsync(cancellationToken);
        }

        return true;
    }

    public async Task<bool> DeleteRuleAsync(int id, CancellationToken cancellationToken = default)
    {
        var rule = await db.ApprovalRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return false;
        }

        db.ApprovalRules.Remove(rule);
        audit.Record(ApprovalRule.EntityType, Id(id), "deleted", "rule", rule.Name, null);
        await SaveAsync(cancellationToken);
        return true;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        ApprovalRules.Forget(cache);
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The rule as the audit records it, e.g. <c>Big claims; value&gt;5000.00; acceptance; roles=Manager</c>.</summary>
    private static string Describe(ApprovalRule rule, string? register) =>
        string.Join("; ", new[]
        {
            rule.Name, register is null ? null : $"register={register}",
            rule.ValueAbove is { } value ? $"value>{AmountText.Edit(value)}" : null,
            rule.CostTotalAbove is { } cost ? $"costTotal>{AmountText.Edit(cost)}" : null,
            Codes.Of(rule.Decision), $"roles={string.Join(",", rule.Roles)}",
        }.OfType<string>());
}
