using ClaimDesk.Core.Common;

namespace ClaimDesk.Core.Deadlines;

/// <summary>
/// What a deadline's rule id says: the kind of deadline and, for an SLA deadline, the policy's name
/// (<c>sla:VIP:resolution</c> → SLA resolution of policy "VIP"; <c>PL-CONS-RESP-2023</c> → statutory response).
/// </summary>
public sealed record DeadlineRuleId(DeadlineKind Kind, string? PolicyName, DeadlineRule? Statutory)
{
    private const string SlaPrefix = "sla:";

    /// <summary>The kind a statutory rule's deadline is of.</summary>
    public static DeadlineKind KindOf(DeadlineRule rule) =>
        rule.Measures == DeadlineMeasure.Response ? DeadlineKind.StatutoryResponse : DeadlineKind.StatutoryResolution;

    /// <summary>The kind an SLA target's deadline is of.</summary>
    public static DeadlineKind KindOf(SlaTarget target) => target switch
    {
        SlaTarget.FirstResponse => DeadlineKind.SlaFirstResponse,
        SlaTarget.Decision => DeadlineKind.SlaDecision,
        _ => DeadlineKind.SlaResolution,
    };

    /// <summary>The id read back, or null for an id no rule or policy writes.</summary>
    public static DeadlineRuleId? Read(string? ruleId)
    {
        if (ruleId is null)
        {
            return null;
        }

        // The policy's name may hold colons; the target never does.
        var last = ruleId.LastIndexOf(':');
        if (ruleId.StartsWith(SlaPrefix, StringComparison.Ordinal) && last > SlaPrefix.Length
            && Codes.TryParse<SlaTarget>(ruleId[(last + 1)..], out var target))
        {
            return new DeadlineRuleId(KindOf(target), ruleId[SlaPrefix.Length..last], null);
        }

        return StatutoryRules.All.FirstOrDefault(r => r.Id == ruleId) is { } rule ? new DeadlineRuleId(KindOf(rule), null, rule) : null;
    }
}
