using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Features.Claims;

namespace ClaimDesk.Web.Features.Notifications;

/// <summary>
/// What people hear of a claim change: staff of a claim that became theirs (<see cref="NotificationEvent.ClaimCreated"/>),
/// of a move (<see cref="NotificationEvent.StatusChanged"/>), the new assignee (<see cref="NotificationEvent.Assigned"/>)
/// and staff of a claimant's message (<see cref="NotificationEvent.MessageInbound"/>), by the notification rules.
/// Whoever made the change is not told of it.
/// </summary>
public sealed class NotificationsOnClaimEvents(Notifier notifier) : IHandleClaimEvents
{
    public int Order => ClaimEventOrder.People;

    public async Task HandleAsync(IReadOnlyList<RaisedEvent> events, ClaimChangeContext context, CancellationToken cancellationToken)
    {
        var actor = Notifier.UserOf(context.Actor);
        foreach (var (claim, ev) in events)
        {
            switch (ev)
            {
                case ClaimBecameVisible:
                    await notifier.NotifyAsync(NotificationEvent.ClaimCreated, ClaimRef.Of(claim), actorUserId: actor, cancellationToken: cancellationToken);
                    break;
                case ClaimStatusChanged:
                    await notifier.NotifyAsync(NotificationEvent.StatusChanged, ClaimRef.Of(claim), actorUserId: actor, cancellationToken: cancellationToken);
                    break;
                case ClaimAssigned { AssigneeId: not null } assigned:
                    await notifier.NotifyAsync(NotificationEvent.Assigned, ClaimRef.Of(claim), actorUserId: Notifier.UserOf(assigned.By),
                        cancellationToken: cancellationToken);
                    break;
                case MessagePosted { Kind: MessageKind.Inbound } message:
                    await notifier.NotifyAsync(NotificationEvent.MessageInbound, ClaimRef.Of(claim),
                        new Dictionary<string, string>
                        {
                            [NotificationPlaceholder.Message] = TemplateText.Shorten(message.Text, Notifier.QuotedMessageLength),
                        },
                        actor, cancellationToken: cancellationToken);
                    break;
            }
        }
    }
}
