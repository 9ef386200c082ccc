using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using ClaimDesk.Web.Infrastructure;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// Exports every claim of a grid view (not only its page), in the view's order and columns, as the rows come from the
/// database: CSV (UTF-8 with a BOM, the culture's list separator, so that Excel opens Polish and Czech letters and
/// splits the columns) or XLSX (a minimal SpreadsheetML package: one sheet, inline strings, dates as dates).
/// </summary>
public sealed class ClaimExport(
    ClaimQueries queries, OrganisationClock clock, IStringLocalizer<SharedResource> localizer, IServiceScopeFactory scopes)
{
    private const int CustomChunk = 500;

    /// <summary>
    /// The view's rows with the values of its custom-field columns, read 500 rows at a time on a second unit of work
    /// (the rows' own query is still streaming on the first).
    /// </summary>
    private async IAsyncEnumerable<(ClaimGridRow Row, IReadOnlyDictionary<int, string>? Custom)> RowsAsync(
        ClaimFilter filter, IReadOnlyList<Core.CustomFields.CustomFieldDefinition> custom,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new List<ClaimGridRow>(CustomChunk);
        await foreach (var row in queries.StreamAsync(filter).WithCancellation(cancellationToken))
        {
            if (custom.Count == 0)
            {
                yield return (row, null);
                continue;
            }

            buffer.Add(row);
            if (buffer.Count == CustomChunk)
            {
                foreach (var item in await WithCustomAsync(buffer, custom, cancellationToken))
                {
                    yield return item;
                }

                buffer.Clear();
            }
        }

        foreach (var item in await WithCustomAsync(buffer, custom, cancellationToken))
        {
            yield return item;
        }
    }

    private async Task<List<(ClaimGridRow Row, IReadOnlyDictionary<int, string>? Custom)>> WithCustomAsync(
        List<ClaimGridRow> rows, IReadOnlyList<Core.CustomFields.CustomFieldDefinition> custom, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var cells = await scope.ServiceProvider.GetRequiredService<CustomFields.CustomFieldQueries>()
            .CellsAsync([.. rows.Select(r => r.Id)], custom, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        return [.. rows.Select(r => (r, cells.GetValueOrDefault(r.Id)))];
    }

    public async Task WriteCsvAsync(Stream output, ClaimFilter filter, IReadOnlyList<GridColumn> columns, Func<string, string> statusLabel,
        IReadOnlyList<Core.CustomFields.CustomFieldDefinition> custom, CancellationToken cancellationToken = default)
    {
        var culture = CultureInfo.CurrentCulture;
        // The culture's list separator is what Excel of that language splits on (";" in Polish and Czech); a text
        // starting like a formula (a contact named "=HYPERLINK(…)") is escaped so that the spreadsheet shows it as text.
        var separator = culture.TextInfo.ListSeparator is [var single] && single < 128 ? single : ',';
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with
        {
            Separator = separator, WriteByteOrderMark = true, Injection = CsvInjection.Escape, FormatProvider = culture,
        }, leaveOpen: true);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        await csv.WriteRecordAsync([.. columns.Select(c => localizer[c.Label].Value), .. custom.Select(f => f.Label.In(language))], cancellationToken);
        var fields = new string[columns.Count + custom.Count];
        await foreach (var (row, values) in RowsAsync(filter, custom, cancellationToken))
        {
            for (var i = 0; i < custom.Count; i++)
            {
                fields[columns.Count + i] = values?.GetValueOrDefault(custom[i].Id) ?? "";
            }

            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                fields[i] = Cell(column, row, statusLabel) switch
                {
                    DateTime at when column.Kind == GridCellKind.Date => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateTime at => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    decimal amount => amount.ToString("0.00", culture),
                    int count => count.ToString(culture),
                    var value => value as string ?? "",
                };
            }

            await csv.WriteRecordAsync(fields, cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the package to a temporary file first (ZipArchive writes synchronously, which the server's response
    /// stream refuses), then copies it out; the rows still come one at a time, so memory stays flat.
    /// </summary>
    public async Task WriteXlsxAsync(Stream output, ClaimFilter filter, IReadOnlyList<GridColumn> columns, Func<string, string> statusLabel,
        IReadOnlyList<Core.CustomFields.CustomFieldDefinition> custom, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var package = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(package, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                """);
            Part(package, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Part(package, "xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Claims" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Part(package, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """);
            // Cell styles: 0 general, 1 date (built-in format 14), 2 date and time (22), 3 amount (4: #,##0.00), 4 bold header.
            Part(package, "xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>
                """);

            var sheet = package.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
            await using var stream = sheet.Open();
            await using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true });
            const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            await xml.WriteStartDocumentAsync(standalone: true);
            await xml.WriteStartElementAsync(null, "worksheet", ns);
            await xml.WriteStartElementAsync(null, "sheetData", ns);
            await xml.WriteStartElementAsync(null, "row", ns);
            foreach (var column in columns)
            {
                await WriteCellAsync(xml, localizer[column.Label].Value, 4);
            }

            foreach (var field in custom)
            {
                await WriteCellAsync(xml, field.Label.In(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), 4);
            }

            await xml.WriteEndElementAsync();
            await foreach (var (row, values) in RowsAsync(filter, custom, cancellationToken))
            {
                await xml.WriteStartElementAsync(null, "row", ns);
                foreach (var column in columns)
                {
                    await WriteCellAsync(xml, Cell(column, row, statusLabel), column.Kind switch
                    {
                        GridCellKind.Date => 1,
                        GridCellKind.DateTime => 2,
                        GridCellKind.Money => 3,
                        _ => 0,
                    });
                }

                foreach (var field in custom)
                {
                    await WriteCellAsync(xml, values?.GetValueOrDefault(field.Id), 0);
                }

                await xml.WriteEndElementAsync();
            }

            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
            await xml.WriteEndDocumentAsync();
        }

        file.Position = 0;
        await file.CopyToAsync(output, cancellationToken);
    }

    /// <summary>The value of a cell as a person reads it: labels for codes and statuses, local times for instants.</summary>
    private object? Cell(GridColumn column, ClaimGridRow row, Func<string, string> statusLabel) =>
        (column.Kind, column.Value(row)) switch
        {
            (_, null) => null,
            (GridCellKind.Code, string code) => localizer[column.CodeLabel!(code)].Value,
            (GridCellKind.Status, string status) => statusLabel(status),
            (GridCellKind.Date or GridCellKind.DateTime, DateTime at) => clock.ToLocal(at),
            (_, var value) => value,
        };

    private static void Part(ZipArchive package, string name, string content)
    {
        using var writer = new StreamWriter(package.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    private static async Task WriteCellAsync(XmlWriter xml, object? value, int style)
    {
        await xml.WriteStartElementAsync(null, "c", null);
        if (style != 0)
        {
            await xml.WriteAttributeStringAsync(null, "s", null, style.ToString(CultureInfo.InvariantCulture));
        }

        switch (value)
        {
            case null:
                break;
            case DateTime at:
                // Spreadsheet dates are days since 1899-12-30 (the 1900 date system, its leap-year bug included).
                await Value(xml, (at - new DateTime(1899, 12, 30)).TotalDays.ToString("0.########", CultureInfo.InvariantCulture));
                break;
            case decimal amount:
                await Value(xml, amount.ToString(CultureInfo.InvariantCulture));
                break;
            case int count:
                await Value(xml, count.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                await xml.WriteAttributeStringAsync(null, "t", null, "inlineStr");
                await xml.WriteStartElementAsync(null, "is", null);
                await xml.WriteStartElementAsync(null, "t", null);
                await xml.WriteAttributeStringAsync("xml", "space", null, "preserve");
                await xml.WriteStringAsync(XmlText(value.ToString() ?? ""));
                await xml.WriteEndElementAsync();
                await xml.WriteEndElementAsync();
                break;
        }

        await xml.WriteEndElementAsync();

        static async Task Value(XmlWriter xml, string text)
        {
            await xml.WriteStartElementAsync(null, "v", null);
            await xml.WriteStringAsync(text);
            await xml.WriteEndElementAsync();
        }
    }

    /// <summary>Text without the control characters XML 1.0 cannot hold (a pasted description may carry them).</summary>
    private static string XmlText(string text) =>
        text.Any(ch => !XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch))
            ? new string([.. text.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch))])
            : text;
}
