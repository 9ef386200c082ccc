using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Customers;

namespace ClaimDesk.Core.MasterData;

/// <summary>
/// A sales document (invoice, receipt) from the ERP (DESIGN §2): who bought what, when, at what price, which serial
/// numbers left on which goods-issue document, picked and packed by whom, and how it was shipped. Claims look their
/// purchase facts up here; the number is the ERP's key.
/// </summary>
public sealed class SalesDocument
{
    public const string EntityType = "sales_document";

    public long Id { get; set; }

    public string Number { get; set; } = "";

    public long CustomerId { get; set; }

    public Customer? Customer { get; set; }

    public DateOnly IssueDate { get; set; }

    public DateOnly? SaleDate { get; set; }

    /// <summary>ISO 4217 (PLN, CZK, EUR).</summary>
    public string Currency { get; set; } = "";

    public string? GoodsIssueNumber { get; set; }

    public string? PickedBy { get; set; }

    public string? PackedBy { get; set; }

    /// <summary>The carrier's code (<c>inpost</c>, <c>dpd</c>, <c>ppl</c> …).</summary>
    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<SalesDocumentLine> Lines { get; set; } = [];

    public static SalesDocument Create(string number, SalesDocumentFacts facts, Customer customer,
        IReadOnlyDictionary<string, Product> products, DateTime now, ChangeLog log)
    {
        var document = new SalesDocument { Number = number, CreatedAt = now, UpdatedAt = now };
        document.Apply(facts, customer, products, now, new ChangeLog());
        log.Add(new Change(EntityType, number, "created"));
        return document;
    }

    /// <summary>
    /// Takes the ERP's facts, with the customer and the products (by code) they name already looked up (saved ones,
    /// with ids); lines are matched by their line number, added, changed or removed. <see cref="Customer"/> and each
    /// line's product must be loaded, for the audit values. True when anything changed.
    /// </summary>
    public bool Apply(SalesDocumentFacts facts, Customer customer, IReadOnlyDictionary<string, Product> products,
        DateTime now, ChangeLog log)
    {
        var before = log.Changes.Count;
        if (CustomerId != customer.Id)
        {
            log.Add(new Change(EntityType, Number, "updated", "customerCode", Customer?.Code, customer.Code));
            Customer = customer;
            CustomerId = customer.Id;
        }

        IssueDate = FieldChanges.Set(log, EntityType, Number, "issueDate", IssueDate, facts.IssueDate);
        SaleDate = FieldChanges.Set(log, EntityType, Number, "saleDate", SaleDate, facts.SaleDate);
        Currency = FieldChanges.Set(log, EntityType, Number, "currency", Currency, facts.Currency);
        GoodsIssueNumber = FieldChanges.Set(log, EntityType, Number, "goodsIssue.number", GoodsIssueNumber, facts.GoodsIssueNumber);
        PickedBy = FieldChanges.Set(log, EntityType, Number, "goodsIssue.pickedBy", PickedBy, facts.PickedBy);
        PackedBy = FieldChanges.Set(log, EntityType, Number, "goodsIssue.packedBy", PackedBy, facts.PackedBy);
        Carrier = FieldChanges.Set(log, EntityType, Number, "shipment.carrier", Carrier, facts.Carrier);
        TrackingNumber = FieldChanges.Set(log, EntityType, Number, "shipment.trackingNumber", TrackingNumber, facts.TrackingNumber);
        ApplyLines(facts.Lines, products, log);
        if (log.Changes.Count == before)
        {
            return false;
        }

        UpdatedAt = now;
        return true;
    }

    private void ApplyLines(IReadOnlyList<SalesLineFacts> lines, IReadOnlyDictionary<string, Product> products, ChangeLog log)
    {
        var wanted = lines.Select(l => l.LineNo).ToHashSet();
        var existing = Lines.Where(l => wanted.Contains(l.LineNo)).ToDictionary(l => l.LineNo);
        foreach (var gone in Lines.Where(l => !wanted.Contains(l.LineNo)).ToList())
        {
            log.Add(new Change(EntityType, Number, "updated", LineField(gone.LineNo), gone.Describe(), null));
            Lines.Remove(gone);
        }

        foreach (var facts in lines)
        {
            var product = products[facts.ProductCode];
            if (!existing.TryGetValue(facts.LineNo, out var line))
            {
                line = new SalesDocumentLine { LineNo = facts.LineNo };
                Lines.Add(line);
            }
            else if (line.Matches(facts, product))
            {
                continue;
            }

            var old = line.Product is null ? null : line.Describe();
            line.Product = product;
            line.ProductId = product.Id;
            line.Quantity = facts.Quantity;
            line.UnitPrice = facts.UnitPrice;
            line.SerialNumbers = [.. facts.SerialNumbers];
            log.Add(new Change(EntityType, Number, "updated", LineField(facts.LineNo), old, line.Describe()));
        }

        Lines.Sort((a, b) => a.LineNo.CompareTo(b.LineNo));
    }

    private static string LineField(int lineNo) => string.Create(CultureInfo.InvariantCulture, $"line {lineNo}");
}

/// <summary>One line of a <see cref="SalesDocument"/>: product, quantity, unit price and the serial numbers sold.</summary>
public sealed class SalesDocumentLine
{
    public long Id { get; set; }

    public long SalesDocumentId { get; set; }

    public int LineNo { get; set; }

    public long ProductId { get; set; }

    public Product? Product { get; set; }

    public decimal Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    public List<string> SerialNumbers { get; set; } = [];

    internal bool Matches(SalesLineFacts facts, Product product) =>
        ProductId == product.Id && Quantity == facts.Quantity && UnitPrice == facts.UnitPrice
        && SerialNumbers.SequenceEqual(facts.SerialNumbers, StringComparer.Ordinal);

    /// <summary>The line as one audit value: <c>AM-PA612 × 2 @ 1499.00 [SN-1, SN-2]</c>.</summary>
    internal string Describe()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Product?.Code} × {Quantity:0.###} @ {UnitPrice:0.00}");
        return SerialNumbers.Count == 0 ? text : $"{text} [{string.Join(", ", SerialNumbers)}]";
    }
}
