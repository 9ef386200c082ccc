namespace ClaimDesk.Core.CustomFields;

/// <summary>
/// A claim's value of one custom field. <see cref="Value"/> holds the normalised text (numbers in invariant notation,
/// dates as <c>yyyy-MM-dd</c>, choice codes, <c>yes</c>/<c>no</c>), which filters and sorts correctly in SQL for every
/// type but numbers; <see cref="NumberValue"/> carries numbers as a floating-point column for sorting and ranges.
/// </summary>
public sealed class ClaimCustomValue
{
    public long ClaimId { get; internal set; }

    public int FieldId { get; internal set; }

    public string Value { get; internal set; } = "";

    public double? NumberValue { get; internal set; }

    /// <summary>Not stored: the choice's labels, so a claim's search document built in memory finds them.</summary>
    public string? SearchLabels { get; internal set; }
}
