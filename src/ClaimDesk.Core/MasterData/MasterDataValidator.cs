using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;

namespace ClaimDesk.Core.MasterData;

public sealed record CustomerFacts(
    string Name, CustomerType Type, string Tier, string? TaxId, string? Email, string? Phone, string? Country);

public sealed record SupplierFacts(string Name, string? TaxId, string? Email, string? Country);

public sealed record ProductFacts(string Name, string? Ean, string? SupplierCode, int? WarrantyMonths, string? ProductGroup);

public sealed record SalesDocumentFacts(
    string CustomerCode, DateOnly IssueDate, DateOnly? SaleDate, string Currency,
    string? GoodsIssueNumber, string? PickedBy, string? PackedBy, string? Carrier, string? TrackingNumber,
    IReadOnlyList<SalesLineFacts> Lines);

/// <summary>A line as checked, in the order sent (so that <c>lines[i]</c> in an error is the i-th line sent).</summary>
public sealed record SalesLineFacts(int LineNo, string ProductCode, decimal Quantity, decimal UnitPrice, IReadOnlyList<string> SerialNumbers);

/// <summary>
/// Checks master data from the ERP field by field (every problem at once, by its camelCase field path) and turns it
/// into facts. The key (code or number) comes from the address of a PUT or from the record of an import; when both
/// are given they must agree. Whether referenced codes exist is for the caller, which knows the database.
/// </summary>
public static class MasterDataValidator
{
    public const string DefaultTier = "standard";

    public static (string? Key, CustomerFacts? Facts, List<FieldError> Errors) Customer(string? key, CustomerData? data)
    {
        var errors = new List<FieldError>();
        var code = Key(key, data?.Code, "code", errors);
        data ??= new CustomerData();
        var name = Text(data.Name, "name", MasterDataLimits.Name, errors, required: true);
        var type = CustomerType.Business;
        if (!string.IsNullOrWhiteSpace(data.Type) && !Codes.TryParse(data.Type, out type))
        {
            errors.Add(new FieldError("type", "'{0}' is not one of: {1}.", data.Type.Trim(), string.Join(", ", Codes.All<CustomerType>())));
        }

        var tier = Text(data.Tier, "tier", MasterDataLimits.Tier, errors, required: false)?.ToLowerInvariant() ?? DefaultTier;
        if (!tier.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            errors.Add(new FieldError("tier", "A tier is a code of letters, digits, - and _ (e.g. standard, vip)."));
        }

        var taxId = Text(data.TaxId, "taxId", MasterDataLimits.TaxId, errors, required: false);
        var email = Email(data.Email, "email", errors);
        var phone = Text(data.Phone, "phone", ClaimLimits.Phone, errors, required: false);
        var country = Country(data.Country, "country", errors);
        return errors.Count > 0 ? (code, null, errors) : (code, new CustomerFacts(name!, type, tier, taxId, email, phone, country), errors);
    }

    public static (string? Key, SupplierFacts? Facts, List<FieldError> Errors) Supplier(string? key, SupplierData? data)
    {
        var errors = new List<FieldError>();
        var code = Key(key, data?.Code, "code", errors);
        data ??= new SupplierData();
        var name = Text(data.Name, "name", MasterDataLimits.Name, errors, required: true);
        var taxId = Text(data.TaxId, "taxId", MasterDataLimits.TaxId, errors, required: false);
        var email = Email(data.Email, "email", errors);
        var country = Country(data.Country, "country", errors);
        return errors.Count > 0 ? (code, null, errors) : (code, new SupplierFacts(name!, taxId, email, country), errors);
    }

    public static (string? Key, ProductFacts? Facts, List<FieldError> Errors) Product(string? key, ProductData? data)
    {
        var errors = new List<FieldError>();
        var code = Key(key, data?.Code, "code", errors);
        data ??= new ProductData();
        var name = Text(data.Name, "name", MasterDataLimits.Name, errors, required: true);
        var ean = Text(data.Ean, "ean", 14, errors, required: false);
        if (ean is not null && (ean.Length < 8 || !ean.All(char.IsAsciiDigit)))
        {
            errors.Add(new FieldError("ean", "An EAN (GTIN) has 8 to 14 digits."));
        }

        var supplier = Text(data.SupplierCode, "supplierCode", MasterDataLimits.Code, errors, required: false);
        if (data.WarrantyMonths is < 0 or > MasterDataLimits.MaxWarrantyMonths)
        {
            errors.Add(new FieldError("warrantyMonths", "Warranty months are from 0 to {0}.", MasterDataLimits.MaxWarrantyMonths));
        }

        var group = Text(data.ProductGroup, "productGroup", MasterDataLimits.Code, errors, required: false);
        return errors.Count > 0 ? (code, null, errors) : (code, new ProductFacts(name!, ean, supplier, data.WarrantyMonths, group), errors);
    }

    public static (string? Key, SalesDocumentFacts? Facts, List<FieldError> Errors) SalesDocument(string? key, SalesDocumentData? data)
    {
        var errors = new List<FieldError>();
        var number = Key(key, data?.Number, "number", errors);
        data ??= new SalesDocumentData();
        var customer = Text(data.CustomerCode, "customerCode", MasterDataLimits.Code, errors, required: true);
        if (data.IssueDate is null)
        {
            errors.Add(new FieldError("issueDate", "This field is required."));
        }

        var currency = Text(data.Currency, "currency", 3, errors, required: true)?.ToUpperInvariant();
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors.Add(new FieldError("currency", "A currency is a three-letter ISO 4217 code (PLN, CZK, EUR)."));
        }

