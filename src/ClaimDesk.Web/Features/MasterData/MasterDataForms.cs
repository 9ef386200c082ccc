using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.MasterData;

namespace ClaimDesk.Web.Features.MasterData;

/// <summary>
/// What a master-data page posts. Every value arrives as text, so that a mistyped number comes back as typed with its
/// error; <see cref="ToData"/> turns it into the record the API takes, and the same <see cref="MasterDataWriter"/>
/// checks and stores it. Property paths follow the API's field names (<c>goodsIssue.number</c> is
/// <c>GoodsIssue.Number</c>), so that an error by field lands on its input (<see cref="MasterDataFormFields"/>).
/// </summary>
public interface IMasterDataForm<TData, in TDto>
    where TData : class
{
    /// <summary>The record's key as typed (code or number).</summary>
    string? Key { get; }

    TData ToData(List<FieldError> errors);

    void Load(TDto dto);
}

public sealed class CustomerForm : IMasterDataForm<CustomerData, CustomerDto>
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; } = "business";
    public string? Tier { get; set; } = MasterDataValidator.DefaultTier;
    public string? TaxId { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Country { get; set; }

    public string? Key => Code;

    public CustomerData ToData(List<FieldError> errors) => new()
    {
        Code = Code, Name = Name, Type = Type, Tier = Tier, TaxId = TaxId, Email = Email, Phone = Phone, Country = Country,
    };

    public void Load(CustomerDto dto) =>
        (Code, Name, Type, Tier, TaxId, Email, Phone, Country) =
        (dto.Code, dto.Name, dto.Type, dto.Tier, dto.TaxId, dto.Email, dto.Phone, dto.Country);
}

public sealed class SupplierForm : IMasterDataForm<SupplierData, SupplierDto>
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? TaxId { get; set; }
    public string? Email { get; set; }
    public string? Country { get; set; }

    public string? Key => Code;

    public SupplierData ToData(List<FieldError> errors) => new() { Code = Code, Name = Name, TaxId = TaxId, Email = Email, Country = Country };

    public void Load(SupplierDto dto) => (Code, Name, TaxId, Email, Country) = (dto.Code, dto.Name, dto.TaxId, dto.Email, dto.Country);
}

public sealed class ProductForm : IMasterDataForm<ProductData, ProductDto>
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Ean { get; set; }
    public string? SupplierCode { get; set; }
    public string? WarrantyMonths { get; set; }
    public string? ProductGroup { get; set; }

    public string? Key => Code;

    public ProductData ToData(List<FieldError> errors) => new()
    {
        Code = Code, Name = Name, Ean = Ean, SupplierCode = SupplierCode,
        WarrantyMonths = FieldValues.WholeNumber(WarrantyMonths, "warrantyMonths", errors), ProductGroup = ProductGroup,
    };

    public void Load(ProductDto dto)
    {
        (Code, Name, Ean, SupplierCode, ProductGroup) = (dto.Code, dto.Name, dto.Ean, dto.SupplierCode, dto.ProductGroup);
        WarrantyMonths = dto.WarrantyMonths?.ToString(CultureInfo.InvariantCulture);
    }
}

public sealed class SalesDocumentForm : IMasterDataForm<SalesDocumentData, SalesDocumentDto>
{
    public string? Number { get; set; }
    public string? CustomerCode { get; set; }
    public string? IssueDate { get; set; }
    public string? SaleDate { get; set; }
    public string? Currency { get; set; } = "PLN";
    public GoodsIssueForm GoodsIssue { get; set; } = new();
    public ShipmentForm Shipment { get; set; } = new();
    public List<SalesLineForm> Lines { get; set; } = [new()];

    public string? Key => Number;

    public SalesDocumentData ToData(List<FieldError> errors) => new()
    {
        Number = Number,
        CustomerCode = CustomerCode,
        IssueDate = FieldValues.Date(IssueDate, "issueDate", errors),
        SaleDate = FieldValues.Date(SaleDate, "saleDate", errors),
        Currency = Currency,
        GoodsIssue = new GoodsIssueData { Number = GoodsIssue.Number, PickedBy = GoodsIssue.PickedBy, PackedBy = GoodsIssue.PackedBy },
        Shipment = new ShipmentData { Carrier = Shipment.Carrier, TrackingNumber = Shipment.TrackingNumber },
        Lines = [.. Lines.Select((line, i) => line.ToData(string.Create(CultureInfo.InvariantCulture, $"lines[{i}]"), errors))],
    };

    public void Load(SalesDocumentDto dto)
    {
        (Number, CustomerCode, Currency) = (dto.Number, dto.CustomerCode, dto.Currency);
        IssueDate = dto.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        SaleDate = dto.SaleDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        GoodsIssue = new GoodsIssueForm { Number = dto.GoodsIssue.Number, PickedBy = dto.GoodsIssue.PickedBy, PackedBy = dto.GoodsIssue.PackedBy };
        Shipment = new ShipmentForm { Carrier = dto.Shipment.Carrier, TrackingNumber = dto.Shipment.TrackingNumber };
        Lines = [.. dto.Lines.Select(l => new SalesLineForm
        {
            LineNo = l.LineNo.ToString(CultureInfo.InvariantCulture),
            ProductCode = l.ProductCode,
            Quantity = l.Quantity.ToString("0.###", CultureInfo.InvariantCulture),
            UnitPrice = l.UnitPrice.ToString("0.00", CultureInfo.InvariantCulture),
            SerialNumbers = string.Join(", ", l.SerialNumbers),
        })];
    }

    /// <summary>A new line numbered after the highest line number typed (or the line count, when none parses).</summary>
    public void AddLine()
    {
        var numbers = Lines.Select(l => int.TryParse(l.LineNo, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
        var next = Math.Max(Lines.Count, numbers.DefaultIfEmpty(0).Max()) + 1;
        Lines.Add(new SalesLineForm { LineNo = next.ToString(CultureInfo.InvariantCulture), Quantity = "1" });
    }
}

public sealed class GoodsIssueForm
{
    public string? Number { get; set; }
    public string? PickedBy { get; set; }
    public string? PackedBy { get; set; }
}

public sealed class ShipmentForm
{
    public string? Carrier { get; set; }
    public string? TrackingNumber { get; set; }
}

public sealed class SalesLineForm
{
    public string? LineNo { get; set; } = "1";
    public string? ProductCode { get; set; }
    public string? Quantity { get; set; } = "1";
    public string? UnitPrice { get; set; }

    /// <summary>Serial numbers separated by commas, semicolons or new lines.</summary>
    public string? SerialNumbers { get; set; }

    public SalesLineData ToData(string path, List<FieldError> errors) => new()
    {
        LineNo = FieldValues.WholeNumber(LineNo, $"{path}.lineNo", errors),
        ProductCode = ProductCode,
        Quantity = FieldValues.Number(Quantity, $"{path}.quantity", errors),
        UnitPrice = FieldValues.Number(UnitPrice, $"{path}.unitPrice", errors),
        SerialNumbers = SerialNumbers?.Split([',', ';', '\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
    };
}

/// <summary>Where an error by the API's field name (<c>lines[1].unitPrice</c>) shows on a page: <c>Form.Lines[1].UnitPrice</c>.</summary>
public static class MasterDataFormFields
{
    public static string Of(string field) =>
        field.Length == 0 ? "" : "Form." + string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
