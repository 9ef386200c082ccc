using ClaimDesk.Core.Localization;

namespace ClaimDesk.Core.Common;

/// <summary>A short text in each language ClaimDesk speaks; falls back to English.</summary>
public sealed record LocalizedText(string En, string Pl, string Cs)
{
    public string In(string? language) => language switch
    {
        Language.Polish when Pl.Length > 0 => Pl,
        Language.Czech when Cs.Length > 0 => Cs,
        _ => En,
    };
}
