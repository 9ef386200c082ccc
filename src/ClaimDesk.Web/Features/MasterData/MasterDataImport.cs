using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ClaimDesk.Core.Claims;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.MasterData;

public enum ImportFormat
{
    Ndjson,
    Csv,
}

/// <summary>A row that was not imported: its number in the file (1 = the first line; in CSV the header), its key, why.</summary>
public sealed record RefusedRow(int Row, string? Key, IDictionary<string, string[]> Errors);

/// <summary>
/// What an import did. Counts are of records (customers, suppliers, products, sales documents); <see cref="Rows"/> is
/// the rows read (in CSV a sales document has a row per line). Every refused row is listed.
/// </summary>
public sealed record ImportReport(
    string Kind, int Rows, int Created, int Updated, int Unchanged, int Refused, IReadOnlyList<RefusedRow> RefusedRows);

/// <summary>
/// Bulk imports: reads NDJSON (one JSON record a line) or CSV (a header row with the JSON field names) as a stream,
/// and upserts the records in batches of about <see cref="BatchLines"/> lines, each batch in its own transaction
/// (<see cref="MasterDataWriter"/>). A refused row is reported and never stops the others.
/// </summary>
public sealed class MasterDataImport(
    MasterDataWriter writer, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IStringLocalizer<SharedResource> localizer)
{
    public const int BatchRecords = 500;
    public const int BatchLines = 2000;

    private sealed record ImportRecord<TData>(List<int> Rows, string? Key, TData? Data, List<(int Row, FieldError Error)> RowErrors);

    /// <summary>
    /// The report, or (field, message) when the file cannot be read at all (a CSV header naming unknown columns).
    /// <paramref name="progress"/> hears the counts so far after each batch, on the import's own flow; its list of
    /// refused rows is the import's, still growing: copy what is kept.
    /// </summary>
    public async Task<(ImportReport? Report, Dictionary<string, string[]>? Problem)> ImportAsync<TData, TDto>(
        MasterDataKind<TData, TDto> kind, Stream body, ImportFormat format, Actor actor, CancellationToken cancellationToken,
        Action<ImportReport>? progress = null)
        where TData : class
        where TDto : class
    {
        var refused = new List<RefusedRow>();
        int rows = 0, created = 0, updated = 0, unchanged = 0, refusedRecords = 0;
        var batch = new List<ImportRecord<TData>>();
        var weight = 0;

        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var outcomes = await writer.UpsertAsync(kind, [.. batch.Select(r => new UpsertItem<TData>(null, r.Data))], actor, cancellationToken);
            for (var i = 0; i < outcomes.Count; i++)
            {
                switch (outcomes[i].Result)
                {
                    case UpsertResult.Created: created++; break;
                    case UpsertResult.Updated: updated++; break;
                    case UpsertResult.Unchanged: unchanged++; break;
                    default:
                        refusedRecords++;
                        refused.AddRange(Refuse(batch[i], outcomes[i].Key, outcomes[i].Errors));
                        break;
                }
            }

            batch.Clear();
            weight = 0;
            progress?.Invoke(new ImportReport(kind.Route, rows, created, updated, unchanged, refusedRecords, refused));
        }

        IAsyncEnumerable<ImportRecord<TData>> records;
        if (format == ImportFormat.Csv)
        {
            var (csv, problem) = await OpenCsvAsync(kind, body, cancellationToken);
            if (csv is null)
            {
                return (null, problem);
            }

            records = ReadCsvAsync(kind, csv.Value.Reader, csv.Value.Columns, cancellationToken);
        }
        else
        {
            records = ReadNdjsonAsync<TData>(body, cancellationToken);
        }

        await foreach (var record in records)
        {
            rows += record.Rows.Count;
            if (record.RowErrors.Count > 0)
            {
                refusedRecords++;
                refused.AddRange(Refuse(record, record.Key, []));
                continue;
            }

            batch.Add(record);
            weight += kind.Weight(record.Data);
            if (batch.Count >= BatchRecords || weight >= BatchLines)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();
        refused.Sort((a, b) => a.Row.CompareTo(b.Row));
        return (new ImportReport(kind.Route, rows, created, updated, unchanged, refusedRecords, refused), null);
    }

    private async IAsyncEnumerable<ImportRecord<TData>> ReadNdjsonAsync<TData>(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TData : class
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var row = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            row++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            TData? data = null;
            var errors = new List<(int, FieldError)>();
            try
            {
                data = JsonSerializer.Deserialize<TData>(line, json.Value.SerializerOptions);
            }
            catch (JsonException failure)
            {
                var field = failure.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "row";
                errors.Add((row, new FieldError(field, "The row is not a JSON object, or a value in it has the wrong type.")));
            }

            yield return new ImportRecord<TData>([row], null, data, errors);
        }
    }

    private async Task<((CsvReader Reader, Dictionary<string, int> Columns)? Csv, Dictionary<string, string[]>? Problem)> OpenCsvAsync<TData, TDto>(
        MasterDataKind<TData, TDto> kind, Stream body, CancellationToken cancellationToken)
        where TData : class
        where TDto : class
    {
        var reader = CsvReader.Create(body, CsvReaderOptions.Default with { TrackLineNumbers = true, TrimWhitespace = true }, true);
        await reader.ReadHeaderAsync(cancellationToken);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<string>();
        for (var i = 0; i < reader.Headers.Count; i++)
        {
            var header = reader.Headers[i].Trim();
            var column = kind.CsvColumns.FirstOrDefault(c => string.Equals(c, header, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                unknown.Add(header);
            }
            else
            {
                columns.TryAdd(column, i);
            }
        }

        if (columns.ContainsKey(kind.KeyField) && unknown.Count == 0)
        {
            return ((reader, columns), null);
        }

        await reader.DisposeAsync();
        var message = unknown.Count > 0
            ? localizer["Unknown columns: {0}. The columns are: {1}.", string.Join(", ", unknown), string.Join(", ", kind.CsvColumns)]
            : localizer["The header row must name the column '{0}'. The columns are: {1}.", kind.KeyField, string.Join(", ", kind.CsvColumns)];
        return (null, new Dictionary<string, string[]> { ["header"] = [message.Value] });
    }

    private static async IAsyncEnumerable<ImportRecord<TData>> ReadCsvAsync<TData, TDto>(
        MasterDataKind<TData, TDto> kind, CsvReader reader, Dictionary<string, int> columns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TData : class
        where TDto : class
    {
        await using var _ = reader;
        var row = new CsvRow(reader, columns);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ImportRecord<TData>? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var number = (int)reader.LineNumber;
            var errors = new List<FieldError>();
            var data = kind.FromCsv(row, errors);
            var key = row.Text(kind.KeyField);
            if (current?.Data is not null && kind.Merge(current.Data, data, errors) is { } merged)
            {
                current.Rows.Add(number);
                current.RowErrors.AddRange(errors.Select(e => (number, e)));
                current = current with { Data = merged };
                continue;
            }

            if (current is not null)
            {
                yield return current;
            }

            if (kind.RecordSpansRows && key is not null && !seen.Add(key))
            {
                errors.Add(new FieldError(kind.KeyField, "'{0}' came earlier in the file; the rows of one record must follow each other.", key));
            }

            current = new ImportRecord<TData>([number], key, data, [.. errors.Select(e => (number, e))]);
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    /// <summary>
    /// The rows of a refused record, each with its errors: a line's errors (<c>lines[i].x</c>) go to the row of that line
    /// (as <c>x</c>, its column) when the record spans rows, the record's own errors to every row, and a row without
    /// errors of its own is told that another row of its record was refused.
    /// </summary>
    private List<RefusedRow> Refuse<TData>(ImportRecord<TData> record, string? key, IReadOnlyList<FieldError> errors)
    {
        key ??= record.Key;
        var byRow = record.Rows.ToDictionary(r => r, _ => new Dictionary<string, List<string>>(StringComparer.Ordinal));
        void Add(int row, string field, FieldError error)
        {
            var messages = byRow[row].TryGetValue(field, out var list) ? list : byRow[row][field] = [];
            messages.Add(localizer[error.Message, error.Arguments].Value);
        }

        foreach (var (row, error) in record.RowErrors)
        {
            Add(row, error.Field, error);
        }

        foreach (var error in errors)
        {
            var line = record.Rows.Count > 1 ? LineOf(error.Field) : null;
            if (line is { } l && l.Index < record.Rows.Count)
            {
                Add(record.Rows[l.Index], l.Field, error);
            }
            else
            {
                foreach (var row in record.Rows)
                {
                    Add(row, error.Field, error);
                }
            }
        }

        return [.. byRow.Select(r => new RefusedRow(r.Key, key, r.Value.Count > 0
            ? r.Value.ToDictionary(f => f.Key, f => f.Value.ToArray())
            : new Dictionary<string, string[]>
            {
                ["row"] = [localizer["Not imported: another row of '{0}' was refused.", key ?? ""].Value],
            }))];
    }

    private static (int Index, string Field)? LineOf(string field)
    {
        if (!field.StartsWith("lines[", StringComparison.Ordinal))
        {
            return null;
        }

        var close = field.IndexOf(']', StringComparison.Ordinal);
        return close > 6 && int.TryParse(field.AsSpan(6, close - 6), System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? (index, field[(close + 1)..].TrimStart('.'))
            : null;
    }
}
