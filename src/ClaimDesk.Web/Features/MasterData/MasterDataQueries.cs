using System.Globalization;
using System.Linq.Expressions;
using ClaimDesk.Core.Common;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.MasterData;

/// <summary>
/// A kind of master data as the staff pages show it, in the current language: its address (the API's route), its
/// record page, and its list's headers besides the key and the updated time.
/// </summary>
public sealed record MasterDataSection(string Route, string Title, string RecordPage, string NewLabel, string NameHeader, IReadOnlyList<string> Columns)
{
    public static IReadOnlyList<MasterDataSection> All(IStringLocalizer localizer) =>
    [
        new("customers", localizer["Customers"], "Customer", localizer["New customer"], localizer["Customer name"],
            [localizer["Customer type"], localizer["Customer tier"], localizer["Tax ID"], localizer["Country"]]),
        new("suppliers", localizer["Suppliers"], "Supplier", localizer["New supplier"], localizer["Supplier name"],
            [localizer["Tax ID"], localizer["E-mail"], localizer["Country"]]),
        new("products", localizer["Products"], "Product", localizer["New product"], localizer["Product name"],
            [localizer["EAN"], localizer["Supplier code"], localizer["Warranty (months)"]]),
        new("sales-documents", localizer["Sales documents"], "SalesDocument", localizer["New sales document"], localizer["Customer"],
            [localizer["Issue date"], localizer["Goods issue"], localizer["Lines"]]),
    ];
}

/// <summary>One row of a master-data list: the key, the name (a sales document's customer), the kind's other columns.</summary>
public sealed record MasterDataRow(string Key, string Name, IReadOnlyList<string?> Cells, DateTime? UpdatedAt);

