using ClaimDesk.Core.Common;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Data;

/// <summary>The mapping helpers the entity configurations share: enums as codes, lists of codes, localized texts.</summary>
internal static class EntityMapping
{
    /// <summary>Stores an enum as its snake_case code (<c>in_person</c>), readable in SQL and stable across renames of nothing.</summary>
    internal static PropertyBuilder<TEnum> HasCode<TEnum>(this PropertyBuilder<TEnum> property) where TEnum : struct, Enum =>
        property.HasConversion(value => Codes.Of(value), code => Codes.Parse<TEnum>(code));

    /// <summary>Stores a short list of codes as one comma-separated column.</summary>
    internal static PropertyBuilder<List<string>> HasList(this PropertyBuilder<List<string>> property) =>
        property.HasConversion(
            list => string.Join(',', list),
            text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
                list => list.ToList()));

    /// <summary>Gives each language of a <see cref="LocalizedText"/> complex property the same maximum length.</summary>
    internal static void Text(ComplexPropertyBuilder<LocalizedText> text, int length)
    {
        text.Property(t => t.En).HasMaxLength(length);
        text.Property(t => t.Pl).HasMaxLength(length);
        text.Property(t => t.Cs).HasMaxLength(length);
    }
}
