namespace ClaimDesk.Web.Data;

/// <summary>
/// One append-only record of a change: who, when, what (entity, field, old → new) and from where (DESIGN §2).
/// Written in the same transaction as the change it records; nothing updates or deletes these rows.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary><c>user</c>, <c>api_key</c>, <c>portal_token</c> or <c>system</c>.</summary>
    public string ActorType { get; set; } = "";

    public string? ActorId { get; set; }

    public string? ActorName { get; set; }

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    /// <summary>What happened: <c>created</c>, <c>updated</c>, <c>deleted</c>, <c>password_changed</c> …</summary>
    public string Action { get; set; } = "";

    public string? Field { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    /// <summary>The client address the change came from, when it came through HTTP.</summary>
    public string? RemoteAddress { get; set; }
}
