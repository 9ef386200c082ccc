using ClaimDesk.Web.Infrastructure.Documents;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>The written intake confirmation (CZ-CONS-CONFIRM) of one submission: a page per claim.</summary>
public sealed record IntakeConfirmation(
    string Title, string Organisation, string NumberCaption, string Footer, IReadOnlyList<IntakeConfirmationClaim> Claims);

/// <summary>One claim's facts as label and value, already in the claimant's language.</summary>
public sealed record IntakeConfirmationClaim(string Number, IReadOnlyList<(string Label, string Value)> Rows);

/// <summary>
/// Draws an <see cref="IntakeConfirmation"/> as A4 pages with PDFsharp, text as text in the embedded DejaVu Sans
/// (as the RMA label), so Polish and Czech letters print and the content can be searched and copied.
/// </summary>
public sealed class IntakeConfirmationPdf(DocumentFonts fonts)
{
    private const double Margin = 48;
    private const double LabelWidth = 170;

    public byte[] Render(IntakeConfirmation confirmation)
    {
        fonts.EnsureAvailable();
        using var document = new PdfDocument();
        document.Info.Title = confirmation.Title;
        document.Info.Creator = "ClaimDesk";
        foreach (var claim in confirmation.Claims)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using var graphics = XGraphics.FromPdfPage(page);
            Draw(graphics, confirmation, claim, page.Width.Point, page.Height.Point);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static void Draw(XGraphics graphics, IntakeConfirmation confirmation, IntakeConfirmationClaim claim, double width, double height)
    {
        var heading = Font(16, bold: true);
        var caption = Font(9);
        var normal = Font(10.5);
        var bold = Font(10.5, bold: true);
        var formatter = new XTextFormatter(graphics);
        var right = width - Margin;

        graphics.DrawString(confirmation.Title, heading, XBrushes.Black, Margin, Margin + 16);
        graphics.DrawString(confirmation.Organisation, normal, XBrushes.DimGray, Margin, Margin + 36);
        graphics.DrawString(confirmation.NumberCaption, caption, XBrushes.DimGray, Margin, Margin + 70);
        graphics.DrawString(claim.Number, Font(24, bold: true), XBrushes.Black, Margin, Margin + 98);
        graphics.DrawLine(new XPen(XColors.Black, 0.75), Margin, Margin + 112, right, Margin + 112);

        var y = Margin + 130;
        var valueWidth = right - Margin - LabelWidth;
        var bottom = height - Margin - 40;
        foreach (var (label, value) in claim.Rows)
        {
            var lines = Math.Max(1, Wrapped(graphics, value, normal, valueWidth));
            var rowHeight = Math.Min(lines * (normal.Size + 3.5) + 2, Math.Max(bottom - y, normal.Size + 4));
            graphics.DrawString(label, bold, XBrushes.Black, Margin, y + normal.Size);
            formatter.DrawString(value, normal, XBrushes.Black, new XRect(Margin + LabelWidth, y, valueWidth, rowHeight), XStringFormats.TopLeft);
            y += rowHeight + 8;
            if (y >= bottom)
            {
                break;
            }
        }

        formatter.DrawString(confirmation.Footer, caption, XBrushes.DimGray, new XRect(Margin, height - Margin - 30, right - Margin, 30),
            XStringFormats.TopLeft);
    }

    /// <summary>About how many lines <paramref name="text"/> takes at <paramref name="width"/> (paragraphs and word wrap).</summary>
    private static int Wrapped(XGraphics graphics, string text, XFont font, double width)
    {
        var count = 0;
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            count += Math.Max(1, (int)Math.Ceiling(graphics.MeasureString(paragraph, font).Width / (width * 0.92)));
        }

        return count;
    }

    private static XFont Font(double size, bool bold = false) =>
        new(DocumentFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
}
