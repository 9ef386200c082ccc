using ClaimDesk.Core.Repairs;

namespace ClaimDesk.Core.Claims;

public sealed partial class Claim
{
    /// <summary>
    /// A step of a paid repair was taken on one of the claim's quotes: raises <see cref="RepairQuoteChanged"/> and counts
    /// as a change of the claim (its version), so two answers to one quote at once cannot both win.
    /// </summary>
    public void RepairQuoteStep(RepairQuote quote, RepairStep step, DateTime now)
    {
        _events.Add(new RepairQuoteChanged(quote, step));
        Touch(now);
    }
}
