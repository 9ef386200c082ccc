using System.Globalization;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Core.Claims;

/// <summary>
/// A claim's costs (issue 13): lines of the claim or of one item, each addition, change and removal audited and raising
/// <see cref="CostsChanged"/>. <see cref="CostTotal"/> follows them.
/// </summary>
public sealed partial class Claim
{
    private readonly List<ClaimCost> _costs = [];

    /// <summary>The claim's cost lines, loaded with the claim when asked for.</summary>
    public IReadOnlyList<ClaimCost> Costs => _costs;

    /// <summary>
    /// The sum of the costs in the organisation's currency (<c>ClaimDesk:Organisation:Currency</c>, default PLN), whoever
    /// bears them, kept in the claim's row so that lists and rules can use it; costs in other currencies are totalled
    /// apart (on the card and in the API), never converted.
    /// </summary>
    public decimal CostTotal { get; private set; }

    /// <summary>The audit field of a change to a cost: <c>cost 12 amount</c>.</summary>
    public static string CostField(long costId, string field) => $"cost {costId.ToString(CultureInfo.InvariantCulture)} {field}";

    /// <summary>
    /// Adds a cost line, checked (<see cref="CostRules.Check"/>); <paramref name="currency"/> is the organisation's, taken
    /// when the cost names none, and the one <see cref="CostTotal"/> is kept in. Needs the costs loaded.
    /// </summary>
    public (ClaimOutcome Outcome, ClaimCost? Cost) AddCost(Workflow workflow, CostInput input, string currency, Actor actor, DateTime now, ChangeLog log)
    {
        var allowed = MayWork(workflow, actor, costs: true);
        if (!allowed.Succeeded)
        {
            return (allowed, null);
        }

        var (facts, refusal) = CostRules.Check(input, currency, Lines);
        if (refusal is not null)
        {
            return (refusal, null);
        }

        var cost = new ClaimCost
        {
            ClaimId = Id,
            LineNo = facts.LineNo,
            Kind = facts.Kind,
            Description = facts.Description,
            Amount = facts.Amount,
            Currency = facts.Currency,
            BorneBy = facts.BorneBy,
            GlAccount = facts.GlAccount,
            CreatedAt = now,
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
        };
        _costs.Add(cost);
        log.Add(new Change(EntityType, IdText, "cost_added", "cost", null, CostRules.Describe(cost)));
        CostsUpdated(currency, now, log);
        return (ClaimOutcome.Done, cost);
    }

    /// <summary>Changes a cost line; every field that changes is audited on its own (<c>cost 12 amount</c>).</summary>
    public ClaimOutcome ChangeCost(Workflow workflow, long costId, CostInput input, string currency, Actor actor, DateTime now, ChangeLog log)
    {
        var allowed = MayWork(workflow, actor, costs: true);
        if (!allowed.Succeeded)
        {
            return allowed;
        }

        var cost = _costs.SingleOrDefault(c => c.Id == costId);
        if (cost is null)
        {
            return ClaimOutcome.Refuse(Refusal.NotFound, "costId", "The claim has no cost {0}.", costId);
        }

        var (facts, refusal) = CostRules.Check(input, currency, Lines);
        if (refusal is not null)
        {
            return refusal;
        }

        var before = log.Changes.Count;
        void Field(string field, string? old, string? value) => log.Field(EntityType, IdText, CostField(costId, field), old, value);
        Field("line", cost.LineNo?.ToString(CultureInfo.InvariantCulture), facts.LineNo?.ToString(CultureInfo.InvariantCulture));
        Field("kind", Codes.Of(cost.Kind), Codes.Of(facts.Kind));
        Field("description", cost.Description, facts.Description);
        Field("amount", AuditAmount(cost.Amount), AuditAmount(facts.Amount));
        Field("currency", cost.Currency, facts.Currency);
        Field("borne_by", Codes.Of(cost.BorneBy), Codes.Of(facts.BorneBy));
        Field("gl_account", cost.GlAccount, facts.GlAccount);
        if (log.Changes.Count == before)
        {
            return ClaimOutcome.Done;
        }

        (cost.LineNo, cost.Kind, cost.Description, cost.Amount, cost.Currency, cost.BorneBy, cost.GlAccount) =
            (facts.LineNo, facts.Kind, facts.Description, facts.Amount, facts.Currency, facts.BorneBy, facts.GlAccount);
        CostsUpdated(currency, now, log);
        return ClaimOutcome.Done;
    }

