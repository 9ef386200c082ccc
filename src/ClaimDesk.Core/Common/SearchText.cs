using System.Globalization;
using System.Text;

namespace ClaimDesk.Core.Common;

/// <summary>
/// Text as the full-text index keeps it and as searches are compared with it: lower case, without diacritics, so
/// "gesla" finds "gęślą" and "zluty" finds "žlutý" (DESIGN §3.4). Letters that Unicode does not decompose (ł, đ, ø, ß)
/// are mapped by hand, which is why the folding happens here and not in the database's tokenizer.
/// </summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    continue;
                default:
                    folded.Append(c switch
                    {
                        'ł' => "l",
                        'đ' => "d",
                        'ø' => "o",
                        'ß' => "ss",
                        'æ' => "ae",
                        'œ' => "oe",
                        _ => c.ToString(),
                    });
                    break;
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// A text as the index stores it: folded, with every run of other characters made one space, so that both
    /// databases split it into the same words ("RMA-2026-000001" is "rma 2026 000001").
    /// </summary>
    public static string Document(IEnumerable<string?> parts)
    {
        var document = new StringBuilder();
        foreach (var part in parts)
        {
            foreach (var c in Fold(part))
            {
                if (char.IsLetterOrDigit(c))
                {
                    document.Append(c);
                }
                else if (document.Length > 0 && document[^1] != ' ')
                {
                    document.Append(' ');
                }
            }

            if (document.Length > 0 && document[^1] != ' ')
            {
                document.Append(' ');
            }
        }

        return document.ToString().TrimEnd();
    }

    /// <summary>
    /// A search as phrases of folded words: each whitespace-separated piece of the query is one phrase (so a claim
    /// number "RMA-2026-000001" must appear as such), and all phrases must match; the last word of each phrase may be
    /// the start of a word. At most <paramref name="max"/> phrases; every word is letters and digits only, safe to put
    /// into a full-text query.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Phrases(string? query, int max = 8)
    {
        var phrases = new List<IReadOnlyList<string>>();
        foreach (var piece in (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var words = Document([piece]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && phrases.Count < max)
            {
                phrases.Add(words);
            }
        }

        return phrases;
    }
}
