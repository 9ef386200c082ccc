using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.CustomFields;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.CustomFields;

/// <summary>One custom value as a page shows it: the field, its label in the reader's language, the stored and the readable value.</summary>
public sealed record CustomFieldView(CustomFieldDefinition Field, string Label, string? Value, string Display);

/// <summary>How a grid narrows claims by one custom field: equal to a value, containing text, or within a range.</summary>
public sealed record CustomFieldFilter
{
    /// <summary>The stored value exactly (a choice code, <c>yes</c>/<c>no</c>, a date <c>yyyy-MM-dd</c>, a number as typed).</summary>
    public string? Is { get; init; }

    /// <summary>Text fields: the value contains this (case-insensitive on both providers).</summary>
    public string? Contains { get; init; }

    /// <summary>Numbers and dates: at least this (inclusive), as typed.</summary>
    public string? From { get; init; }

    /// <summary>Numbers and dates: at most this (inclusive), as typed.</summary>
    public string? To { get; init; }

    /// <summary>Only claims with a value (true) or without one (false).</summary>
    public bool? HasValue { get; init; }
}

/// <summary>
/// Reads custom fields and values for the card, the forms, the API, the customer pages, and a claim grid. The grid
/// helpers (<see cref="Where"/>, <see cref="OrderBy"/>, <see cref="CellsAsync"/>) compose into any claim query and run
/// in SQL on both providers: a correlated subquery on <c>claim_custom_values</c> per field, using its indexes.
/// </summary>
public sealed class CustomFieldQueries(AppDbContext db, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>A register's fields in their order; deactivated ones only when asked (the administration).</summary>
    public async Task<IReadOnlyList<CustomFieldDefinition>> ForRegisterAsync(int registerId, bool includeInactive = false,
        CancellationToken cancellationToken = default) =>
        await db.CustomFields.AsNoTracking()
            .Where(f => f.RegisterId == registerId && (includeInactive || f.IsActive))
            .OrderBy(f => f.SortOrder).ThenBy(f => f.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The active fields of every register, by register code: what the staff intake form offers.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CustomFieldDefinition>>> ActiveByRegisterAsync(CancellationToken cancellationToken = default)
    {
        var fields = await db.CustomFields.AsNoTracking().Where(f => f.IsActive)
            .Join(db.Registers, f => f.RegisterId, r => r.Id, (f, r) => new { Field = f, Register = r.Code })
            .ToListAsync(cancellationToken);
        return fields.GroupBy(f => f.Register).ToDictionary(g => g.Key,
            g => (IReadOnlyList<CustomFieldDefinition>)[.. g.Select(f => f.Field).OrderBy(f => f.SortOrder).ThenBy(f => f.Id)]);
    }

    /// <summary>
    /// The claim's active fields with their values, in the field order; <paramref name="customerOnly"/> keeps only the
    /// fields marked visible to the customer (the tracking page and the portal never see the others).
    /// </summary>
    public async Task<IReadOnlyList<CustomFieldView>> ForClaimAsync(long claimId, string language, bool customerOnly,
        CancellationToken cancellationToken = default)
    {
        var fields = await db.CustomFields.AsNoTracking()
            .Where(f => f.IsActive && (!customerOnly || f.VisibleToCustomer) && db.Claims.Any(c => c.Id == claimId && c.RegisterId == f.RegisterId))
            .OrderBy(f => f.SortOrder).ThenBy(f => f.Id)
            .ToListAsync(cancellationToken);
        var values = await db.ClaimCustomValues.AsNoTracking().Where(v => v.ClaimId == claimId)
            .ToDictionaryAsync(v => v.FieldId, v => v.Value, cancellationToken);
        return [.. fields
            .Where(f => !customerOnly || values.ContainsKey(f.Id))
            .Select(f => new CustomFieldView(f, f.Label.In(language), values.GetValueOrDefault(f.Id), Display(f, values.GetValueOrDefault(f.Id), language)))];
    }

    /// <summary>The values of the claim's active fields by code, typed for JSON: numbers, true/false, or text.</summary>
    public async Task<IReadOnlyDictionary<string, object?>> ForApiAsync(long claimId, CancellationToken cancellationToken = default)
    {
        var values = await db.ClaimCustomValues.AsNoTracking().Where(v => v.ClaimId == claimId)
            .Join(db.CustomFields.Where(f => f.IsActive), v => v.FieldId, f => f.Id, (v, f) => new { f.Code, f.Type, f.SortOrder, v.Value })
            .ToListAsync(cancellationToken);
        return values.OrderBy(v => v.SortOrder).ToDictionary(v => v.Code, v => Typed(v.Type, v.Value));
    }

    /// <summary>A stored value as JSON carries it.</summary>
    public static object? Typed(CustomFieldType type, string value) => type switch
    {
        CustomFieldType.Number => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture),
        CustomFieldType.YesNo => value == CustomFieldDefinition.Yes,
        _ => value,
    };

    /// <summary>A stored value as a person reads it: numbers and dates in their culture, a choice's label, yes or no.</summary>
    public string Display(CustomFieldDefinition field, string? value, string language)
    {
        if (value is null)
        {
            return "";
        }

        return field.Type switch
        {
            CustomFieldType.Number when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) =>
                number.ToString("#,0.############", CultureInfo.CurrentCulture),
            CustomFieldType.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
                date.ToString("d", CultureInfo.CurrentCulture),
            CustomFieldType.Choice => field.ChoiceLabel(value, language),
            CustomFieldType.YesNo => value == CustomFieldDefinition.Yes ? localizer["Yes"] : localizer["No"],
            _ => value,
        };
    }

    /// <summary>
    /// Narrows <paramref name="claims"/> to those whose value of <paramref name="field"/> passes <paramref name="filter"/>.
    /// Typed bounds are read by the field's type (a date typed 1.3.2026 compares as 2026-03-01); an unreadable bound
    /// matches nothing rather than everything.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "Translated to SQL LOWER().")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1311:Specify a culture", Justification = "Translated to SQL LOWER().")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1309:Use ordinal string comparison", Justification = "Translated to SQL comparison operators.")]
    public IQueryable<Claim> Where(IQueryable<Claim> claims, CustomFieldDefinition field, CustomFieldFilter filter)
    {
        var id = field.Id;
        var values = db.ClaimCustomValues.Where(v => v.FieldId == id);
        if (filter.HasValue is { } has)
        {
            claims = has ? claims.Where(c => values.Any(v => v.ClaimId == c.Id)) : claims.Where(c => !values.Any(v => v.ClaimId == c.Id));
        }

        if (!string.IsNullOrWhiteSpace(filter.Is))
        {
            var parsed = field.Parse(filter.Is);
            var wanted = parsed.Value ?? "\u0000";
            claims = claims.Where(c => values.Any(v => v.ClaimId == c.Id && v.Value == wanted));
        }

        if (!string.IsNullOrWhiteSpace(filter.Contains))
        {
            var pattern = "%" + filter.Contains.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            claims = claims.Where(c => values.Any(v => v.ClaimId == c.Id && EF.Functions.Like(v.Value.ToLower(), pattern, "\\")));
        }

        foreach (var (bound, lower) in new[] { (filter.From, true), (filter.To, false) })
        {
            if (string.IsNullOrWhiteSpace(bound))
            {
                continue;
            }

            var parsed = field.Parse(bound);
            if (!parsed.Succeeded || parsed.Value is null)
            {
                return claims.Where(_ => false);
            }

            if (field.Type == CustomFieldType.Number)
            {
                var number = parsed.Number!.Value;
                claims = lower
                    ? claims.Where(c => values.Any(v => v.ClaimId == c.Id && v.NumberValue >= number))
                    : claims.Where(c => values.Any(v => v.ClaimId == c.Id && v.NumberValue <= number));
            }
            else
            {
                var text = parsed.Value;
                claims = lower
                    ? claims.Where(c => values.Any(v => v.ClaimId == c.Id && string.Compare(v.Value, text) >= 0))
                    : claims.Where(c => values.Any(v => v.ClaimId == c.Id && string.Compare(v.Value, text) <= 0));
            }
        }

        return claims;
    }

    /// <summary>
    /// Sorts <paramref name="claims"/> by the value of <paramref name="field"/> (numbers numerically, dates by date,
    /// others by their stored text); claims without a value come last either way; ties by id. Add further orderings
    /// with ThenBy.
    /// </summary>
    public IOrderedQueryable<Claim> OrderBy(IQueryable<Claim> claims, CustomFieldDefinition field, bool descending)
    {
        var id = field.Id;
        var values = db.ClaimCustomValues.Where(v => v.FieldId == id);
        var missingLast = claims.OrderBy(c => !values.Any(v => v.ClaimId == c.Id));
        if (field.Type == CustomFieldType.Number)
        {
            return descending
                ? missingLast.ThenByDescending(c => values.Where(v => v.ClaimId == c.Id).Select(v => v.NumberValue).FirstOrDefault()).ThenByDescending(c => c.Id)
                : missingLast.ThenBy(c => values.Where(v => v.ClaimId == c.Id).Select(v => v.NumberValue).FirstOrDefault()).ThenBy(c => c.Id);
        }

        return descending
            ? missingLast.ThenByDescending(c => values.Where(v => v.ClaimId == c.Id).Select(v => v.Value).FirstOrDefault()).ThenByDescending(c => c.Id)
            : missingLast.ThenBy(c => values.Where(v => v.ClaimId == c.Id).Select(v => v.Value).FirstOrDefault()).ThenBy(c => c.Id);
    }

    /// <summary>
    /// The readable values of <paramref name="fields"/> for one page of claims, by claim id and field id: one query
    /// for the page, whatever number of columns the grid shows.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<int, string>>> CellsAsync(IReadOnlyCollection<long> claimIds,
        IReadOnlyCollection<CustomFieldDefinition> fields, string language, CancellationToken cancellationToken = default)
    {
        var ids = fields.Select(f => f.Id).ToList();
        var rows = await db.ClaimCustomValues.AsNoTracking()
            .Where(v => claimIds.Contains(v.ClaimId) && ids.Contains(v.FieldId))
            .Select(v => new { v.ClaimId, v.FieldId, v.Value })
            .ToListAsync(cancellationToken);
        var byId = fields.ToDictionary(f => f.Id);
        return rows.GroupBy(r => r.ClaimId).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<int, string>)g.ToDictionary(r => r.FieldId, r => Display(byId[r.FieldId], r.Value, language)));
    }
}

/// <summary>One custom field's input on a staff form: the field, the value to show, the input's id, whether it must be filled.</summary>
public sealed record CustomFieldInputView(CustomFieldView View, string? Value, string Id, bool Required, string Name = "")
{
    /// <summary>The form name the value posts under: <c>customFields[code]</c> unless the form nests it.</summary>
    public string InputName => Name.Length > 0 ? Name : $"customFields[{View.Field.Code}]";
}
