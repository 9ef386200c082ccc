using ClaimDesk.Web.Infrastructure.Documents;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace ClaimDesk.Web.Features.Repairs;

/// <summary>A repair quote or invoice as drawn: everything already in the claimant's language and formatted.</summary>
public sealed record RepairSheet(
    string Title, string Organisation, string NumberCaption, string Number, IReadOnlyList<(string Label, string Value)> Rows,
    string DescriptionCaption, string AmountCaption, IReadOnlyList<(string Description, string Amount)> Lines,
    string TotalCaption, string Total, string Footer);

/// <summary>
/// Draws a <see cref="RepairSheet"/> on an A4 page with PDFsharp, text as text in the embedded DejaVu Sans (as the
/// intake confirmation), so Polish and Czech letters print and pdftotext reads the amounts.
/// </summary>
public sealed class RepairPdf(DocumentFonts fonts)
{
    private const double Margin = 48;
    private const double LabelWidth = 170;
    private const double AmountWidth = 120;

    public byte[] Render(RepairSheet sheet)
    {
        fonts.EnsureAvailable();
        using var document = new PdfDocument();
        document.Info.Title = $"{sheet.Title} {sheet.Number}";
        document.Info.Creator = "ClaimDesk";
        var page = document.AddPage();
        page.Size = PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            Draw(graphics, sheet, page.Width.Point, page.Height.Point);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static void Draw(XGraphics graphics, RepairSheet sheet, double width, double height)
    {
        var normal = Font(10.5);
        var bold = Font(10.5, bold: true);
        var caption = Font(9);
        var formatter = new XTextFormatter(graphics);
        var right = width - Margin;

        graphics.DrawString(sheet.Title, Font(16, bold: true), XBrushes.Black, Margin, Margin + 16);
        graphics.DrawString(sheet.Organisation, normal, XBrushes.DimGray, Margin, Margin + 36);
        graphics.DrawString(sheet.NumberCaption, caption, XBrushes.DimGray, Margin, Margin + 70);
        graphics.DrawString(sheet.Number, Font(20, bold: true), XBrushes.Black, Margin, Margin + 94);
        graphics.DrawLine(new XPen(XColors.Black, 0.75), Margin, Margin + 108, right, Margin + 108);

        var y = Margin + 126;
        var bottom = height - Margin - 40;
        foreach (var (label, value) in sheet.Rows)
        {
            var rowHeight = (normal.Size + 3.5) * Math.Max(1, Lines(graphics, value, normal, right - Margin - LabelWidth)) + 2;
            graphics.DrawString(label, bold, XBrushes.Black, Margin, y + normal.Size);
            formatter.DrawString(value, normal, XBrushes.Black, new XRect(Margin + LabelWidth, y, right - Margin - LabelWidth, rowHeight),
                XStringFormats.TopLeft);
            y += rowHeight + 6;
        }

        y += 10;
        graphics.DrawString(sheet.DescriptionCaption, bold, XBrushes.Black, Margin, y + normal.Size);
        graphics.DrawString(sheet.AmountCaption, bold, XBrushes.Black, new XRect(right - AmountWidth, y, AmountWidth, normal.Size + 2),
            XStringFormats.TopRight);
        y += normal.Size + 6;
        graphics.DrawLine(new XPen(XColors.Gray, 0.5), Margin, y, right, y);
        y += 4;
        foreach (var (description, amount) in sheet.Lines)
        {
            var rowHeight = (normal.Size + 3.5) * Math.Max(1, Lines(graphics, description, normal, right - Margin - AmountWidth - 10)) + 2;
            if (y + rowHeight > bottom - 30)
            {
                break;
            }

            formatter.DrawString(description, normal, XBrushes.Black, new XRect(Margin, y, right - Margin - AmountWidth - 10, rowHeight),
                XStringFormats.TopLeft);
            graphics.DrawString(amount, normal, XBrushes.Black, new XRect(right - AmountWidth, y, AmountWidth, normal.Size + 2),
                XStringFormats.TopRight);
            y += rowHeight + 4;
        }

        graphics.DrawLine(new XPen(XColors.Black, 0.75), Margin, y, right, y);
        y += 6;
        graphics.DrawString(sheet.TotalCaption, Font(12, bold: true), XBrushes.Black, Margin, y + 12);
        graphics.DrawString(sheet.Total, Font(12, bold: true), XBrushes.Black, new XRect(right - 200, y, 200, 14), XStringFormats.TopRight);

        formatter.DrawString(sheet.Footer, caption, XBrushes.DimGray, new XRect(Margin, height - Margin - 30, right - Margin, 30),
            XStringFormats.TopLeft);
    }

    /// <summary>About how many lines <paramref name="text"/> takes at <paramref name="width"/>.</summary>
    private static int Lines(XGraphics graphics, string text, XFont font, double width) =>
        text.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Sum(paragraph => Math.Max(1, (int)Math.Ceiling(graphics.MeasureString(paragraph, font).Width / (width * 0.92))));

    private static XFont Font(double size, bool bold = false) =>
        new(DocumentFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
}
