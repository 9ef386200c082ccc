using System.Globalization;
using ClaimDesk.Core.Claims;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The staff intake form as typed. Numbers and dates stay text until they are read, so what a person typed in
/// Polish (1 499,99) or English (1499.99) notation comes back unchanged when something else needs fixing.
/// </summary>
public sealed class ClaimForm
{
    /// <summary>The register's code; empty until the page offers its default, the first register of customer complaints.</summary>
    public string Register { get; set; } = "";
    public string Channel { get; set; } = "phone";
    public string? CustomerCode { get; set; }
    public string? CustomerName { get; set; }
    public string? CustomerTaxId { get; set; }
    public string? SupplierCode { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public string ContactLanguage { get; set; } = "pl";
    public string PreferredChannel { get; set; } = "email";
    public string CustomerType { get; set; } = "consumer";
    public string LegalBasis { get; set; } = "conformity";
    public string Category { get; set; } = "quality";
    public string RequestedRemedy { get; set; } = "repair";
    public string DeliveryMethod { get; set; } = "customer_ships";
    public string? PickupAddress { get; set; }
    public string? ParcelLockerId { get; set; }
    public string Priority { get; set; } = "normal";
    public string? Description { get; set; }
    public List<ClaimLineForm> Lines { get; set; } = [new()];

    /// <summary>
    /// Custom values keyed <c>register:code</c>: the form carries the fields of every register (a script shows those of
    /// the chosen one), and only the chosen register's values are sent on.
    /// </summary>
    public Dictionary<string, string?> CustomFields { get; set; } = [];

    public static string CustomFieldKey(string register, string code) => register + ":" + code;

    /// <summary>Turns the form into the input the validator checks; text that is no number becomes a field error.</summary>
    public (ClaimInput Input, List<FieldError> Errors) ToInput()
    {
        var errors = new List<FieldError>();
        var lines = Lines.Select((line, i) => new ClaimLineInput
        {
            ProductCode = line.ProductCode,
            ProductName = line.ProductName,
            Ean = line.Ean,
            SerialNumber = line.SerialNumber,
            Quantity = Number(line.Quantity, $"lines[{i}].quantity", errors) ?? (string.IsNullOrWhiteSpace(line.Quantity) ? 1 : null),
            UnitPrice = Number(line.UnitPrice, $"lines[{i}].unitPrice", errors),
            PurchaseDate = Date(line.PurchaseDate, $"lines[{i}].purchaseDate", errors),
            SalesDocumentNumber = line.SalesDocumentNumber,
            FaultDescription = line.FaultDescription,
        }).ToList();
        return (new ClaimInput
        {
            Register = Register,
            Channel = Channel,
            Customer = new CustomerInput { Code = CustomerCode, Name = CustomerName, TaxId = CustomerTaxId },
            Supplier = new SupplierInput { Code = SupplierCode },
            Contact = new ContactInput
            {
                Name = ContactName, Email = ContactEmail, Phone = ContactPhone, Language = ContactLanguage, PreferredChannel = PreferredChannel,
            },
            CustomerType = CustomerType,
            LegalBasis = LegalBasis,
            Category = Category,
            RequestedRemedy = RequestedRemedy,
            DeliveryMethod = DeliveryMethod,
            PickupAddress = PickupAddress,
            ParcelLockerId = ParcelLockerId,
            Priority = Priority,
            Description = Description,
            Lines = lines,
            CustomFields = CustomFields
                .Where(v => v.Key.StartsWith(Register + ":", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(v.Value))
                .ToDictionary(v => v.Key[(Register.Length + 1)..], v => v.Value),
        }, errors);
    }

    internal static decimal? Number(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalised = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal)
            .Replace(',', '.');
        if (decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new FieldError(field, "'{0}' is not a number.", text));
        return null;
    }

    internal static DateOnly? Date(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd", "d.M.yyyy", "dd.MM.yyyy"];
        if (DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(field, "'{0}' is not a date.", text));
        return null;
    }
}

public sealed class ClaimLineForm
{
    public string? ProductCode { get; set; }
    public string? ProductName { get; set; }
    public string? Ean { get; set; }
    public string? SerialNumber { get; set; }
    public string? Quantity { get; set; } = "1";
    public string? UnitPrice { get; set; }
    public string? PurchaseDate { get; set; }
    public string? SalesDocumentNumber { get; set; }
    public string? FaultDescription { get; set; }
}
