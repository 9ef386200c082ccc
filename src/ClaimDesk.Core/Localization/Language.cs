namespace ClaimDesk.Core.Localization;

/// <summary>The languages ClaimDesk speaks: UI, e-mails and documents (DESIGN §4, Localization).</summary>
public static class Language
{
    public const string English = "en";
    public const string Polish = "pl";
    public const string Czech = "cs";

    public static IReadOnlyList<string> All { get; } = [English, Polish, Czech];

    public static bool IsSupported(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);
}