public sealed record MasterDataRows(IReadOnlyList<MasterDataRow> Rows, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>What a list shows: a search, a sort column (<c>key</c>, <c>name</c>, <c>updated</c>) and direction, a page.</summary>
public sealed record MasterDataListQuery(string? Search, string Sort, bool Descending, int Page)
{
    public const int PageSize = 25;

    public int Skip => (Math.Max(1, Page) - 1) * PageSize;
}

/// <summary>
/// The staff lists of master data, searched, sorted and paged in SQL. The search matches a key by its start, a name by
/// any part, and exactly a tax id, an EAN, a supplier's or customer's code, a goods-issue or tracking number; a sales
/// document also by the code or EAN of a product on it and by any part of a serial number it sold.
/// </summary>
public sealed class MasterDataQueries(AppDbContext db, IStringLocalizer<SharedResource> localizer)
{
    public Task<MasterDataRows> ListAsync(MasterDataSection section, MasterDataListQuery query, CancellationToken cancellationToken) =>
        section.Route switch
        {
            "customers" => CustomersAsync(query, cancellationToken),
            "suppliers" => SuppliersAsync(query, cancellationToken),
            "products" => ProductsAsync(query, cancellationToken),
            _ => SalesDocumentsAsync(query, cancellationToken),
        };

    private async Task<MasterDataRows> CustomersAsync(MasterDataListQuery query, CancellationToken cancellationToken)
    {
        var customers = db.Customers.AsNoTracking().Where(c => c.Code != null);
        if (Search(query) is { } s)
        {
            customers = customers.Where(c => c.Code!.StartsWith(s) || c.Name.Contains(s) || c.TaxId == s || c.Email == s);
        }

        customers = Sorted(customers, query, c => c.Code!, c => c.Name, c => c.UpdatedAt);
        var total = await customers.CountAsync(cancellationToken);
        var rows = await customers.Skip(query.Skip).Take(MasterDataListQuery.PageSize)
            .Select(c => new { c.Code, c.Name, c.Type, c.Tier, c.TaxId, c.Country, c.UpdatedAt })
            .ToListAsync(cancellationToken);
        return Page(query, total, rows.Select(c => new MasterDataRow(c.Code!, c.Name,
            [localizer[Claims.CodeLabels.Of<Core.Claims.CustomerType>(Codes.Of(c.Type))].Value, c.Tier, c.TaxId, c.Country], c.UpdatedAt)));
    }

    private async Task<MasterDataRows> SuppliersAsync(MasterDataListQuery query, CancellationToken cancellationToken)
    {
        var suppliers = db.Suppliers.AsNoTracking();
        if (Search(query) is { } s)
        {
            suppliers = suppliers.Where(x => x.Code.StartsWith(s) || x.Name.Contains(s) || x.TaxId == s || x.Email == s);
        }

        suppliers = Sorted(suppliers, query, x => x.Code, x => x.Name, x => x.UpdatedAt);
        var total = await suppliers.CountAsync(cancellationToken);
        var rows = await suppliers.Skip(query.Skip).Take(MasterDataListQuery.PageSize)
            .Select(x => new MasterDataRow(x.Code, x.Name, new[] { x.TaxId, x.Email, x.Country }, x.UpdatedAt))
            .ToListAsync(cancellationToken);
        return Page(query, total, rows);
    }

    private async Task<MasterDataRows> ProductsAsync(MasterDataListQuery query, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking();
        if (Search(query) is { } s)
        {
            products = products.Where(p => p.Code.StartsWith(s) || p.Name.Contains(s) || p.Ean == s || p.Supplier!.Code == s);
        }

        products = Sorted(products, query, p => p.Code, p => p.Name, p => p.UpdatedAt);
        var total = await products.CountAsync(cancellationToken);
        var rows = await products.Skip(query.Skip).Take(MasterDataListQuery.PageSize)
            .Select(p => new { p.Code, p.Name, p.Ean, Supplier = p.Supplier == null ? null : p.Supplier.Code, p.WarrantyMonths, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        return Page(query, total, rows.Select(p => new MasterDataRow(p.Code, p.Name,
            [p.Ean, p.Supplier, p.WarrantyMonths?.ToString(CultureInfo.CurrentCulture)], p.UpdatedAt)));
    }

    private async Task<MasterDataRows> SalesDocumentsAsync(MasterDataListQuery query, CancellationToken cancellationToken)
    {
        var documents = db.SalesDocuments.AsNoTracking();
        if (Search(query) is { } s)
        {
            // Serial numbers are one text column a line (see ClaimLineEnrichment): LIKE finds them in either database.
            var pattern = "%" + s + "%";
            var bySerial = db.SalesDocumentLines.FromSql($"SELECT * FROM sales_document_lines WHERE serial_numbers LIKE {pattern}")
                .Select(l => l.SalesDocumentId);
            documents = documents.Where(d => d.Number.StartsWith(s) || d.Customer!.Code == s || d.Customer.Name.Contains(s)
                || d.GoodsIssueNumber == s || d.TrackingNumber == s
                || d.Lines.Any(l => l.Product!.Code == s || l.Product.Ean == s) || bySerial.Contains(d.Id));
        }

        documents = query.Sort == "date"
            ? Ordered(documents, d => d.IssueDate, query.Descending).ThenBy(d => d.Number)
            : Sorted(documents, query, d => d.Number, d => d.Customer!.Name, d => d.UpdatedAt);
        var total = await documents.CountAsync(cancellationToken);
        var rows = await documents.Skip(query.Skip).Take(MasterDataListQuery.PageSize)
            .Select(d => new { d.Number, Customer = d.Customer!.Name, d.IssueDate, d.GoodsIssueNumber, Lines = d.Lines.Count, d.UpdatedAt })
            .ToListAsync(cancellationToken);
        return Page(query, total, rows.Select(d => new MasterDataRow(d.Number, d.Customer,
            [d.IssueDate.ToString("d", CultureInfo.CurrentCulture), d.GoodsIssueNumber, d.Lines.ToString(CultureInfo.CurrentCulture)], d.UpdatedAt)));
    }

    private static string? Search(MasterDataListQuery query) => string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();

    private static IQueryable<T> Sorted<T, TUpdated>(IQueryable<T> items, MasterDataListQuery query,
        Expression<Func<T, string>> key, Expression<Func<T, string>> name, Expression<Func<T, TUpdated>> updated) =>
        query.Sort switch
        {
            "name" => Ordered(items, name, query.Descending).ThenBy(key),
            "updated" => Ordered(items, updated, query.Descending).ThenBy(key),
            _ => Ordered(items, key, query.Descending),
        };

    private static IOrderedQueryable<T> Ordered<T, TKey>(IQueryable<T> items, Expression<Func<T, TKey>> by, bool descending) =>
        descending ? items.OrderByDescending(by) : items.OrderBy(by);

    private static MasterDataRows Page(MasterDataListQuery query, int total, IEnumerable<MasterDataRow> rows) =>
        new([.. rows], Math.Max(1, query.Page), MasterDataListQuery.PageSize, total);
}
