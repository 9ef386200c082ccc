using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure.Documents;

namespace ClaimDesk.Tests.Unit;

public sealed class DocumentFontsTests
{
    [Fact]
    public void A_missing_font_file_stops_the_pdf_with_a_message_that_names_the_file_and_the_remedy()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"claimdesk-no-fonts-{Guid.NewGuid():N}");

        var missing = Assert.Throws<DocumentFontMissingException>(() => new DocumentFonts(folder).EnsureAvailable());

        Assert.Contains(Path.Combine(folder, "DejaVuSans.ttf"), missing.Message, StringComparison.Ordinal);
        Assert.Contains("dejavu-fonts-ttf", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fonts_the_build_copies_from_npm_are_found_in_the_content_root()
    {
        var folder = Path.Combine(TestEnvironment.RepositoryRoot, "src", "ClaimDesk.Web", DocumentFonts.Folder);

        new DocumentFonts(folder).EnsureAvailable();
    }
}
