using System.Text.Json;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.CustomFields;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ClaimDesk.Web.Features.CustomFields;

/// <summary>
/// How custom field definitions and claims' values map to tables. The values live in <c>claim_custom_values</c>, one
/// row per claim and field, rather than in a JSON column on the claim: a grid filters and sorts by one field with a
/// plain indexed subquery (<c>field_id, value</c> or <c>field_id, number_value</c>) that both SQLite and PostgreSQL run
/// the same way, and a field's values can be counted, searched and cleaned up without parsing JSON.
/// </summary>
public static class CustomFieldModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CustomFieldDefinition>(field =>
        {
            field.ToTable("custom_fields");
            field.Property(f => f.Code).HasMaxLength(40);
            field.HasIndex(f => new { f.RegisterId, f.Code }).IsUnique();
            ClaimModel.Text(field.ComplexProperty(f => f.Label), 100);
            field.Property(f => f.Type).HasConversion(value => Codes.Of(value), code => Codes.Parse<CustomFieldType>(code)).HasMaxLength(20);
            field.Property(f => f.Choices).HasConversion(
                choices => JsonSerializer.Serialize(choices, Json),
                text => JsonSerializer.Deserialize<List<CustomFieldChoice>>(text, Json) ?? new List<CustomFieldChoice>(),
                new ValueComparer<List<CustomFieldChoice>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
                    list => list.ToList()));
            field.Property(f => f.RequiredOn).HasList().HasMaxLength(1000);
        });

        builder.Entity<ClaimCustomValue>(value =>
        {
            value.ToTable("claim_custom_values");
            value.HasKey(v => new { v.ClaimId, v.FieldId });
            value.HasOne<CustomFieldDefinition>().WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Restrict);
            value.Property(v => v.Value).HasMaxLength(CustomFieldDefinition.MaxTextLength);
            value.Ignore(v => v.SearchLabels);
            value.HasIndex(v => new { v.FieldId, v.Value });
            value.HasIndex(v => new { v.FieldId, v.NumberValue });
        });
    }

    /// <summary>Where a claim's custom value is audited (<see cref="Claim.CustomFieldAuditName"/>): the field code, else null.</summary>
    public static string? AuditedCode(string? field) =>
        field is not null && field.StartsWith(Claim.CustomFieldPrefix, StringComparison.Ordinal) ? field[Claim.CustomFieldPrefix.Length..] : null;
}
