using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>One event a claim raised in a change, with the claim as the change left it.</summary>
public sealed record RaisedEvent(Claim Claim, ClaimEvent Event);

/// <summary>The change the events were raised in: who made it, when, and the log its audit events are written from.</summary>
public sealed record ClaimChangeContext(Actor Actor, DateTime Now, ChangeLog Log);

/// <summary>
/// A feature's part in a claim change: it reads the events the claims raised and adds its own rows (deadlines,
/// notifications, webhook deliveries …) to the change's unit of work, or changes the claims through their methods
/// (which may raise further events, handed on in the next round). Nothing here saves: what a handler adds commits with
/// the change or not at all.
/// </summary>
public interface IHandleClaimEvents
{
    /// <summary>When the handler runs in a round: lower first. See <see cref="ClaimEventOrder"/>.</summary>
    int Order { get; }

    Task HandleAsync(IReadOnlyList<RaisedEvent> events, ClaimChangeContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A handler that works out ahead, before the change's transaction, what it will need for events already raised:
/// the deadlines of a claim about to be numbered, so that they are not computed while the register's number counter
/// is locked. It must not write anything; its handling of the events comes later, as for any handler.
/// </summary>
public interface IPrepareClaimEvents
{
    Task PrepareAsync(IReadOnlyList<RaisedEvent> events, ClaimChangeContext context, CancellationToken cancellationToken);
}

/// <summary>The order of the handlers in a round: first what changes the claim, then what reads it to tell others.</summary>
public static class ClaimEventOrder
{
    /// <summary>Changes the claim further (auto-assignment).</summary>
    public const int Claim = 0;

    /// <summary>Keeps what follows from the claim's state (its deadlines).</summary>
    public const int State = 10;

    /// <summary>Tells people (notifications).</summary>
    public const int People = 20;

    /// <summary>Tells other systems (webhooks), with the claim as everything before left it.</summary>
    public const int Systems = 30;
}

/// <summary>
/// Hands the events raised by claims in a change to every feature's <see cref="IHandleClaimEvents"/>, inside the
/// change's transaction and before its SaveChanges (as dotnet/eShop's <c>SaveEntitiesAsync</c>), then writes the
/// change's audit events and saves once: the change and every handler's rows commit together. The code that changes a
/// claim therefore names none of the features that act on it. The handlers are resolved at the first dispatch, not
/// when the dispatcher is made, so a handler's feature may itself change claims through the dispatcher.
/// </summary>
public sealed class ClaimEventDispatcher(AppDbContext db, AuditTrail audit, IServiceProvider services)
{
    /// <summary>Handlers may raise events handled in the next round; a chain longer than this is a bug, not a change.</summary>
    public const int MaxRounds = 8;

    private IReadOnlyList<IHandleClaimEvents>? _handlers;

    /// <summary>Lets the handlers that can work ahead on the claims' events so far (<see cref="IPrepareClaimEvents"/>).</summary>
    public async Task PrepareAsync(IReadOnlyCollection<Claim> claims, ClaimChangeContext context, CancellationToken cancellationToken = default)
    {
        var raised = Raised(claims);
        foreach (var handler in Handlers.OfType<IPrepareClaimEvents>())
        {
            await handler.PrepareAsync(raised, context, cancellationToken);
        }
    }

    private static List<RaisedEvent> Raised(IReadOnlyCollection<Claim> claims) =>
        [.. claims.SelectMany(c => c.Events.Select(e => new RaisedEvent(c, e)))];

    private IReadOnlyList<IHandleClaimEvents> Handlers => _handlers ??= [.. services.GetServices<IHandleClaimEvents>().OrderBy(h => h.Order)];

    /// <summary>
    /// Records the change's log, then dispatches the claims' events round after round until none is left, recording
    /// after each round what the handlers added to the log: the history reads in the order things happened.
    /// </summary>
    public async Task DispatchAsync(IReadOnlyCollection<Claim> claims, ClaimChangeContext context, CancellationToken cancellationToken = default)
    {
        var recorded = 0;
        for (var round = 0; ; round++)
        {
            foreach (var change in context.Log.Changes.Skip(recorded))
            {
                audit.Record(change, context.Actor);
            }

            recorded = context.Log.Changes.Count;
            var raised = Raised(claims);
            if (raised.Count == 0)
            {
                break;
            }

            if (round == MaxRounds)
            {
                throw new InvalidOperationException(
                    $"Claim events still raised after {MaxRounds} rounds: {string.Join(", ", raised.Select(r => r.Event.GetType().Name).Distinct())}.");
            }

            foreach (var claim in claims)
            {
                claim.ClearEvents();
            }

            foreach (var handler in Handlers)
            {
                await handler.HandleAsync(raised, context, cancellationToken);
            }
        }
    }

    /// <summary><see cref="DispatchAsync"/>, then one SaveChanges for the change and everything the handlers added.</summary>
    public async Task SaveAsync(IReadOnlyCollection<Claim> claims, ClaimChangeContext context, CancellationToken cancellationToken = default)
    {
        await DispatchAsync(claims, context, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
