using System.Collections.Concurrent;
using PdfSharp;
using PdfSharp.Fonts;

namespace ClaimDesk.Web.Infrastructure.Documents;

/// <summary>
/// The fonts that generated PDFs embed: DejaVu Sans, regular and bold, which cover Polish and Czech letters. The build
/// copies them from npm (dejavu-fonts-ttf) into the git-ignored <c>Fonts</c> folder of the content root; nothing
/// on the server (no fontconfig, no Windows fonts) is asked.
/// </summary>
public sealed class DocumentFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    public const string Folder = "Fonts";
    private const string RegularFile = "DejaVuSans.ttf";
    private const string BoldFile = "DejaVuSans-Bold.ttf";

    private static readonly Lock InstallGate = new();
    private static DocumentFonts? _installed;

    private readonly ConcurrentDictionary<string, byte[]> _loaded = new(StringComparer.Ordinal);

    public DocumentFonts(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>
    /// PDFsharp takes one font resolver per process, set before the first document, and then always the same
    /// instance; several hosts in one process (the tests) share the first one. The AGPL licence is declared here too:
    /// PDFsharp 6.5 refuses to create a document before a licence is set.
    /// </summary>
    public static DocumentFonts Install(string directory)
    {
        lock (InstallGate)
        {
            if (_installed is null)
            {
                PdfSharpLicense.SetAgplLicense();
                _installed = new DocumentFonts(directory);
                GlobalFontSettings.FontResolver = _installed;
            }

            return _installed;
        }
    }

    /// <summary>Throws <see cref="DocumentFontMissingException"/> naming the file and the folder when a font is not there.</summary>
    public void EnsureAvailable()
    {
        foreach (var file in new[] { RegularFile, BoldFile })
        {
            Read(file);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFile : RegularFile, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => Read(faceName);

    private byte[] Read(string file) => _loaded.GetOrAdd(file, name =>
    {
        var path = Path.Combine(Directory, name);
        return File.Exists(path) ? File.ReadAllBytes(path) : throw new DocumentFontMissingException(path);
    });
}

/// <summary>A font file that a PDF needs is not where the build puts it; the message names the file and the remedy.</summary>
public sealed class DocumentFontMissingException : Exception
{
    public DocumentFontMissingException(string path) : base(
        $"The font file {path} is missing, so no PDF can be drawn. Build ClaimDesk.Web (the build copies DejaVu Sans from the npm package dejavu-fonts-ttf into {DocumentFonts.Folder}/) or copy DejaVuSans.ttf and DejaVuSans-Bold.ttf there.")
    {
    }

    public DocumentFontMissingException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DocumentFontMissingException()
    {
    }
}
