using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.MasterData;
using ClaimDesk.Core.Warranty;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// Fills a new claim's lines from the ERP's master data (issue 5, DESIGN §2): a line that names a sales document and
/// its line, or a serial number sold to the claim's customer, takes what it leaves blank from it — product, unit price,
/// sale date — and the goods-issue document with its picker and packer, and the shipment. Enrichment never changes who
/// the claimant is, nor what was typed: a claim keeps the customer it names (or none), and a sale of the serial number
/// to anyone else is only offered to staff (<see cref="SalesOfSerialsAsync"/>), who choose. Every line with a date gets
/// its warranty end and state (<see cref="WarrantyRule"/>). A document line cannot be claimed for more than was sold
/// less what other claims already claim of it.
/// </summary>
public sealed class ClaimLineEnrichment(AppDbContext db, OrganisationClock clock, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    /// <summary>
    /// Which master data is known at all (sales document lines, products), re-read every ten seconds and at once after
    /// this node wrote master data: without it, nothing is looked up (a look-up per claim would find nothing).
    /// </summary>
    private sealed record Present(bool SalesLines, bool Products);

    private const string SalesDataKey = "claimdesk:master-data-present";

    /// <summary>Master data was written: the next claim checks again what there is.</summary>
    public static void SalesDataChanged(Microsoft.Extensions.Caching.Memory.IMemoryCache cache) => cache.Remove(SalesDataKey);

    private async Task<Present> PresentAsync(CancellationToken cancellationToken) =>
        (await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, SalesDataKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(10);
            return new Present(await db.SalesDocumentLines.AnyAsync(cancellationToken), await db.Products.AnyAsync(cancellationToken));
        }))!;

    public async Task<(ClaimDraft? Draft, IReadOnlyList<FieldError> Errors)> EnrichAsync(
        ClaimDraft draft, CancellationToken cancellationToken = default)
    {
        // A claim that names its customer draws only on that customer's documents: another company's invoice is as
        // unknown as one that does not exist (a partner never learns of it, nor takes its facts). A claim that names
        // none takes facts only from a document its line names; its serial numbers are not looked up at all, for a
        // sale to someone else says nothing about who this claimant is.
        var named = draft.CustomerCode is null ? null
            : await db.Customers.AsNoTracking().Where(c => c.Code == draft.CustomerCode)
                .Select(c => new { c.Id, c.Country }).SingleOrDefaultAsync(cancellationToken);
        long? owner = draft.CustomerCode is null ? null : named?.Id ?? -1;
        var numbers = draft.Lines.Where(l => l.SalesDocumentNumber is not null).Select(l => l.SalesDocumentNumber!).Distinct().ToList();
        var documents = numbers.Count == 0 ? [] : await db.SalesDocuments.AsNoTracking()
            .Include(d => d.Lines).ThenInclude(l => l.Product)
            .Where(d => numbers.Contains(d.Number) && (owner == null || d.CustomerId == owner))
            .AsSplitQuery()
            .ToDictionaryAsync(d => d.Number, StringComparer.Ordinal, cancellationToken);
        var present = await PresentAsync(cancellationToken);
        var bySerial = owner is not { } customerId || !present.SalesLines ? [] : await FindSoldSerialsAsync(
            [.. draft.Lines.Where(l => l.SerialNumber is not null && l.SalesDocumentNumber is null).Select(l => l.SerialNumber!)],
            customerId, cancellationToken);

        var errors = new List<FieldError>();
        var matches = new List<(SalesDocument? Document, SalesDocumentLine? Line)>();
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var line = draft.Lines[i];
            var path = $"lines[{i}]";
            SalesDocument? document = null;
            SalesDocumentLine? sold = null;
            if (line.SalesDocumentNumber is { } number && documents.TryGetValue(number, out document))
            {
                sold = line.SalesDocumentLineNo is { } lineNo
                    ? document.Lines.FirstOrDefault(l => l.LineNo == lineNo)
                    : document.Lines.FirstOrDefault(l => line.SerialNumber is not null && l.SerialNumbers.Contains(line.SerialNumber))
                        ?? (line.ProductCode is null ? null : SingleOrNone(document.Lines.Where(l => l.Product?.Code == line.ProductCode)));
                if (line.SalesDocumentLineNo is not null && sold is null)
                {
                    errors.Add(new FieldError($"{path}.salesDocumentLineNo", "The sales document {0} has no line {1}.", number, line.SalesDocumentLineNo));
                }
            }
            else if (line.SalesDocumentNumber is { } unknown && line.SalesDocumentLineNo is not null)
            {
                errors.Add(new FieldError($"{path}.salesDocumentNumber", "There is no sales document {0}.", unknown));
            }
            else if (line.SalesDocumentNumber is null && line.SerialNumber is { } serial && bySerial.TryGetValue(serial, out var found))
            {
                (document, sold) = found;
            }

            matches.Add((document, sold));
        }

        await CheckQuantitiesAsync(draft, matches, errors, cancellationToken);

        var codes = draft.Lines.Where(l => l.ProductCode is not null).Select(l => l.ProductCode!).Distinct().ToList();
        var products = codes.Count == 0 || !present.Products ? [] : await db.Products.AsNoTracking().Where(p => codes.Contains(p.Code))
            .ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, cancellationToken);
        var jurisdiction = string.Equals(named?.Country, "CZ", StringComparison.OrdinalIgnoreCase) ? Jurisdiction.Cz : Jurisdiction.Pl;
        var claimedOn = draft.ReceivedAt is { } received ? DateOnly.FromDateTime(clock.ToLocal(received)) : clock.Today;

        var lines = new List<ClaimLineDraft>();
        for (var i = 0; i < draft.Lines.Count; i++)
        {
            var (document, sold) = matches[i];
            var line = Fill(draft.Lines[i], document, sold);
            if (string.IsNullOrEmpty(line.ProductName))
            {
                if (line.SerialNumber is { } serial && sold is null)
                {
                    errors.Add(owner is null && line.SalesDocumentNumber is null
                        ? new FieldError($"lines[{i}].productName",
                            "Serial number {0} is looked up only among the sales to the customer the claim names: name the customer, or type the product.", serial)
                        : new FieldError($"lines[{i}].productName", "No sale of serial number {0} is known: type the product.", serial));
                }
                else
                {
                    errors.Add(new FieldError($"lines[{i}].productName", "This field is required."));
                }

                lines.Add(line);
                continue;
            }

            // The sold product's guarantee, unless the line names another product (then that one's).
            var months = sold?.Product is { } soldProduct && (line.ProductCode is null || line.ProductCode == soldProduct.Code)
                ? soldProduct.WarrantyMonths
                : line.ProductCode is not null && products.TryGetValue(line.ProductCode, out var typed) ? typed.WarrantyMonths : null;
            var warranty = WarrantyRule.Assess(new WarrantyFacts(line.PurchaseDate, months, draft.CustomerType, jurisdiction, claimedOn));
            lines.Add(line with
            {
                Erp = new ClaimLineErpFacts(document?.GoodsIssueNumber, document?.PickedBy, document?.PackedBy, document?.Carrier,
                    document?.TrackingNumber, warranty.WarrantyEnd, warranty.UnderWarranty),
            });
        }

        return errors.Count > 0 ? (null, errors) : (draft with { Lines = lines }, []);
    }

    /// <summary>
    /// What the ERP adds to a line: only what the line leaves blank. The product comes as one (code, name, EAN) when the
    /// line names none, or completes the product the line names by the same code; a product typed by name stays as
    /// typed, and so do a typed price and purchase date.
    /// </summary>
    private static ClaimLineDraft Fill(ClaimLineDraft line, SalesDocument? document, SalesDocumentLine? sold)
    {
        if (sold is not null)
        {
            if (sold.Product is { } product && line.ProductCode is null && string.IsNullOrEmpty(line.ProductName))
            {
                line = line with { ProductCode = product.Code, ProductName = product.Name, Ean = line.Ean ?? product.Ean };
            }
            else if (sold.Product is { } same && line.ProductCode == same.Code)
            {
                line = line with { ProductName = string.IsNullOrEmpty(line.ProductName) ? same.Name : line.ProductName, Ean = line.Ean ?? same.Ean };
            }

            line = line with { UnitPrice = line.UnitPrice ?? sold.UnitPrice, SalesDocumentLineNo = sold.LineNo };
        }

        return document is null ? line
            : line with { SalesDocumentNumber = document.Number, PurchaseDate = line.PurchaseDate ?? document.SaleDate ?? document.IssueDate };
    }

    /// <summary>
    /// The sale of each serial number that staff may choose on the intake form, by serial: a sale to the customer the
    /// form names when there is one (its facts are taken on saving anyway), else the latest sale to anyone. Staff only:
    /// a partner never sees another company's sale. Customers without an ERP code have no documents, so none is offered.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, SaleSuggestion>> SalesOfSerialsAsync(
        string? customerCode, IReadOnlyCollection<string> serials, CancellationToken cancellationToken = default)
    {
        if (serials.Count == 0 || !(await PresentAsync(cancellationToken)).SalesLines)
        {
            return new Dictionary<string, SaleSuggestion>();
        }

        var owner = string.IsNullOrWhiteSpace(customerCode) ? null
            : await db.Customers.AsNoTracking().Where(c => c.Code == customerCode.Trim()).Select(c => (long?)c.Id).SingleOrDefaultAsync(cancellationToken);
        var own = owner is { } id ? await FindSoldSerialsAsync(serials, id, cancellationToken) : [];
        var others = await FindSoldSerialsAsync([.. serials.Where(s => !own.ContainsKey(s))], null, cancellationToken);
        return own.Select(s => (s, Own: true)).Concat(others.Select(s => (s, Own: false)))
            .Where(s => s.s.Value.Document.Customer?.Code is not null)
            .ToDictionary(s => s.s.Key, s =>
            {
                var (document, line) = s.s.Value;
                return new SaleSuggestion(s.s.Key, document.Number, line.LineNo, document.SaleDate ?? document.IssueDate,
                    document.Customer!.Code!, document.Customer.Name, document.Customer.TaxId, line.Product?.Code, line.Product?.Name,
                    line.UnitPrice, s.Own);
            }, StringComparer.Ordinal);
    }

    /// <summary>
    /// How much of each sales document line is still claimable: what was sold less what claims that are not deleted
    /// already claim of it.
    /// </summary>
    public async Task<Dictionary<(string Number, int LineNo), decimal>> ClaimedAsync(
        IReadOnlyCollection<string> documentNumbers, CancellationToken cancellationToken = default)
    {
        if (documentNumbers.Count == 0)
        {
            return [];
        }

        var claimed = await db.ClaimLines.AsNoTracking()
            .Where(l => l.SalesDocumentNumber != null && l.SalesDocumentLineNo != null && documentNumbers.Contains(l.SalesDocumentNumber)
                && l.WithdrawnAt == null
                && db.Claims.Any(c => c.Id == l.ClaimId && !c.IsDeleted))
            .GroupBy(l => new { l.SalesDocumentNumber, l.SalesDocumentLineNo })
            .Select(g => new { g.Key.SalesDocumentNumber, g.Key.SalesDocumentLineNo, Quantity = g.Sum(l => l.Quantity) })
            .ToListAsync(cancellationToken);
        return claimed.ToDictionary(c => (c.SalesDocumentNumber!, c.SalesDocumentLineNo!.Value), c => c.Quantity);
    }

    /// <summary>
    /// Checks again, once the register's number counter is locked (every creation in the register waits for it), that
    /// the sales-document lines a new claim names are not claimed beyond what was sold: the check before the lock
    /// cannot see a claim saved in between, so two RMAs for the same line at the same moment could both pass it.
    /// The new claim's own lines are not saved yet, so they are counted here, not in the database.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> RecheckQuantitiesAsync(Claim claim, CancellationToken cancellationToken = default)
    {
        var named = claim.Lines.Select((line, index) => (Line: line, Index: index))
            .Where(l => l.Line.SalesDocumentNumber is not null && l.Line.SalesDocumentLineNo is not null).ToList();
        if (named.Count == 0)
        {
            return [];
        }

        var numbers = named.Select(l => l.Line.SalesDocumentNumber!).Distinct().ToList();
        var sold = (await db.SalesDocumentLines.AsNoTracking()
                .Join(db.SalesDocuments, l => l.SalesDocumentId, d => d.Id, (l, d) => new { d.Number, l.LineNo, l.Quantity })
                .Where(l => numbers.Contains(l.Number))
                .ToListAsync(cancellationToken))
            .ToDictionary(l => (l.Number, l.LineNo), l => l.Quantity);
        var claimed = await ClaimedAsync(numbers, cancellationToken);
        var errors = new List<FieldError>();
        foreach (var (line, index) in named)
        {
            var key = (line.SalesDocumentNumber!, line.SalesDocumentLineNo!.Value);
            if (!sold.TryGetValue(key, out var quantity))
            {
                continue;
            }

            var before = claimed.GetValueOrDefault(key);
            claimed[key] = before + line.Quantity;
            if (before + line.Quantity > quantity)
            {
                errors.Add(new FieldError($"lines[{index}].quantity",
                    "Line {0} of {1} sold {2}, and {3} of it is already claimed: at most {4} can be claimed.",
                    key.Item2, key.Item1, Quantity(quantity), Quantity(before), Quantity(Math.Max(0, quantity - before))));
            }
        }

        return errors;
    }

    private async Task CheckQuantitiesAsync(ClaimDraft draft, List<(SalesDocument? Document, SalesDocumentLine? Line)> matches,
        List<FieldError> errors, CancellationToken cancellationToken)
    {
        var claimedBefore = await ClaimedAsync([.. matches.Where(m => m.Line is not null).Select(m => m.Document!.Number).Distinct()],
            cancellationToken);
        var claimedHere = new Dictionary<(string, int), decimal>();
        for (var i = 0; i < matches.Count; i++)
        {
            if (matches[i] is not ({ } document, { } sold))
            {
                continue;
            }

            var key = (document.Number, sold.LineNo);
            var before = claimedBefore.GetValueOrDefault(key) + claimedHere.GetValueOrDefault(key);
            claimedHere[key] = claimedHere.GetValueOrDefault(key) + draft.Lines[i].Quantity;
            if (before + draft.Lines[i].Quantity > sold.Quantity)
            {
                errors.Add(new FieldError($"lines[{i}].quantity",
                    "Line {0} of {1} sold {2}, and {3} of it is already claimed: at most {4} can be claimed.",
                    sold.LineNo, document.Number, Quantity(sold.Quantity), Quantity(before), Quantity(Math.Max(0, sold.Quantity - before))));
            }
        }
    }

    /// <summary>
    /// The sales document lines that sold each serial number, with their documents. Serial numbers are stored one a
    /// line in one text column, so the database narrows the search with LIKE and the exact match is made here.
    /// </summary>
    private async Task<Dictionary<string, (SalesDocument Document, SalesDocumentLine Line)>> FindSoldSerialsAsync(
        IReadOnlyCollection<string> serials, long? owner, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (SalesDocument, SalesDocumentLine)>(StringComparer.Ordinal);
        foreach (var serial in serials.Distinct())
        {
            var pattern = "%" + serial + "%";
            var candidates = await db.SalesDocumentLines
                .FromSql($"SELECT * FROM sales_document_lines WHERE serial_numbers LIKE {pattern}")
                .AsNoTracking().Include(l => l.Product)
                .ToListAsync(cancellationToken);
            var lines = candidates.Where(l => l.SerialNumbers.Contains(serial)).Select(l => l.SalesDocumentId).ToList();
            var document = lines.Count == 0 ? null : await db.SalesDocuments.AsNoTracking().Include(d => d.Customer)
                .Where(d => lines.Contains(d.Id) && (owner == null || d.CustomerId == owner))
                .OrderByDescending(d => d.IssueDate).ThenByDescending(d => d.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (document is not null)
            {
                found[serial] = (document, candidates.First(l => l.SalesDocumentId == document.Id && l.SerialNumbers.Contains(serial)));
            }
        }

        return found;
    }

    private static SalesDocumentLine? SingleOrNone(IEnumerable<SalesDocumentLine> lines)
    {
        var list = lines.Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }

    private static string Quantity(decimal quantity) => quantity.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A sale of a serial number offered on the staff intake form: the document and its line, the customer it was sold to,
/// the product and price. <see cref="OfTheClaimsCustomer"/> when the customer is the one the form names.
/// </summary>
public sealed record SaleSuggestion(
    string SerialNumber, string DocumentNumber, int LineNo, DateOnly SaleDate, string CustomerCode, string CustomerName,
    string? CustomerTaxId, string? ProductCode, string? ProductName, decimal UnitPrice, bool OfTheClaimsCustomer);
