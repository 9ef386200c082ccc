using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimDesk.Web.Features.CustomFields;

public static class CustomFieldServices
{
    public static void AddClaimDeskCustomFields(this IServiceCollection services)
    {
        services.AddScoped<CustomFieldQueries>();
        services.AddScoped<Admin.CustomFields.CustomFieldAdministration>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new CustomValuesJsonConverter()));
    }
}

/// <summary>
/// Reads <c>customFields: { "code": value }</c> from API bodies: a value may be a JSON string, number, true/false or
/// null, and arrives as text for the field's type to read (a number keeps its exact digits; true/false become yes/no).
/// </summary>
public sealed class CustomValuesJsonConverter : JsonConverter<IReadOnlyDictionary<string, string?>>
{
    public override IReadOnlyDictionary<string, string?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("customFields is an object of field codes and values.");
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var code = reader.GetString()!;
            reader.Read();
            values[code] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => Core.CustomFields.CustomFieldDefinition.Yes,
                JsonTokenType.False => Core.CustomFields.CustomFieldDefinition.No,
                JsonTokenType.Null => null,
                _ => throw new JsonException($"The value of customFields.{code} is a string, a number, true, false or null."),
            };
        }

        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string?> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (code, text) in value)
        {
            writer.WriteString(code, text);
        }

        writer.WriteEndObject();
    }
}
