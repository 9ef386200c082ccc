namespace ClaimDesk.Core.Claims;

/// <summary>
/// One cost of a claim (issue 13), of the whole claim or of one of its items: what kind, how much in which currency, and
/// who bears it. Changed only through the claim (<see cref="Claim.AddCost"/>, <see cref="Claim.ChangeCost"/>,
/// <see cref="Claim.RemoveCost"/>).
/// </summary>
public sealed class ClaimCost
{
    public long Id { get; internal set; }

    public long ClaimId { get; internal set; }

    /// <summary>The item the cost belongs to; null: the claim as a whole.</summary>
    public int? LineNo { get; internal set; }

    public CostKind Kind { get; internal set; }

    public string Description { get; internal set; } = "";

    public decimal Amount { get; internal set; }

    /// <summary>ISO 4217, upper case (PLN, CZK, EUR).</summary>
    public string Currency { get; internal set; } = "";

    public CostBearer BorneBy { get; internal set; }

    /// <summary>The general-ledger account the cost is booked to, if the accounting names one.</summary>
    public string? GlAccount { get; internal set; }

    public DateTime CreatedAt { get; internal set; }

    public string? CreatedById { get; internal set; }

    public string CreatedByName { get; internal set; } = "";
}

/// <summary>What a cost is for.</summary>
public enum CostKind { Parts, Labour, Transport, ReplacementGoods, Refund, Other }

/// <summary>Who bears a cost: the organisation, its supplier, or the customer.</summary>
public enum CostBearer { Us, Supplier, Customer }

/// <summary>A cost as typed or sent: codes as strings, nothing trusted yet.</summary>
public sealed record CostInput(int? LineNo, string? Kind, string? Description, decimal? Amount, string? Currency, string? BorneBy, string? GlAccount);
