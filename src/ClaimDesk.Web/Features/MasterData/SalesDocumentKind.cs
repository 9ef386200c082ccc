using ClaimDesk.Core.Claims;
using ClaimDesk.Core.MasterData;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.MasterData;

public sealed record SalesDocumentDto(
    string Number, string CustomerCode, string CustomerName, DateOnly IssueDate, DateOnly? SaleDate, string Currency,
    GoodsIssueData GoodsIssue, ShipmentData Shipment, IReadOnlyList<SalesLineDto> Lines, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record SalesLineDto(int LineNo, string ProductCode, string ProductName, decimal Quantity, decimal UnitPrice, IReadOnlyList<string> SerialNumbers);

/// <summary>
/// Sales documents by their number, with their lines. A document names its customer and each line its product by
/// their codes, which must exist. In CSV a row is a line; the document's columns are repeated on each of its rows,
/// which follow each other.
/// </summary>
public sealed class SalesDocumentKind : MasterDataKind<SalesDocumentData, SalesDocumentDto>
{
    private static readonly string[] DocumentColumns =
        ["number", "customerCode", "issueDate", "saleDate", "currency", "goodsIssue.number", "goodsIssue.pickedBy", "goodsIssue.packedBy",
         "shipment.carrier", "shipment.trackingNumber"];

    public override string Route => "sales-documents";

    public override string KeyField => "number";

    public override string EntityType => SalesDocument.EntityType;

    public override IReadOnlyList<FieldError> Check(string? key, SalesDocumentData data) => MasterDataValidator.SalesDocument(key, data).Errors;

    public override IReadOnlyList<string> CsvColumns { get; } =
        [.. DocumentColumns, "lineNo", "productCode", "quantity", "unitPrice", "serialNumbers"];

    public override async Task<List<UpsertOutcome>> ApplyAsync(
        AppDbContext db, IReadOnlyList<UpsertItem<SalesDocumentData>> items, DateTime now, ChangeLog log, CancellationToken cancellationToken)
    {
        var checkedItems = items.Select(i => MasterDataValidator.SalesDocument(i.Key, i.Data)).ToList();
        var valid = checkedItems.Where(c => c.Facts is not null).ToList();
        var numbers = valid.Select(c => c.Key!).Distinct().ToList();
        var customerCodes = valid.Select(c => c.Facts!.CustomerCode).Distinct().ToList();
        var productCodes = valid.SelectMany(c => c.Facts!.Lines.Select(l => l.ProductCode)).Distinct().ToList();
        var customers = await db.Customers.Where(c => customerCodes.Contains(c.Code!))
            .ToDictionaryAsync(c => c.Code!, StringComparer.Ordinal, cancellationToken);
        var products = await db.Products.Where(p => productCodes.Contains(p.Code))
            .ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);
        var existing = await db.SalesDocuments.Include(d => d.Customer).Include(d => d.Lines).ThenInclude(l => l.Product)
            .Where(d => numbers.Contains(d.Number)).AsSplitQuery()
            .ToDictionaryAsync(d => d.Number, StringComparer.Ordinal, cancellationToken);
        var outcomes = new List<UpsertOutcome>(items.Count);
        foreach (var (number, facts, errors) in checkedItems)
        {
            Core.Customers.Customer? customer = null;
            if (facts is not null)
            {
                if (!customers.TryGetValue(facts.CustomerCode, out customer))
                {
                    errors.Add(new FieldError("customerCode", "There is no customer '{0}'; send the customer first.", facts.CustomerCode));
                }

                for (var i = 0; i < facts.Lines.Count; i++)
                {
                    if (!products.ContainsKey(facts.Lines[i].ProductCode))
                    {
                        errors.Add(new FieldError($"lines[{i}].productCode", "There is no product '{0}'; send the product first.",
                            facts.Lines[i].ProductCode));
                    }
                }
            }

            if (facts is null || customer is null || errors.Count > 0)
            {
                outcomes.Add(UpsertOutcome.Refuse(number, errors));
            }
            else if (existing.TryGetValue(number!, out var document))
            {
                outcomes.Add(UpsertOutcome.Applied(false, document.Apply(facts, customer, products, now, log), number!));
            }
            else
            {
                existing[number!] = db.SalesDocuments.Add(SalesDocument.Create(number!, facts, customer, products, now, log)).Entity;
                outcomes.Add(UpsertOutcome.Applied(true, true, number!));
            }
        }

        return outcomes;
    }

    public override async Task<SalesDocumentDto?> GetAsync(AppDbContext db, string key, CancellationToken cancellationToken) =>
        (await Project(db.SalesDocuments.AsNoTracking().Where(d => d.Number == key)).SingleOrDefaultAsync(cancellationToken))?.ToDto();

    public override async Task<MasterDataPage<SalesDocumentDto>> ListAsync(AppDbContext db, MasterDataFilter filter, CancellationToken cancellationToken)
    {
        var query = db.SalesDocuments.AsNoTracking();
        if (filter.Search is { Length: > 0 } search)
        {
            query = query.Where(d => d.Number.StartsWith(search) || d.GoodsIssueNumber == search || d.TrackingNumber == search);
        }

        if (filter.Customer is { Length: > 0 } customer)
        {
            query = query.Where(d => d.Customer!.Code == customer);
        }

        if (filter.UpdatedSince is { } since)
        {
            query = query.Where(d => d.UpdatedAt >= since);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await Project(query.OrderBy(d => d.Number).Skip(filter.Skip).Take(filter.PageSize)).ToListAsync(cancellationToken);
        return new MasterDataPage<SalesDocumentDto>([.. rows.Select(r => r.ToDto())], filter.Page, filter.PageSize, total);
    }

    public override SalesDocumentData FromCsv(CsvRow row, List<FieldError> errors) => new()
    {
        Number = row.Text("number"),
        CustomerCode = row.Text("customerCode"),
        IssueDate = row.Date("issueDate", errors),
        SaleDate = row.Date("saleDate", errors),
        Currency = row.Text("currency"),
        GoodsIssue = new GoodsIssueData
        {
            Number = row.Text("goodsIssue.number"), PickedBy = row.Text("goodsIssue.pickedBy"), PackedBy = row.Text("goodsIssue.packedBy"),
        },
        Shipment = new ShipmentData { Carrier = row.Text("shipment.carrier"), TrackingNumber = row.Text("shipment.trackingNumber") },
        Lines =
        [
            new SalesLineData
            {
                LineNo = row.WholeNumber("lineNo", errors),
                ProductCode = row.Text("productCode"),
                Quantity = row.Number("quantity", errors),
                UnitPrice = row.Number("unitPrice", errors),
                SerialNumbers = row.Text("serialNumbers")?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            },
        ],
    };

    public override bool RecordSpansRows => true;

    public override int Weight(SalesDocumentData? data) => Math.Max(1, data?.Lines?.Count ?? 1);

    /// <summary>The next row of the same document adds its line; its document columns must repeat the first row's.</summary>
    public override SalesDocumentData? Merge(SalesDocumentData current, SalesDocumentData following, List<FieldError> errors)
    {
        if (following.Number is null || !string.Equals(current.Number, following.Number, StringComparison.Ordinal))
        {
            return null;
        }

        if (current with { Lines = null } != following with { Lines = null })
        {
            errors.Add(new FieldError("number", "The document's columns differ from those of its first row; they must be repeated as they are."));
        }

        return current with { Lines = [.. current.Lines ?? [], .. following.Lines ?? []] };
    }

    private sealed record DocumentRow(SalesDocument Document, string CustomerCode, string CustomerName, IEnumerable<SalesLineDto> Lines)
    {
        public SalesDocumentDto ToDto() => new(Document.Number, CustomerCode, CustomerName, Document.IssueDate, Document.SaleDate,
            Document.Currency, new GoodsIssueData { Number = Document.GoodsIssueNumber, PickedBy = Document.PickedBy, PackedBy = Document.PackedBy },
            new ShipmentData { Carrier = Document.Carrier, TrackingNumber = Document.TrackingNumber },
            [.. Lines], Document.CreatedAt, Document.UpdatedAt);
    }

    private static IQueryable<DocumentRow> Project(IQueryable<SalesDocument> documents) =>
        documents.Select(d => new DocumentRow(d, d.Customer!.Code!, d.Customer.Name,
            d.Lines.OrderBy(l => l.LineNo).Select(l => new SalesLineDto(l.LineNo, l.Product!.Code, l.Product.Name, l.Quantity, l.UnitPrice,
                l.SerialNumbers))));
}
