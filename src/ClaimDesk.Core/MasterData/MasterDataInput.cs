namespace ClaimDesk.Core.MasterData;

/// <summary>The most a master-data field may hold; beyond it input is refused with a message, never cut.</summary>
public static class MasterDataLimits
{
    public const int Code = 100;
    public const int Name = 300;
    public const int TaxId = 30;
    public const int Tier = 40;
    public const int Person = 200;
    public const int MaxWarrantyMonths = 600;
    public const int MaxLines = 10_000;
    public const int MaxSerialNumbers = 10_000;
    public const decimal MaxQuantity = 1_000_000_000m;
    public const decimal MaxUnitPrice = 100_000_000m;
}

/// <summary>A customer as the ERP sends it (DESIGN §8): nothing trusted yet.</summary>
public sealed record CustomerData
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Type { get; init; }
    public string? Tier { get; init; }
    public string? TaxId { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Country { get; init; }
}

/// <summary>A supplier as the ERP sends it.</summary>
public sealed record SupplierData
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? TaxId { get; init; }
    public string? Email { get; init; }
    public string? Country { get; init; }
}

/// <summary>A product (index) as the ERP sends it.</summary>
public sealed record ProductData
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Ean { get; init; }
    public string? SupplierCode { get; init; }
    public int? WarrantyMonths { get; init; }
    public string? ProductGroup { get; init; }
}

/// <summary>A sales document (invoice, receipt) with its lines, goods issue and shipment, as the ERP sends it.</summary>
public sealed record SalesDocumentData
{
    public string? Number { get; init; }
    public string? CustomerCode { get; init; }
    public DateOnly? IssueDate { get; init; }
    public DateOnly? SaleDate { get; init; }
    public string? Currency { get; init; }
    public GoodsIssueData? GoodsIssue { get; init; }
    public ShipmentData? Shipment { get; init; }
    public IReadOnlyList<SalesLineData?>? Lines { get; init; }
}

/// <summary>The goods-issue document (WZ / výdejka) that the goods left the warehouse on, and who picked and packed them.</summary>
public sealed record GoodsIssueData
{
    public string? Number { get; init; }
    public string? PickedBy { get; init; }
    public string? PackedBy { get; init; }
}

public sealed record ShipmentData
{
    public string? Carrier { get; init; }
    public string? TrackingNumber { get; init; }
}

public sealed record SalesLineData
{
    public int? LineNo { get; init; }
    public string? ProductCode { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? UnitPrice { get; init; }
    public IReadOnlyList<string?>? SerialNumbers { get; init; }
}