    /// <summary>Removes a cost line; the audit keeps what it was.</summary>
    public ClaimOutcome RemoveCost(Workflow workflow, long costId, string currency, Actor actor, DateTime now, ChangeLog log)
    {
        var allowed = MayWork(workflow, actor, costs: true);
        if (!allowed.Succeeded)
        {
            return allowed;
        }

        var cost = _costs.SingleOrDefault(c => c.Id == costId);
        if (cost is null)
        {
            return ClaimOutcome.Refuse(Refusal.NotFound, "costId", "The claim has no cost {0}.", costId);
        }

        _costs.Remove(cost);
        log.Add(new Change(EntityType, IdText, "cost_removed", "cost", CostRules.Describe(cost), null));
        CostsUpdated(currency, now, log);
        return ClaimOutcome.Done;
    }

    private void CostsUpdated(string currency, DateTime now, ChangeLog log)
    {
        var total = _costs.Where(c => c.Currency == currency).Sum(c => c.Amount);
        log.Field(EntityType, IdText, "cost_total", AuditAmount(CostTotal), AuditAmount(total));
        CostTotal = total;
        _events.Add(new CostsChanged(total));
        Touch(now);
    }
}

/// <summary>How a cost line is checked and described.</summary>
public static class CostRules
{
    public const int Description = 500;
    public const int GlAccount = 40;

    /// <summary>A currency code upper-cased, <paramref name="fallback"/> when empty; null when it is no three-letter code.</summary>
    public static string? Currency(string? code, string fallback)
    {
        var currency = string.IsNullOrWhiteSpace(code) ? fallback : code.Trim().ToUpperInvariant();
        return currency.Length == 3 && currency.All(char.IsAsciiLetterUpper) ? currency : null;
    }

    /// <summary>A cost as its history line reads: <c>parts 120.00 PLN supplier (line 1): Display panel [GL 501]</c>.</summary>
    public static string Describe(ClaimCost cost) =>
        $"{Codes.Of(cost.Kind)} {Claim.AuditAmount(cost.Amount)} {cost.Currency} {Codes.Of(cost.BorneBy)}"
        + (cost.LineNo is { } lineNo ? $" (line {lineNo.ToString(CultureInfo.InvariantCulture)})" : "")
        + $": {cost.Description}" + (cost.GlAccount is { } account ? $" [GL {account}]" : "");

    internal sealed record CostFacts(int? LineNo, CostKind Kind, string Description, decimal Amount, string Currency, CostBearer BorneBy, string? GlAccount);

    /// <summary>Checks a cost as typed or sent; the first problem found refuses it.</summary>
    internal static (CostFacts Facts, ClaimOutcome? Refusal) Check(CostInput input, string currency, IReadOnlyList<ClaimLine> lines)
    {
        ClaimOutcome? refusal = null;

        if (input.LineNo is { } lineNo && lines.All(l => l.LineNo != lineNo))
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "lineNo", "The claim has no line {0}.", lineNo);
        }

        if (!Codes.TryParse<CostKind>(input.Kind, out var kind))
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "kind", "Choose the kind of cost from the list.");
        }

        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "description", "Describe the cost.");
        }
        else if (description.Length > Description)
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "description", "At most {0} characters.", Description);
        }

        var amount = input.Amount ?? 0m;
        if (amount <= 0m)
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "amount", "A cost needs an amount above zero.");
        }
        else if (amount > ClaimLimits.MaxUnitPrice || decimal.Round(amount, 2) != amount)
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "amount", "An amount has at most two decimal places and is at most {0}.", ClaimLimits.MaxUnitPrice);
        }

        var code = Currency(input.Currency, currency);
        if (code is null)
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "currency", "A currency is a three-letter ISO 4217 code (PLN, CZK, EUR).");
        }

        if (!Codes.TryParse<CostBearer>(input.BorneBy, out var bearer))
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "borneBy", "Choose who bears the cost from the list.");
        }

        var account = string.IsNullOrWhiteSpace(input.GlAccount) ? null : input.GlAccount.Trim();
        if (account is { Length: > GlAccount })
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "glAccount", "At most {0} characters.", GlAccount);
        }

        return (new CostFacts(input.LineNo, kind, description, amount, code ?? "", bearer, account), refusal);
    }
}
