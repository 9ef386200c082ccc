using System.Globalization;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>A customer company from the ERP with one invoice of three lines, as the master-data API stores it.</summary>
public sealed record ErpCompany(long CustomerId, string CustomerCode, string CustomerName, string InvoiceNumber, IReadOnlyList<ErpProduct> Products);

/// <summary>A product of <see cref="ErpCompany"/>'s invoice: its line, code, name, quantity, price and serial numbers.</summary>
public sealed record ErpProduct(int LineNo, string Code, string Name, int? WarrantyMonths, decimal Quantity, decimal UnitPrice, IReadOnlyList<string> Serials);

/// <summary>Seeds master data through the ERP's API (an API key with the master-data scopes).</summary>
public static class ErpFixtures
{
    /// <summary>
    /// A business customer in Poland with invoice FV/… of three lines: a washing machine with 24 months' guarantee
    /// (2 sold), a kettle with 12 months (5 sold) and a cable with none (1 sold), sold on <paramref name="saleDate"/>,
    /// issued on WZ/…, packed and shipped with InPost.
    /// </summary>
    public static async Task<ErpCompany> CompanyWithInvoiceAsync(ClaimDeskFactory app, DateOnly saleDate, string name = "Sklep AGD Kowalski")
    {
        var api = await app.CreateApiClientAsync(scopes: [ApiKeyService.MasterDataRead, ApiKeyService.MasterDataWrite]);
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var customer = $"C-{tag}";
        await api.PutOkAsync($"/api/v1/customers/{customer}", new { name, type = "business", country = "PL", email = $"zakupy-{tag}@example.pl" });
        ErpProduct[] products =
        [
            new(1, $"AM-{tag}", "Pralka Amica PA-612", 24, 2, 1499.99m, [$"SN-{tag}-1", $"SN-{tag}-2"]),
            new(2, $"BO-{tag}", "Czajnik Bosch TWK 3A011", 12, 5, 249.50m, []),
            new(3, $"KB-{tag}", "Kabel zasilający 2 m", null, 1, 89.90m, []),
        ];
        foreach (var product in products)
        {
            await api.PutOkAsync($"/api/v1/products/{product.Code}", new { name = product.Name, warrantyMonths = product.WarrantyMonths });
        }

        var invoice = $"FV/{tag}";
        await api.PutOkAsync($"/api/v1/sales-documents/{Uri.EscapeDataString(invoice)}", new Dictionary<string, object?>
        {
            ["customerCode"] = customer,
            ["issueDate"] = saleDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["saleDate"] = saleDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["currency"] = "PLN",
            ["goodsIssue"] = new { number = $"WZ/{tag}", pickedBy = "Anna Nowak", packedBy = "Jan Wiśniewski" },
            ["shipment"] = new { carrier = "inpost", trackingNumber = "620000000001" },
            ["lines"] = products.Select(p => new Dictionary<string, object?>
            {
                ["lineNo"] = p.LineNo, ["productCode"] = p.Code, ["quantity"] = p.Quantity, ["unitPrice"] = p.UnitPrice,
                ["serialNumbers"] = p.Serials,
            }).ToList(),
        });

        await using var scope = app.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Customers.Where(c => c.Code == customer)
            .Select(c => c.Id).SingleAsync();
        return new ErpCompany(id, customer, name, invoice, products);
    }
}
