using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;

namespace ClaimDesk.Core.MasterData;

/// <summary>
/// Sets a field of a master-data entity and logs old → new when the value really changes, so that an upsert of
/// identical data logs nothing (and the caller then writes nothing, not even <c>updated_at</c>).
/// </summary>
internal static class FieldChanges
{
    public static T Set<T>(ChangeLog log, string entityType, string id, string field, T current, T value)
    {
        if (!EqualityComparer<T>.Default.Equals(current, value))
        {
            log.Add(new Change(entityType, id, "updated", field, Text(current), Text(value)));
        }

        return value;
    }

    public static string? Text<T>(T value) => value switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CustomerType type => Codes.Of(type),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
