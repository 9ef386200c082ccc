using System.Security.Claims;

namespace ClaimDesk.Web.Data;

/// <summary>
/// Adds <see cref="AuditEvent"/>s to the current unit of work: they are saved by the same SaveChanges, in the same
/// transaction, as the change they describe. The actor and address come from the current request.
/// </summary>
public sealed class AuditTrail(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public void Record(string entityType, string entityId, string action,
        string? field = null, string? oldValue = null, string? newValue = null)
    {
        var context = http.HttpContext;
        var user = context?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorType = signedIn ? "user" : "system",
            ActorId = signedIn ? user!.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            ActorName = signedIn ? user!.Identity!.Name : null,
            EntityType = entityType,
            EntityId = entityId,
            Action = action,
            Field = field,
            OldValue = oldValue,
            NewValue = newValue,
            RemoteAddress = context?.Connection.RemoteIpAddress?.ToString(),
        });
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
