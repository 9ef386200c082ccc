using System.Globalization;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Lookup;

/// <summary>One suggestion: the value that goes into the field, what the list shows, and the other fields it fills.</summary>
public sealed record LookupItem(string Value, string Label, IReadOnlyDictionary<string, string?> Fill);

/// <summary>A page of suggestions; <see cref="HasMore"/> when the next page has more.</summary>
public sealed record LookupPage(IReadOnlyList<LookupItem> Items, int Page, bool HasMore);

/// <summary>
/// Type-ahead look-ups for staff intake (issue 5): customers, products, sales documents and sold serial numbers, found
/// by the start of their code or a part of their name, paged in SQL. Staff only, through the sign-in cookie.
/// </summary>
public static class LookupEndpoints
{
    public const int PageSize = 10;

    public static void MapLookupEndpoints(this IEndpointRouteBuilder app)
    {
        var lookup = app.MapGroup("/lookup").ExcludeFromDescription().RequireAuthorization(AccountServices.StaffPolicy);
        lookup.MapGet("/customers", CustomersAsync);
        lookup.MapGet("/suppliers", SuppliersAsync);
        lookup.MapGet("/products", ProductsAsync);
        lookup.MapGet("/sales-documents", SalesDocumentsAsync);
        lookup.MapGet("/serial-numbers", SerialNumbersAsync);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "Translated to SQL UPPER().")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1311:Specify a culture", Justification = "Translated to SQL UPPER().")]
    private static async Task<LookupPage> CustomersAsync(AppDbContext db, CancellationToken cancellationToken, string? q = null, int page = 1)
    {
        var (start, part) = Patterns(q);
        var rows = await db.Customers.AsNoTracking()
            .Where(c => c.Code != null && (EF.Functions.Like(c.Code.ToUpper(), start) || EF.Functions.Like(c.Name.ToUpper(), part)
                || (c.TaxId != null && EF.Functions.Like(c.TaxId, start))))
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip(Skip(page)).Take(PageSize + 1)
            .Select(c => new { c.Code, c.Name, c.TaxId, c.Email, c.Phone })
            .ToListAsync(cancellationToken);
        return Page(page, rows.Select(c => new LookupItem(c.Code!, $"{c.Name} ({c.Code})", new Dictionary<string, string?>
        {
            ["name"] = c.Name, ["taxId"] = c.TaxId, ["email"] = c.Email, ["phone"] = c.Phone,
        })));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "Translated to SQL UPPER().")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1311:Specify a culture", Justification = "Translated to SQL UPPER().")]
    private static async Task<LookupPage> SuppliersAsync(AppDbContext db, CancellationToken cancellationToken, string? q = null, int page = 1)
    {
        var (start, part) = Patterns(q);
        var rows = await db.Suppliers.AsNoTracking()
            .Where(s => EF.Functions.Like(s.Code.ToUpper(), start) || EF.Functions.Like(s.Name.ToUpper(), part)
                || (s.TaxId != null && EF.Functions.Like(s.TaxId, start)))
            .OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Skip(Skip(page)).Take(PageSize + 1)
            .Select(s => new { s.Code, s.Name })
            .ToListAsync(cancellationToken);
        return Page(page, rows.Select(s => new LookupItem(s.Code, $"{s.Name} ({s.Code})", new Dictionary<string, string?> { ["name"] = s.Name })));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "Translated to SQL UPPER().")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1311:Specify a culture", Justification = "Translated to SQL UPPER().")]
    private static async Task<LookupPage> ProductsAsync(AppDbContext db, CancellationToken cancellationToken, string? q = null, int page = 1)
    {
        var (start, part) = Patterns(q);
        var rows = await db.Products.AsNoTracking()
            .Where(p => EF.Functions.Like(p.Code.ToUpper(), start) || EF.Functions.Like(p.Name.ToUpper(), part) || (p.Ean != null && EF.Functions.Like(p.Ean, start)))
            .OrderBy(p => p.Code)
            .Skip(Skip(page)).Take(PageSize + 1)
            .Select(p => new { p.Code, p.Name, p.Ean })
            .ToListAsync(cancellationToken);
        return Page(page, rows.Select(p => new LookupItem(p.Code, $"{p.Code} — {p.Name}", new Dictionary<string, string?>
        {
            ["productName"] = p.Name, ["ean"] = p.Ean,
        })));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1304:Specify CultureInfo", Justification = "Translated to SQL UPPER().")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1311:Specify a culture", Justification = "Translated to SQL UPPER().")]
    private static async Task<LookupPage> SalesDocumentsAsync(
        AppDbContext db, CancellationToken cancellationToken, string? q = null, string? customer = null, int page = 1)
    {
        var (start, _) = Patterns(q);
        var documents = db.SalesDocuments.AsNoTracking().Where(d => EF.Functions.Like(d.Number.ToUpper(), start));
        if (!string.IsNullOrWhiteSpace(customer))
        {
            documents = documents.Where(d => d.Customer!.Code == customer);
        }

        var rows = await documents.OrderByDescending(d => d.IssueDate).ThenByDescending(d => d.Id)
            .Skip(Skip(page)).Take(PageSize + 1)
            .Select(d => new { d.Number, d.IssueDate, d.SaleDate, Customer = d.Customer!.Name, CustomerCode = d.Customer.Code })
            .ToListAsync(cancellationToken);
        return Page(page, rows.Select(d => new LookupItem(d.Number,
            $"{d.Number} — {d.Customer}, {d.IssueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", new Dictionary<string, string?>
            {
                ["purchaseDate"] = (d.SaleDate ?? d.IssueDate).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["customerCode"] = d.CustomerCode, ["customerName"] = d.Customer,
            })));
    }

    /// <summary>Sold serial numbers that start with <paramref name="q"/> (at least 3 characters), with the product and document.</summary>
    private static async Task<LookupPage> SerialNumbersAsync(AppDbContext db, CancellationToken cancellationToken, string? q = null, int page = 1)
    {
        var term = q?.Trim() ?? "";
        if (term.Length < 3)
        {
            return new LookupPage([], 1, false);
        }

        var pattern = "%" + term + "%";
        var lines = await db.SalesDocumentLines
            .FromSql($"SELECT * FROM sales_document_lines WHERE serial_numbers LIKE {pattern}")
            .AsNoTracking()
            .OrderByDescending(l => l.SalesDocumentId).ThenBy(l => l.LineNo)
            .Skip(Skip(page)).Take(PageSize + 1)
            .Select(l => new { l.SerialNumbers, l.LineNo, Product = l.Product!.Code, l.Product.Name, l.UnitPrice, l.SalesDocumentId })
            .ToListAsync(cancellationToken);
        var ids = lines.Select(l => l.SalesDocumentId).Distinct().ToList();
        var documents = await db.SalesDocuments.AsNoTracking().Where(d => ids.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => new { d.Number, Date = d.SaleDate ?? d.IssueDate }, cancellationToken);
        var items = lines.SelectMany(l => l.SerialNumbers.Where(s => s.StartsWith(term, StringComparison.OrdinalIgnoreCase)).Select(serial =>
            new LookupItem(serial, $"{serial} — {l.Name}, {documents[l.SalesDocumentId].Number}", new Dictionary<string, string?>
            {
                ["productCode"] = l.Product, ["productName"] = l.Name,
                ["unitPrice"] = l.UnitPrice.ToString(CultureInfo.InvariantCulture),
                ["salesDocumentNumber"] = documents[l.SalesDocumentId].Number,
                ["purchaseDate"] = documents[l.SalesDocumentId].Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            })));
        return Page(page, items);
    }

    private static (string Start, string Part) Patterns(string? q)
    {
        var term = (q ?? "").Trim().ToUpperInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return (term + "%", "%" + term + "%");
    }

    private static int Skip(int page) => (Math.Max(1, page) - 1) * PageSize;

    private static LookupPage Page(int page, IEnumerable<LookupItem> rows)
    {
        var items = rows.Take(PageSize + 1).ToList();
        return new LookupPage([.. items.Take(PageSize)], Math.Max(1, page), items.Count > PageSize);
    }
}
