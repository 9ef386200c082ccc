using ClaimDesk.Core.Claims;
using ClaimDesk.Core.MasterData;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.MasterData;

public sealed record ProductDto(
    string Code, string Name, string? Ean, string? SupplierCode, int? WarrantyMonths, string? ProductGroup,
    DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Products by their ERP code (index); a product names its supplier by the supplier's code, which must exist.</summary>
public sealed class ProductKind : MasterDataKind<ProductData, ProductDto>
{
    public override string Route => "products";

    public override string KeyField => "code";

    public override string EntityType => Product.EntityType;

    public override IReadOnlyList<FieldError> Check(string? key, ProductData data) => MasterDataValidator.Product(key, data).Errors;

    public override IReadOnlyList<string> CsvColumns { get; } = ["code", "name", "ean", "supplierCode", "warrantyMonths", "productGroup"];

    public override async Task<List<UpsertOutcome>> ApplyAsync(
        AppDbContext db, IReadOnlyList<UpsertItem<ProductData>> items, DateTime now, ChangeLog log, CancellationToken cancellationToken)
    {
        var checkedItems = items.Select(i => MasterDataValidator.Product(i.Key, i.Data)).ToList();
        var valid = checkedItems.Where(c => c.Facts is not null).ToList();
        var codes = valid.Select(c => c.Key!).Distinct().ToList();
        var supplierCodes = valid.Select(c => c.Facts!.SupplierCode).OfType<string>().Distinct().ToList();
        var suppliers = await db.Suppliers.Where(s => supplierCodes.Contains(s.Code))
            .ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, cancellationToken);
        var existing = await db.Products.Include(p => p.Supplier).Where(p => codes.Contains(p.Code))
            .ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);
        var outcomes = new List<UpsertOutcome>(items.Count);
        foreach (var (code, facts, errors) in checkedItems)
        {
            Supplier? supplier = null;
            if (facts?.SupplierCode is { } supplierCode && !suppliers.TryGetValue(supplierCode, out supplier))
            {
                errors.Add(new FieldError("supplierCode", "There is no supplier '{0}'; send the supplier first.", supplierCode));
            }

            if (facts is null || errors.Count > 0)
            {
                outcomes.Add(UpsertOutcome.Refuse(code, errors));
            }
            else if (existing.TryGetValue(code!, out var product))
            {
                outcomes.Add(UpsertOutcome.Applied(false, product.Apply(facts, supplier, now, log), code!));
            }
            else
            {
                existing[code!] = db.Products.Add(Product.Create(code!, facts, supplier, now, log)).Entity;
                outcomes.Add(UpsertOutcome.Applied(true, true, code!));
            }
        }

        return outcomes;
    }

    public override Task<ProductDto?> GetAsync(AppDbContext db, string key, CancellationToken cancellationToken) =>
        Project(db.Products.AsNoTracking().Where(p => p.Code == key)).SingleOrDefaultAsync(cancellationToken);

    public override async Task<MasterDataPage<ProductDto>> ListAsync(AppDbContext db, MasterDataFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Products.AsNoTracking();
        if (filter.Search is { Length: > 0 } search)
        {
            query = query.Where(p => p.Code.StartsWith(search) || p.Name.Contains(search) || p.Ean == search);
        }

        if (filter.UpdatedSince is { } since)
        {
            query = query.Where(p => p.UpdatedAt >= since);
        }

        return await PageAsync(query.OrderBy(p => p.Code), Project, filter, cancellationToken);
    }

    public override ProductData FromCsv(CsvRow row, List<FieldError> errors) => new()
    {
        Code = row.Text("code"), Name = row.Text("name"), Ean = row.Text("ean"), SupplierCode = row.Text("supplierCode"),
        WarrantyMonths = row.WholeNumber("warrantyMonths", errors), ProductGroup = row.Text("productGroup"),
    };

    private static IQueryable<ProductDto> Project(IQueryable<Product> products) =>
        products.Select(p => new ProductDto(p.Code, p.Name, p.Ean, p.Supplier == null ? null : p.Supplier.Code, p.WarrantyMonths,
            p.ProductGroup, p.CreatedAt, p.UpdatedAt));
}
