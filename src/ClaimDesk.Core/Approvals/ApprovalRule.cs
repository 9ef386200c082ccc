using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Core.Approvals;

/// <summary>The decision an approval rule reserves for some roles.</summary>
public enum ApprovalDecision
{
    /// <summary>Entering a status whose decision is accepted, or accepting a line.</summary>
    Acceptance,

    /// <summary>Entering a status whose decision is rejected, or rejecting a line.</summary>
    Rejection,
}

/// <summary>What an approval rule looks at in a claim; amounts in the organisation's currency.</summary>
public sealed record ApprovalFacts(int RegisterId, decimal Value, decimal CostTotal);

/// <summary>
/// An approval rule (issue 13): the claims it picks — of a register or of all, worth more than an amount, with costs
/// totalling more than an amount (every condition given must hold, at least one amount is given) — may be accepted
/// (or rejected) only by someone holding one of <see cref="Roles"/>. Administrators are never held back, nor is the
/// system. Every enabled rule applies: the act must satisfy all that pick the claim.
/// </summary>
public sealed class ApprovalRule
{
    public const string EntityType = "approval_rule";

    public int Id { get; set; }

    public string Name { get; set; } = "";

    public bool Enabled { get; set; } = true;

    public int? RegisterId { get; set; }

    /// <summary>Picks a claim whose value is above this amount.</summary>
    public decimal? ValueAbove { get; set; }

    /// <summary>Picks a claim whose cost total is above this amount.</summary>
    public decimal? CostTotalAbove { get; set; }

    public ApprovalDecision Decision { get; set; } = ApprovalDecision.Acceptance;

    /// <summary>The staff roles that may make the decision on the claims the rule picks.</summary>
    public List<string> Roles { get; set; } = [];

    public DateTime UpdatedAt { get; set; }

    /// <summary>Whether the rule picks the claim for <paramref name="decision"/>.</summary>
    public bool Matches(ApprovalFacts facts, ApprovalDecision decision) =>
        Enabled
        && Decision == decision
        && (ValueAbove is not null || CostTotalAbove is not null)
        && (RegisterId is null || RegisterId == facts.RegisterId)
        && Amounts.Above(facts.Value, ValueAbove)
        && Amounts.Above(facts.CostTotal, CostTotalAbove);

    /// <summary>Whether someone with <paramref name="roles"/> may make the rule's decision.</summary>
    public bool Allows(IReadOnlyCollection<string> roles) =>
        roles.Contains(StaffRole.Administrator) || Roles.Any(roles.Contains);

    /// <summary>The first rule (by id) that picks the claim for one of <paramref name="decisions"/> and does not allow <paramref name="roles"/>.</summary>
    public static ApprovalRule? Refusing(
        IEnumerable<ApprovalRule> rules, ApprovalFacts facts, IReadOnlyCollection<ApprovalDecision> decisions, IReadOnlyCollection<string> roles) =>
        rules.OrderBy(r => r.Id).FirstOrDefault(r => decisions.Any(d => r.Matches(facts, d)) && !r.Allows(roles));

    /// <summary>
    /// What moving <paramref name="claim"/> to <paramref name="to"/> decides: acceptance when the target status's
    /// decision is accepted or a line sent along is accepted anew, rejection likewise. Nothing for a move the workflow
    /// or the actor's role does not allow (the claim refuses it with its own reason).
    /// </summary>
    public static IReadOnlySet<ApprovalDecision> DecisionsOfMove(Claim claim, Workflow workflow, string to, TransitionInput input, Actor actor)
    {
        var decisions = new HashSet<ApprovalDecision>();
        var transition = workflow.Transition(claim.Status, to);
        if (transition is null || !transition.AllowedRoles.Any(actor.Roles.Contains) || workflow.Status(to) is not { } target)
        {
            return decisions;
        }

        bool Anew(LineDecision decision) =>
            input.Lines.Any(l => l.Decision == decision && claim.Lines.Any(c => c.LineNo == l.LineNo && c.Decision != decision));
        if (target.Decision == StatusDecision.Accepted || Anew(LineDecision.Accepted))
        {
            decisions.Add(ApprovalDecision.Acceptance);
        }

        if (target.Decision == StatusDecision.Rejected || Anew(LineDecision.Rejected))
        {
            decisions.Add(ApprovalDecision.Rejection);
        }

        return decisions;
    }

