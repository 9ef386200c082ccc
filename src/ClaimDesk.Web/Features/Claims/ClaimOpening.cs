using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Customers;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// What happens once a claim becomes staff's to handle, whether recorded by staff, through the API or in the portal,
/// or confirmed from the web form's e-mail: the assignment rules give it an owner, the staff subscribed hear of it,
/// and the webhooks get <c>claim.created</c>. One sequence for every channel, inside the caller's transaction, so it
/// commits with the claim or not at all.
/// </summary>
public sealed class ClaimOpening(Assignment.AutoAssignment autoAssignment, Notifications.Notifier notifier, Webhooks.WebhookPublisher webhooks)
{
    /// <summary>The notification rules and webhooks read before the transaction, so no lock is held while they are.</summary>
    public sealed record Plan(Notifications.NotificationPlan Created, Webhooks.WebhookPlan Subscribers);

    public async Task<Plan> PrepareAsync(CancellationToken cancellationToken = default) =>
        new(await notifier.PrepareAsync(Notifications.NotificationEvent.ClaimCreated, cancellationToken), await webhooks.PrepareAsync(cancellationToken));

    /// <summary>Gives the claim its owner by the assignment rules (logged into <paramref name="log"/>).</summary>
    public Task AssignAsync(Claim claim, Customer? customer, ChangeLog log, DateTime now, CancellationToken cancellationToken = default) =>
        autoAssignment.AssignAsync(claim, customer, log, now, cancellationToken);

    /// <summary>Queues the staff notifications and the webhook deliveries of the new claim, as it stands now.</summary>
    public async Task AnnounceAsync(Plan plan, Claim claim, Actor actor, CancellationToken cancellationToken = default)
    {
        notifier.Queue(plan.Created, Notifications.ClaimRef.Of(claim), actorUserId: Notifications.Notifier.UserOf(actor));
        await webhooks.RaiseAsync(plan.Subscribers, Webhooks.WebhookEvent.ClaimCreated, claim, cancellationToken);
    }
}
