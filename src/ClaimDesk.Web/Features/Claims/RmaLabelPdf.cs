using ClaimDesk.Web.Infrastructure.Documents;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// Draws an <see cref="RmaLabel"/> as a one-page A4 PDF. Every word is real text in an embedded DejaVu Sans (so it
/// can be searched and read by machines, and Polish and Czech letters print); the QR code is the one image.
/// Items that do not fit on the page are counted in a last line instead of spilling onto a second page.
/// </summary>
public sealed class RmaLabelPdf(DocumentFonts fonts)
{
    private const double Margin = 42;
    private const double QrSize = 150;
    private const double Gap = 12;
    private const double RowHeight = 15;

    public byte[] Render(RmaLabel label)
    {
        fonts.EnsureAvailable();
        using var document = new PdfDocument();
        document.Info.Title = $"{label.Texts.Title} {label.Number}";
        document.Info.Creator = "ClaimDesk";
        var page = document.AddPage();
        page.Size = PageSize.A4;
        using var qrStream = new MemoryStream(label.QrCodePng, writable: false);
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            Draw(graphics, label, page.Width.Point, page.Height.Point, qrStream);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static void Draw(XGraphics graphics, RmaLabel label, double width, double height, Stream qrStream)
    {
        var texts = label.Texts;
        var heading = Font(14, bold: true);
        var caption = Font(9);
        var normal = Font(11);
        var strong = Font(12, bold: true);
        var small = Font(9);
        var smallBold = Font(9, bold: true);
        var right = width - Margin;

        graphics.DrawString(texts.Title, heading, XBrushes.Black, Margin, Margin + 14);

        using var qr = XImage.FromStream(qrStream);
        qr.Interpolate = false;
        graphics.DrawImage(qr, right - QrSize, Margin, QrSize, QrSize);

        var numberWidth = right - QrSize - Gap - Margin;
        graphics.DrawString(texts.ClaimNumber, caption, XBrushes.DimGray, Margin, Margin + 50);
        var numberFont = LargestFitting(graphics, label.Number, numberWidth, 40, 16);
        graphics.DrawString(label.Number, numberFont, XBrushes.Black, Margin, Margin + 56 + numberFont.Size);
        new XTextFormatter(graphics).DrawString(texts.Instruction, caption, XBrushes.DimGray,
            new XRect(Margin, Margin + 70 + numberFont.Size, numberWidth, 40), XStringFormats.TopLeft);

        var boxTop = Margin + QrSize + 24;
        var boxWidth = (right - Margin - Gap) / 2;
        var sender = label.Sender;
        string?[] senderLines = [sender.CustomerName, sender.Phone is null ? null : $"{texts.Phone}: {sender.Phone}",
            sender.Email is null ? null : $"{texts.Email}: {sender.Email}"];
        var boxBottom = Math.Max(
            Box(graphics, texts.ReturnAddress, label.OrganisationName, label.ReturnAddress, Margin, boxTop, boxWidth, caption, strong, normal),
            Box(graphics, texts.Sender, sender.ContactName, [.. senderLines.OfType<string>()], Margin + boxWidth + Gap, boxTop, boxWidth, caption, strong, normal));

        var y = boxBottom + 30;
        graphics.DrawString(texts.Items, heading, XBrushes.Black, Margin, y);
        y += 10;
        double[] columns = [Margin, Margin + 120, Margin + 330, right - 55];
        string[] headers = [texts.Reference, texts.Product, texts.SerialNumber, texts.Quantity];
        y += RowHeight;
        for (var i = 0; i < headers.Length; i++)
        {
            Cell(graphics, headers[i], smallBold, columns, i, right, y);
        }

        graphics.DrawLine(new XPen(XColors.Black, 0.75), Margin, y + 4, right, y + 4);
        var lastRow = height - Margin - RowHeight;
        for (var index = 0; index < label.Items.Count; index++)
        {
            y += RowHeight;
            if (y > lastRow)
            {
                var more = string.Format(System.Globalization.CultureInfo.GetCultureInfo(label.Language), texts.MoreItemsFormat, label.Items.Count - index);
                graphics.DrawString(more, small, XBrushes.Black, Margin, y);
                break;
            }

            var item = label.Items[index];
            var product = item.ProductCode is null ? item.ProductName : $"{item.ProductName} ({item.ProductCode})";
            string[] cells = [item.ReferenceNumber, product, item.SerialNumber ?? "—", item.Quantity];
            for (var i = 0; i < cells.Length; i++)
            {
                Cell(graphics, cells[i], small, columns, i, right, y);
            }
        }
    }

    /// <summary>A framed block with a caption, a bold first line and further lines; returns where it ends.</summary>
    private static double Box(
        XGraphics graphics, string title, string first, IReadOnlyList<string> lines, double x, double top, double width,
        XFont caption, XFont strong, XFont normal)
    {
        const double padding = 8;
        var inner = width - 2 * padding;
        var y = top + padding + caption.Size;
        graphics.DrawString(title, caption, XBrushes.DimGray, x + padding, y);
        y += 6 + strong.Size;
        graphics.DrawString(Fit(graphics, first, strong, inner), strong, XBrushes.Black, x + padding, y);
        foreach (var line in lines)
        {
            y += normal.Size + 4;
            graphics.DrawString(Fit(graphics, line, normal, inner), normal, XBrushes.Black, x + padding, y);
        }

        var bottom = Math.Max(y + padding + 4, top + 110);
        graphics.DrawRectangle(new XPen(XColors.Black, 0.75), x, top, width, bottom - top);
        return bottom;
    }

    private static void Cell(XGraphics graphics, string text, XFont font, double[] columns, int column, double right, double y)
    {
        var end = column + 1 < columns.Length ? columns[column + 1] - 6 : right;
        var fitted = Fit(graphics, text, font, end - columns[column]);
        if (column == columns.Length - 1)
        {
            graphics.DrawString(fitted, font, XBrushes.Black, right - graphics.MeasureString(fitted, font).Width, y);
        }
        else
        {
            graphics.DrawString(fitted, font, XBrushes.Black, columns[column], y);
        }
    }

    private static XFont Font(double size, bool bold = false) =>
        new(DocumentFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private static XFont LargestFitting(XGraphics graphics, string text, double width, double largest, double smallest)
    {
        for (var size = largest; size > smallest; size -= 2)
        {
            var font = Font(size, bold: true);
            if (graphics.MeasureString(text, font).Width <= width)
            {
                return font;
            }
        }

        return Font(smallest, bold: true);
    }

    /// <summary>The text, cut with an ellipsis where it would run past <paramref name="width"/>.</summary>
    private static string Fit(XGraphics graphics, string text, XFont font, double width)
    {
        if (graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && graphics.MeasureString(string.Concat(text.AsSpan(0, length), "…"), font).Width > width)
        {
            length--;
        }

        return string.Concat(text.AsSpan(0, length), "…");
    }
}
