using ClaimDesk.Core.Claims;

namespace ClaimDesk.Core.Repairs;

/// <summary>A step of a paid repair was taken on the claim's quote (sent, accepted, declined, repaired, invoiced).</summary>
public sealed record RepairQuoteChanged(RepairQuote Quote, RepairStep Step) : ClaimEvent;