        var goodsIssue = data.GoodsIssue ?? new GoodsIssueData();
        var shipment = data.Shipment ?? new ShipmentData();
        var goodsIssueNumber = Text(goodsIssue.Number, "goodsIssue.number", MasterDataLimits.Code, errors, required: false);
        var pickedBy = Text(goodsIssue.PickedBy, "goodsIssue.pickedBy", MasterDataLimits.Person, errors, required: false);
        var packedBy = Text(goodsIssue.PackedBy, "goodsIssue.packedBy", MasterDataLimits.Person, errors, required: false);
        var carrier = Text(shipment.Carrier, "shipment.carrier", 40, errors, required: false)?.ToLowerInvariant();
        if (carrier is not null && !carrier.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            errors.Add(new FieldError("shipment.carrier", "A carrier is a code of letters, digits, - and _ (e.g. inpost, dpd, ppl)."));
        }

        var tracking = Text(shipment.TrackingNumber, "shipment.trackingNumber", MasterDataLimits.Code, errors, required: false);
        var lines = Lines(data.Lines, errors);
        return errors.Count > 0
            ? (number, null, errors)
            : (number, new SalesDocumentFacts(customer!, data.IssueDate!.Value, data.SaleDate, currency!, goodsIssueNumber, pickedBy,
                packedBy, carrier, tracking, lines), errors);
    }

    private static List<SalesLineFacts> Lines(IReadOnlyList<SalesLineData?>? input, List<FieldError> errors)
    {
        var lines = new List<SalesLineFacts>();
        if (input is null || input.Count == 0)
        {
            errors.Add(new FieldError("lines", "A sales document needs at least one line."));
            return lines;
        }

        if (input.Count > MasterDataLimits.MaxLines)
        {
            errors.Add(new FieldError("lines", "A sales document has at most {0} lines.", MasterDataLimits.MaxLines));
            return lines;
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < input.Count; i++)
        {
            var line = input[i] ?? new SalesLineData();
            var path = string.Create(CultureInfo.InvariantCulture, $"lines[{i}]");
            var lineNo = line.LineNo ?? i + 1;
            if (lineNo < 1 || !seen.Add(lineNo))
            {
                errors.Add(new FieldError($"{path}.lineNo", "Line numbers are positive and differ from line to line."));
            }

            var product = Text(line.ProductCode, $"{path}.productCode", MasterDataLimits.Code, errors, required: true);
            var quantity = line.Quantity ?? 1m;
            if (quantity <= 0 || quantity > MasterDataLimits.MaxQuantity || quantity != Math.Round(quantity, 3))
            {
                errors.Add(new FieldError($"{path}.quantity", "The quantity must be more than 0 and at most {0}, with at most 3 decimals.",
                    MasterDataLimits.MaxQuantity));
            }

            var price = line.UnitPrice ?? 0m;
            if (price < 0 || price > MasterDataLimits.MaxUnitPrice || price != Math.Round(price, 2))
            {
                errors.Add(new FieldError($"{path}.unitPrice", "The unit price must be between 0 and {0}, with at most 2 decimals.",
                    MasterDataLimits.MaxUnitPrice));
            }

            var serials = new List<string>();
            if (line.SerialNumbers is { Count: > MasterDataLimits.MaxSerialNumbers })
            {
                errors.Add(new FieldError($"{path}.serialNumbers", "A line has at most {0} serial numbers.", MasterDataLimits.MaxSerialNumbers));
            }
            else
            {
                foreach (var serial in line.SerialNumbers ?? [])
                {
                    var text = Text(serial, $"{path}.serialNumbers", ClaimLimits.Code, errors, required: false);
                    if (text is not null && text.Contains('|', StringComparison.Ordinal))
                    {
                        errors.Add(new FieldError($"{path}.serialNumbers", "A serial number cannot hold '|'."));
                    }
                    else if (text is not null)
                    {
                        serials.Add(text);
                    }
                }
            }

            lines.Add(new SalesLineFacts(lineNo, product ?? "", Math.Round(quantity, 3), Math.Round(price, 2), serials));
        }

        return lines;
    }

    /// <summary>The key from the address, or from the body when there is no address; both given, they must agree.</summary>
    private static string? Key(string? fromAddress, string? fromBody, string field, List<FieldError> errors)
    {
        var body = fromBody?.Trim();
        if (fromAddress is not null && !string.IsNullOrEmpty(body) && !string.Equals(body, fromAddress.Trim(), StringComparison.Ordinal))
        {
            errors.Add(new FieldError(field, "The {0} in the body, '{1}', differs from the one in the address.", field, body));
            return null;
        }

        return Text(fromAddress ?? fromBody, field, MasterDataLimits.Code, errors, required: true);
    }

    private static string? Email(string? value, string field, List<FieldError> errors)
    {
        var email = Text(value, field, ClaimLimits.Email, errors, required: false);
        if (email is not null && !ClaimValidator.IsEmail(email))
        {
            errors.Add(new FieldError(field, "'{0}' is not a valid e-mail address.", email));
            return null;
        }

        return email;
    }

    private static string? Country(string? value, string field, List<FieldError> errors)
    {
        var country = Text(value, field, 2, errors, required: false)?.ToUpperInvariant();
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            errors.Add(new FieldError(field, "A country is a two-letter ISO 3166 code (PL, CZ, DE)."));
            return null;
        }

        return country;
    }

    private static string? Text(string? value, string field, int max, List<FieldError> errors, bool required) =>
        ClaimValidator.Text(value, field, max, errors, required);
}
