using System.Collections.Concurrent;
using System.Text;

namespace ClaimDesk.Core.Common;

/// <summary>
/// The wire and storage codes of enums (DESIGN §2): <c>InPerson</c> ↔ <c>in_person</c>,
/// <c>PartiallyAccepted</c> ↔ <c>partially_accepted</c>. One spelling everywhere: API, database, UI values.
/// </summary>
public static class Codes
{
    private static readonly ConcurrentDictionary<Enum, string> ToCodeCache = new();

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        ToCodeCache.GetOrAdd(value, v => Snake(v.ToString()));

    public static bool TryParse<TEnum>(string? code, out TEnum value) where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static TEnum Parse<TEnum>(string code) where TEnum : struct, Enum =>
        TryParse<TEnum>(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(TEnum).Name} code.");

    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(Of)];

    private static string Snake(string name)
    {
        var result = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]))
            {
                result.Append('_');
            }

            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }
}
