using System.Globalization;
using ClaimDesk.Core.Claims;
using CsvHelper;

namespace ClaimDesk.Web.Features.MasterData;

/// <summary>The current row of a CSV import, read by column name; a value that does not parse is a field error named as its column.</summary>
public sealed class CsvRow(CsvReader reader, IReadOnlyDictionary<string, int> columns)
{
    public string? Text(string column)
    {
        if (!columns.TryGetValue(column, out var index) || index >= reader.FieldCount)
        {
            return null;
        }

        var text = reader.GetStringOrNull(index);
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    public int? WholeNumber(string column, List<FieldError> errors) => FieldValues.WholeNumber(Text(column), column, errors);

    public decimal? Number(string column, List<FieldError> errors) => FieldValues.Number(Text(column), column, errors);

    public DateOnly? Date(string column, List<FieldError> errors) => FieldValues.Date(Text(column), column, errors);
}

/// <summary>
/// Numbers and dates typed as text (a CSV cell, a form field) read the same way wherever they come from; a value that
/// does not parse is a field error named as its field, and the text is kept by the caller to show it again.
/// </summary>
public static class FieldValues
{
    public static int? WholeNumber(string? text, string field, List<FieldError> errors)
    {
        text = Trimmed(text);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(field, "'{0}' is not a whole number.", text));
        return null;
    }

    /// <summary>A number with a decimal point, or with a decimal comma (as Polish and Czech spreadsheets write it).</summary>
    public static decimal? Number(string? text, string field, List<FieldError> errors)
    {
        text = Trimmed(text);
        if (text is null)
        {
            return null;
        }

        const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out var value)
            || !text.Contains('.', StringComparison.Ordinal)
            && decimal.TryParse(text.Replace(',', '.'), Style, CultureInfo.InvariantCulture, out value))
        {
            return value;
        }

        errors.Add(new FieldError(field, "'{0}' is not a number.", text));
        return null;
    }

    public static DateOnly? Date(string? text, string field, List<FieldError> errors)
    {
        text = Trimmed(text);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(field, "'{0}' is not a date (yyyy-mm-dd).", text));
        return null;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
