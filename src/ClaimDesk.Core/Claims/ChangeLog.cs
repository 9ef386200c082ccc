namespace ClaimDesk.Core.Claims;

/// <summary>One change a domain method made: what, field, old → new. The web layer adds who, when and from where.</summary>
public sealed record Change(string EntityType, string EntityId, string Action, string? Field = null, string? OldValue = null, string? NewValue = null);

/// <summary>Collects the changes of one user action, so they are audited in the same transaction.</summary>
public sealed class ChangeLog
{
    private readonly List<Change> _changes = [];

    public IReadOnlyList<Change> Changes => _changes;

    public void Add(Change change) => _changes.Add(change);

    public void Field(string entityType, string entityId, string field, string? oldValue, string? newValue)
    {
        if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
        {
            _changes.Add(new Change(entityType, entityId, "updated", field, oldValue, newValue));
        }
    }
}
