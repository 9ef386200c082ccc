using System.Text.Json;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.CustomFields;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.CustomFields;

/// <summary>How custom field definitions map to the table <c>custom_fields</c>; the choices are one JSON column.</summary>
public sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<CustomFieldDefinition> builder)
    {
        builder.ToTable("custom_fields");
        builder.Property(f => f.Code).HasMaxLength(40);
        builder.HasIndex(f => new { f.RegisterId, f.Code }).IsUnique();
        EntityMapping.Text(builder.ComplexProperty(f => f.Label), 100);
        builder.Property(f => f.Type).HasConversion(value => Codes.Of(value), code => Codes.Parse<CustomFieldType>(code)).HasMaxLength(20);
        builder.Property(f => f.Choices).HasConversion(
            choices => JsonSerializer.Serialize(choices, Json),
            text => JsonSerializer.Deserialize<List<CustomFieldChoice>>(text, Json) ?? new List<CustomFieldChoice>(),
            new ValueComparer<List<CustomFieldChoice>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
                list => list.ToList()));
        builder.Property(f => f.RequiredOn).HasList().HasMaxLength(1000);
    }
}

/// <summary>
/// How claims' custom values map to the table <c>claim_custom_values</c>, one row per claim and field, rather than to
/// a JSON column on the claim: a grid filters and sorts by one field with a plain indexed subquery (<c>field_id,
/// value</c> or <c>field_id, number_value</c>) that both SQLite and PostgreSQL run the same way, and a field's values
/// can be counted, searched and cleaned up without parsing JSON.
/// </summary>
public sealed class ClaimCustomValueConfiguration : IEntityTypeConfiguration<ClaimCustomValue>
{
    public void Configure(EntityTypeBuilder<ClaimCustomValue> builder)
    {
        builder.ToTable("claim_custom_values");
        builder.HasKey(v => new { v.ClaimId, v.FieldId });
        builder.HasOne<CustomFieldDefinition>().WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Value).HasMaxLength(CustomFieldDefinition.MaxTextLength);
        builder.Ignore(v => v.SearchLabels);
        builder.HasIndex(v => new { v.FieldId, v.Value });
        builder.HasIndex(v => new { v.FieldId, v.NumberValue });
    }
}
