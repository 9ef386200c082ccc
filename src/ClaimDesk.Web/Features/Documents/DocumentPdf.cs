using ClaimDesk.Web.Infrastructure.Documents;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ClaimDesk.Web.Features.Documents;

/// <summary>A letter to the claimant as <see cref="DocumentPdf"/> draws it, every text already in their language.</summary>
public sealed record DocumentLetter(
    string Title, string Organisation, string? OrganisationAddress, string NumberCaption, string Number,
    IReadOnlyList<LetterBlock> Blocks, string Footer);

/// <summary>One part of a <see cref="DocumentLetter"/>: a heading, a label with its value, or a paragraph.</summary>
public abstract record LetterBlock;

public sealed record LetterHeading(string Text) : LetterBlock;

public sealed record LetterRow(string Label, string Value) : LetterBlock;

public sealed record LetterParagraph(string Text) : LetterBlock;

/// <summary>
/// Draws a <see cref="DocumentLetter"/> as A4 pages with PDFsharp, text as text in the embedded DejaVu Sans (as the
/// intake confirmation), so Polish and Czech letters print and the content can be searched and copied. Text is
/// wrapped word by word and flows onto further pages, so a long message log is printed whole.
/// </summary>
public sealed class DocumentPdf(DocumentFonts fonts)
{
    private const double Margin = 48;
    private const double LabelWidth = 150;
    private const double Gap = 10;

    public byte[] Render(DocumentLetter letter)
    {
        fonts.EnsureAvailable();
        using var document = new PdfDocument();
        document.Info.Title = $"{letter.Title} {letter.Number}";
        document.Info.Creator = "ClaimDesk";
        var writer = new Writer(document, letter);
        writer.Header();
        foreach (var block in letter.Blocks)
        {
            writer.Draw(block);
        }

        writer.Finish();
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static XFont Font(double size, bool bold = false) =>
        new(DocumentFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private sealed class Writer(PdfDocument document, DocumentLetter letter)
    {
        private readonly XFont _normal = Font(10);
        private readonly XFont _bold = Font(10, bold: true);
        private readonly XFont _heading = Font(12, bold: true);
        private readonly XFont _caption = Font(8.5);
        private XGraphics? _graphics;
        private double _width;
        private double _bottom;
        private double _y;

        private XGraphics Graphics => _graphics!;

        private double Right => _width - Margin;

        private static double LineHeight(XFont font) => font.Size * 1.35;

        public void Header()
        {
            NewPage();
            Graphics.DrawString(letter.Title, Font(16, bold: true), XBrushes.Black, Margin, Margin + 16);
            Graphics.DrawString(letter.Organisation, _normal, XBrushes.DimGray, Margin, Margin + 34);
            var y = Margin + 34;
            foreach (var line in Wrap(letter.OrganisationAddress ?? "", _caption, Right - Margin))
            {
                y += LineHeight(_caption);
                Graphics.DrawString(line, _caption, XBrushes.DimGray, Margin, y);
            }

            Graphics.DrawString(letter.NumberCaption, _caption, XBrushes.DimGray, Margin, y + 26);
            Graphics.DrawString(letter.Number, Font(20, bold: true), XBrushes.Black, Margin, y + 50);
            Graphics.DrawLine(new XPen(XColors.Black, 0.75), Margin, y + 60, Right, y + 60);
            _y = y + 76;
        }

        public void Draw(LetterBlock block)
        {
            switch (block)
            {
                case LetterHeading heading:
                    Space(LineHeight(_heading) * 2.5);
                    _y += 6;
                    Graphics.DrawString(heading.Text, _heading, XBrushes.Black, Margin, _y + _heading.Size);
                    _y += LineHeight(_heading) + 4;
                    break;
                case LetterRow row:
                    var labels = Wrap(row.Label, _bold, LabelWidth - Gap);
                    var values = Wrap(row.Value.Length == 0 ? "—" : row.Value, _normal, Right - Margin - LabelWidth);
                    for (var i = 0; i < Math.Max(labels.Count, values.Count); i++)
                    {
                        Space(LineHeight(_normal));
                        if (i < labels.Count)
                        {
                            Graphics.DrawString(labels[i], _bold, XBrushes.Black, Margin, _y + _normal.Size);
                        }

                        if (i < values.Count)
                        {
                            Graphics.DrawString(values[i], _normal, XBrushes.Black, Margin + LabelWidth, _y + _normal.Size);
                        }

                        _y += LineHeight(_normal);
                    }

                    _y += 4;
                    break;
                case LetterParagraph paragraph:
                    foreach (var line in Wrap(paragraph.Text, _normal, Right - Margin))
                    {
                        Space(LineHeight(_normal));
                        Graphics.DrawString(line, _normal, XBrushes.Black, Margin, _y + _normal.Size);
                        _y += LineHeight(_normal);
                    }

                    _y += 6;
                    break;
            }
        }

        public void Finish()
        {
            Space(LineHeight(_caption) * 3);
            _y += 10;
            foreach (var line in Wrap(letter.Footer, _caption, Right - Margin))
            {
                Graphics.DrawString(line, _caption, XBrushes.DimGray, Margin, _y + _caption.Size);
                _y += LineHeight(_caption);
            }

            _graphics?.Dispose();
        }

        /// <summary>Starts a new page when <paramref name="height"/> no longer fits on this one.</summary>
        private void Space(double height)
        {
            if (_y + height > _bottom)
            {
                NewPage();
                Graphics.DrawString($"{letter.Title} — {letter.Number}", _caption, XBrushes.DimGray, Margin, Margin);
                _y = Margin + 16;
            }
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            _graphics = XGraphics.FromPdfPage(page);
            _width = page.Width.Point;
            _bottom = page.Height.Point - Margin;
            _y = Margin;
        }

        /// <summary>The lines <paramref name="text"/> takes at <paramref name="width"/>: its own line breaks, then word wrap.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (Graphics.MeasureString(candidate, font).Width <= width)
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        lines.Add(line);
                    }

                    line = word;
                    // A word wider than the column is cut where it no longer fits.
                    while (line.Length > 1 && Graphics.MeasureString(line, font).Width > width)
                    {
                        var cut = line.Length - 1;
                        while (cut > 1 && Graphics.MeasureString(line[..cut], font).Width > width)
                        {
                            cut--;
                        }

                        lines.Add(line[..cut]);
                        line = line[cut..];
                    }
                }

                lines.Add(line);
            }

            return lines;
        }
    }
}
