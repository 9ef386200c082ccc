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

    /// <summary>A placeholder with the line breaks before it (one blank line at most) and the blanks after it.</summary>
    [GeneratedRegex(@"(?<lead>\n[ \t]*\n[ \t]*|\n[ \t]*)?\{(?<name>[^{}\r\n]{0,40})\}(?<trail>[ \t]*)", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderInLinePattern();

    /// <summary>
    /// Fills each known placeholder with its value; one without a value becomes empty. An empty placeholder takes the
    /// blanks after it along, and one alone on its line takes its line and one blank line before it, so that a text
    /// with nothing to say there (<c>{decision}</c> before a decision) reads as if it had never asked.
    /// </summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> values) =>
        PlaceholderInLinePattern().Replace(text, m =>
        {
            var value = values.TryGetValue(m.Groups["name"].Value, out var given) ? given : "";
            var lead = m.Groups["lead"];
            if (value.Length > 0)
            {
                return lead.Value + value + m.Groups["trail"].Value;
            }

            var end = m.Index + m.Length;
            var aloneOnLine = (lead.Success || m.Index == 0) && (end == text.Length || text[end] is '\n' or '\r');
            return aloneOnLine ? "" : lead.Value;
        });

    /// <summary>Shortens <paramref name="text"/> to <paramref name="length"/> characters, ending with an ellipsis.</summary>
    public static string Shorten(string text, int length) =>
        text.Length <= length ? text : new StringBuilder(text, 0, length - 1, length).Append('…').ToString();
}