    /// <summary>
    /// What deciding line <paramref name="lineNo"/> decides: its acceptance or rejection, when the line exists, the
    /// claim is not closed and the line does not have that decision already.
    /// </summary>
    public static IReadOnlySet<ApprovalDecision> DecisionsOfLine(Claim claim, Workflow workflow, int lineNo, LineDecision decision)
    {
        var line = claim.Lines.FirstOrDefault(l => l.LineNo == lineNo);
        if (line is null || line.Decision == decision || workflow.Status(claim.Status)?.Category == StatusCategory.Closed)
        {
            return new HashSet<ApprovalDecision>();
        }

        return decision switch
        {
            LineDecision.Accepted => new HashSet<ApprovalDecision> { ApprovalDecision.Acceptance },
            LineDecision.Rejected => new HashSet<ApprovalDecision> { ApprovalDecision.Rejection },
            _ => new HashSet<ApprovalDecision>(),
        };
    }

    /// <summary>
    /// Refuses (<see cref="Refusal.Forbidden"/>, on <paramref name="field"/>) an act that makes <paramref name="decisions"/>
    /// on a claim a rule reserves for roles the actor lacks, naming the amount, the roles and the rule; done otherwise.
    /// <paramref name="currency"/> is the organisation's, e.g. <c>PLN</c>.
    /// </summary>
    public static ClaimOutcome Check(
        IEnumerable<ApprovalRule> rules, ApprovalFacts facts, IReadOnlyCollection<ApprovalDecision> decisions, Actor actor, string field, string currency)
    {
        if (decisions.Count == 0 || Refusing(rules, facts, decisions, actor.Roles) is not { } rule)
        {
            return ClaimOutcome.Done;
        }

        var roles = string.Join(", ", rule.Roles);
        var outcome = (rule.Decision, rule.ValueAbove, rule.CostTotalAbove) switch
        {
            (ApprovalDecision.Acceptance, { } value, null) => ClaimOutcome.Refuse(Refusal.Forbidden, field,
                "Claims worth more than {0:N2} {1} can be accepted only by: {2} (rule '{3}').", value, currency, roles, rule.Name),
            (ApprovalDecision.Acceptance, null, { } cost) => ClaimOutcome.Refuse(Refusal.Forbidden, field,
                "Claims whose costs total more than {0:N2} {1} can be accepted only by: {2} (rule '{3}').", cost, currency, roles, rule.Name),
            (ApprovalDecision.Acceptance, { } value, { } cost) => ClaimOutcome.Refuse(Refusal.Forbidden, field,
                "Claims worth more than {0:N2} {1} with costs totalling more than {4:N2} {1} can be accepted only by: {2} (rule '{3}').",
                value, currency, roles, rule.Name, cost),
            (_, { } value, null) => ClaimOutcome.Refuse(Refusal.Forbidden, field,
                "Claims worth more than {0:N2} {1} can be rejected only by: {2} (rule '{3}').", value, currency, roles, rule.Name),
            (_, null, { } cost) => ClaimOutcome.Refuse(Refusal.Forbidden, field,
                "Claims whose costs total more than {0:N2} {1} can be rejected only by: {2} (rule '{3}').", cost, currency, roles, rule.Name),
            (_, var value, var cost) => ClaimOutcome.Refuse(Refusal.Forbidden, field,
                "Claims worth more than {0:N2} {1} with costs totalling more than {4:N2} {1} can be rejected only by: {2} (rule '{3}').",
                value ?? 0m, currency, roles, rule.Name, cost ?? 0m),
        };
        return outcome with { Allowed = rule.Roles };
    }
}
