using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimDesk.Core.Registers;

/// <summary>
/// A register's numbering pattern, e.g. <c>RMA-{yyyy}-{seq:000000}</c> (DESIGN §2). Tokens: <c>{yyyy}</c>,
/// <c>{yy}</c>, <c>{MM}</c>, <c>{seq}</c> or <c>{seq:format}</c>. The sequence restarts every year, so a pattern must
/// hold the year or numbers would repeat.
/// </summary>
public static partial class NumberPattern
{
    public const string Default = "RMA-{yyyy}-{seq:000000}";

    public static string Format(string pattern, DateOnly date, long sequence) =>
        Token().Replace(pattern, match => match.Groups["name"].Value switch
        {
            "yyyy" => date.Year.ToString("0000", CultureInfo.InvariantCulture),
            "yy" => (date.Year % 100).ToString("00", CultureInfo.InvariantCulture),
            "MM" => date.Month.ToString("00", CultureInfo.InvariantCulture),
            "seq" => sequence.ToString(match.Groups["format"].Success ? match.Groups["format"].Value : "0", CultureInfo.InvariantCulture),
            _ => match.Value,
        });

    /// <summary>Null when the pattern is usable, otherwise the English message (a localization key).</summary>
    public static string? Problem(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Length > 60)
        {
            return "The numbering pattern must have 1 to 60 characters.";
        }

        var tokens = Token().Matches(pattern).Select(m => m.Groups["name"].Value).ToList();
        if (tokens.Count(t => t == "seq") != 1)
        {
            return "The numbering pattern must contain {seq} exactly once.";
        }

        if (!tokens.Contains("yyyy") && !tokens.Contains("yy"))
        {
            return "The numbering pattern must contain the year, {yyyy} or {yy}: the sequence restarts every year.";
        }

        var literal = Token().Replace(pattern, "");
        return literal.Contains('{', StringComparison.Ordinal) || literal.Contains('}', StringComparison.Ordinal)
            || literal.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? "The numbering pattern has an unknown {token} or a space."
            : null;
    }

    /// <summary>A line's reference number: the claim number and the line number, e.g. <c>RMA-2026-000042-02</c>.</summary>
    public static string LineReference(string claimNumber, int lineNo) =>
        $"{claimNumber}-{lineNo.ToString("00", CultureInfo.InvariantCulture)}";

    [GeneratedRegex(@"\{(?<name>yyyy|yy|MM|seq)(:(?<format>0+))?\}")]
    private static partial Regex Token();
}
