using ClaimDesk.Core.Repairs;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.Webhooks;

namespace ClaimDesk.Web.Features.Repairs;

/// <summary>
/// The webhook events of the paid repair, one per step (<c>repair.quote_sent</c>, <c>repair.quote_accepted</c>,
/// <c>repair.quote_declined</c>, <c>repair.completed</c>, <c>repair.invoiced</c>), with the quote's lines, total and
/// currency (and the invoice number) in <c>repair</c>, so the ERP can issue the invoice or its correction. Runs after
/// the claim's own webhook events of the round, so a move the answer made is sent first.
/// </summary>
public sealed class RepairWebhooks(WebhookPublisher webhooks) : IHandleClaimEvents
{
    public int Order => ClaimEventOrder.Systems + 1;

    public static string EventOf(RepairStep step) => step switch
    {
        RepairStep.QuoteSent => WebhookEvent.RepairQuoteSent,
        RepairStep.QuoteAccepted => WebhookEvent.RepairQuoteAccepted,
        RepairStep.QuoteDeclined => WebhookEvent.RepairQuoteDeclined,
        RepairStep.Repaired => WebhookEvent.RepairCompleted,
        _ => WebhookEvent.RepairInvoiced,
    };

    public async Task HandleAsync(IReadOnlyList<RaisedEvent> events, ClaimChangeContext context, CancellationToken cancellationToken)
    {
        WebhookPlan? plan = null;
        foreach (var (claim, step) in events.Where(e => e.Event is RepairQuoteChanged).Select(e => (e.Claim, (RepairQuoteChanged)e.Event)))
        {
            plan ??= await webhooks.PrepareAsync(cancellationToken);
            await webhooks.RaiseAsync(plan, EventOf(step.Step), claim, cancellationToken: cancellationToken,
                repair: RepairDocuments.DataOf(claim, step.Quote));
        }
    }
}
