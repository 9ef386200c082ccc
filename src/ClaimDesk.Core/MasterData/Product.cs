using ClaimDesk.Core.Claims;

namespace ClaimDesk.Core.MasterData;

/// <summary>A product (index) from the ERP (DESIGN §2); its warranty months feed the warranty end of claim lines.</summary>
public sealed class Product
{
    public const string EntityType = "product";

    public long Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>EAN / GTIN, 8 to 14 digits.</summary>
    public string? Ean { get; set; }

    public long? SupplierId { get; set; }

    public Supplier? Supplier { get; set; }

    public int? WarrantyMonths { get; set; }

    /// <summary>The ERP's product group (category), for reports.</summary>
    public string? ProductGroup { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public static Product Create(string code, ProductFacts facts, Supplier? supplier, DateTime now, ChangeLog log)
    {
        var product = new Product { Code = code, CreatedAt = now, UpdatedAt = now };
        product.Apply(facts, supplier, now, new ChangeLog());
        log.Add(new Change(EntityType, code, "created"));
        return product;
    }

    /// <summary>
    /// Takes the ERP's facts with the supplier they name (already looked up by its code; <see cref="Supplier"/> must be
    /// loaded, and a supplier has an id); true when anything changed.
    /// </summary>
    public bool Apply(ProductFacts facts, Supplier? supplier, DateTime now, ChangeLog log)
    {
        var before = log.Changes.Count;
        Name = FieldChanges.Set(log, EntityType, Code, "name", Name, facts.Name);
        Ean = FieldChanges.Set(log, EntityType, Code, "ean", Ean, facts.Ean);
        if (SupplierId != supplier?.Id)
        {
            log.Add(new Change(EntityType, Code, "updated", "supplierCode", Supplier?.Code, supplier?.Code));
            Supplier = supplier;
            SupplierId = supplier?.Id;
        }

        WarrantyMonths = FieldChanges.Set(log, EntityType, Code, "warrantyMonths", WarrantyMonths, facts.WarrantyMonths);
        ProductGroup = FieldChanges.Set(log, EntityType, Code, "productGroup", ProductGroup, facts.ProductGroup);
        if (log.Changes.Count == before)
        {
            return false;
        }

        UpdatedAt = now;
        return true;
    }
}
