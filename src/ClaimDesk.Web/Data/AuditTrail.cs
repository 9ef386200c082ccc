using System.Security.Claims;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Security;

namespace ClaimDesk.Web.Data;

/// <summary>
/// Adds <see cref="AuditEvent"/>s to the current unit of work: they are saved by the same SaveChanges, in the same
/// transaction, as the change they describe. The actor and address come from the current request.
/// </summary>
public sealed class AuditTrail(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>A claim on the principal telling how it was authenticated: <see cref="Actor.ApiKeyKind"/> for API keys.</summary>
    public const string ActorKindClaim = "claimdesk:actor_kind";

    /// <summary>Who is acting in the current request: the signed-in user, the API key, or the system.</summary>
    public Actor CurrentActor => ActorOf(http.HttpContext?.User);

    public static Actor ActorOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Actor.System;
        }

        var roles = StaffRole.All.Where(user.IsInRole).ToList();
        return new Actor(user.FindFirstValue(ActorKindClaim) ?? Actor.UserKind,
            user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity.Name ?? "", roles);
    }

    public void Record(string entityType, string entityId, string action,
        string? field = null, string? oldValue = null, string? newValue = null) =>
        Record(new Change(entityType, entityId, action, field, oldValue, newValue), CurrentActor);

    public void Record(Change change, Actor actor) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorType = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.Kind == Actor.SystemKind ? null : actor.Name,
            EntityType = change.EntityType,
            EntityId = change.EntityId,
            Action = change.Action,
            Field = change.Field,
            OldValue = change.OldValue,
            NewValue = change.NewValue,
            RemoteAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });

    public void Record(ChangeLog log, Actor actor)
    {
        foreach (var change in log.Changes)
        {
            Record(change, actor);
        }
    }

    /// <summary>Records one <c>updated</c> event per field whose value really changed.</summary>
    public void RecordChange(string entityType, string entityId, string field, string? oldValue, string? newValue)
    {
        if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
        {
            Record(entityType, entityId, "updated", field, oldValue, newValue);
        }
    }
}
