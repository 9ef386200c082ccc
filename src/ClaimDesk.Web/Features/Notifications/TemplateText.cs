using System.Text;
using System.Text.RegularExpressions;

namespace ClaimDesk.Web.Features.Notifications;

/// <summary>
/// The <c>{name}</c> placeholders of a template: which it uses, and the text with them filled in. Anything between
/// braces counts as a placeholder, so a typo (<c>{Number}</c>, <c>{numer}</c>) is refused rather than sent as is.
/// </summary>
public static partial class TemplateText
{
    [GeneratedRegex(@"\{([^{}\r\n]{0,40})\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    /// <summary>The placeholders <paramref name="text"/> uses, in order of first use.</summary>
    public static IReadOnlyList<string> PlaceholdersIn(string? text) =>
        [.. PlaceholderPattern().Matches(text ?? "").Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The placeholders in <paramref name="text"/> that <paramref name="known"/> lacks.</summary>
    public static IReadOnlyList<string> Unknown(string? text, IReadOnlyCollection<string> known) =>
        [.. PlaceholdersIn(text).Where(p => !known.Contains(p, StringComparer.Ordinal))];

    public static bool Uses(string? text, string placeholder) =>
        text is not null && text.Contains($"{{{placeholder}}}", StringComparison.Ordinal);

    /// <summary>Fills each known placeholder with its value; one without a value becomes empty.</summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> values) =>
        PlaceholderPattern().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : "");

    /// <summary>Shortens <paramref name="text"/> to <paramref name="length"/> characters, ending with an ellipsis.</summary>
    public static string Shorten(string text, int length) =>
        text.Length <= length ? text : new StringBuilder(text, 0, length - 1, length).Append('…').ToString();
}
