using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.MasterData;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.MasterData;

public sealed record CustomerDto(
    string Code, string Name, string Type, string Tier, string? TaxId, string? Email, string? Phone, string? Country,
    DateTime CreatedAt, DateTime? UpdatedAt);

public sealed record SupplierDto(string Code, string Name, string? TaxId, string? Email, string? Country, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Customers by their ERP code. Customers made from a claimant's details (no code) are not master data and not listed.</summary>
public sealed class CustomerKind : MasterDataKind<CustomerData, CustomerDto>
{
    public override string Route => "customers";

    public override string KeyField => "code";

    public override string EntityType => Customer.EntityType;

    public override IReadOnlyList<FieldError> Check(string? key, CustomerData data) => MasterDataValidator.Customer(key, data).Errors;

    public override IReadOnlyList<string> CsvColumns { get; } = ["code", "name", "type", "tier", "taxId", "email", "phone", "country"];

    public override async Task<List<UpsertOutcome>> ApplyAsync(
        AppDbContext db, IReadOnlyList<UpsertItem<CustomerData>> items, DateTime now, ChangeLog log, CancellationToken cancellationToken)
    {
        var checkedItems = items.Select(i => MasterDataValidator.Customer(i.Key, i.Data)).ToList();
        var codes = checkedItems.Where(c => c.Facts is not null).Select(c => c.Key!).Distinct().ToList();
        var existing = await db.Customers.Where(c => codes.Contains(c.Code!))
            .ToDictionaryAsync(c => c.Code!, StringComparer.Ordinal, cancellationToken);
        var outcomes = new List<UpsertOutcome>(items.Count);
        foreach (var (code, facts, errors) in checkedItems)
        {
            if (facts is null)
            {
                outcomes.Add(UpsertOutcome.Refuse(code, errors));
            }
            else if (existing.TryGetValue(code!, out var customer))
            {
                outcomes.Add(UpsertOutcome.Applied(false, customer.Apply(facts, now, log), code!));
            }
            else
            {
                existing[code!] = db.Customers.Add(Customer.Create(code!, facts, now, log)).Entity;
                outcomes.Add(UpsertOutcome.Applied(true, true, code!));
            }
        }

        return outcomes;
    }

    public override Task<CustomerDto?> GetAsync(AppDbContext db, string key, CancellationToken cancellationToken) =>
        Project(db.Customers.AsNoTracking().Where(c => c.Code == key)).SingleOrDefaultAsync(cancellationToken);

    public override async Task<MasterDataPage<CustomerDto>> ListAsync(AppDbContext db, MasterDataFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Customers.AsNoTracking().Where(c => c.Code != null);
        if (filter.Search is { Length: > 0 } search)
        {
            query = query.Where(c => c.Code!.StartsWith(search) || c.Name.Contains(search) || c.TaxId == search);
        }

        if (filter.UpdatedSince is { } since)
        {
            query = query.Where(c => c.UpdatedAt >= since);
        }

        return await PageAsync(query.OrderBy(c => c.Code), Project, filter, cancellationToken);
    }

    public override CustomerData FromCsv(CsvRow row, List<FieldError> errors) => new()
    {
        Code = row.Text("code"), Name = row.Text("name"), Type = row.Text("type"), Tier = row.Text("tier"),
        TaxId = row.Text("taxId"), Email = row.Text("email"), Phone = row.Text("phone"), Country = row.Text("country"),
    };

    private static IQueryable<CustomerDto> Project(IQueryable<Customer> customers) =>
        customers.Select(c => new CustomerDto(c.Code!, c.Name, Codes.Of(c.Type), c.Tier, c.TaxId, c.Email, c.Phone, c.Country,
            c.CreatedAt, c.UpdatedAt));
}

/// <summary>Suppliers by their ERP code.</summary>
public sealed class SupplierKind : MasterDataKind<SupplierData, SupplierDto>
{
    public override string Route => "suppliers";

    public override string KeyField => "code";

    public override string EntityType => Supplier.EntityType;

    public override IReadOnlyList<FieldError> Check(string? key, SupplierData data) => MasterDataValidator.Supplier(key, data).Errors;

    public override IReadOnlyList<string> CsvColumns { get; } = ["code", "name", "taxId", "email", "country"];

    public override async Task<List<UpsertOutcome>> ApplyAsync(
        AppDbContext db, IReadOnlyList<UpsertItem<SupplierData>> items, DateTime now, ChangeLog log, CancellationToken cancellationToken)
    {
        var checkedItems = items.Select(i => MasterDataValidator.Supplier(i.Key, i.Data)).ToList();
        var codes = checkedItems.Where(c => c.Facts is not null).Select(c => c.Key!).Distinct().ToList();
        var existing = await db.Suppliers.Where(s => codes.Contains(s.Code))
            .ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, cancellationToken);
        var outcomes = new List<UpsertOutcome>(items.Count);
        foreach (var (code, facts, errors) in checkedItems)
        {
            if (facts is null)
            {
                outcomes.Add(UpsertOutcome.Refuse(code, errors));
            }
            else if (existing.TryGetValue(code!, out var supplier))
            {
                outcomes.Add(UpsertOutcome.Applied(false, supplier.Apply(facts, now, log), code!));
            }
            else
            {
                existing[code!] = db.Suppliers.Add(Supplier.Create(code!, facts, now, log)).Entity;
                outcomes.Add(UpsertOutcome.Applied(true, true, code!));
            }
        }

        return outcomes;
    }

    public override Task<SupplierDto?> GetAsync(AppDbContext db, string key, CancellationToken cancellationToken) =>
        Project(db.Suppliers.AsNoTracking().Where(s => s.Code == key)).SingleOrDefaultAsync(cancellationToken);

    public override async Task<MasterDataPage<SupplierDto>> ListAsync(AppDbContext db, MasterDataFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Suppliers.AsNoTracking();
        if (filter.Search is { Length: > 0 } search)
        {
            query = query.Where(s => s.Code.StartsWith(search) || s.Name.Contains(search) || s.TaxId == search);
        }

        if (filter.UpdatedSince is { } since)
        {
            query = query.Where(s => s.UpdatedAt >= since);
        }

        return await PageAsync(query.OrderBy(s => s.Code), Project, filter, cancellationToken);
    }

    public override SupplierData FromCsv(CsvRow row, List<FieldError> errors) => new()
    {
        Code = row.Text("code"), Name = row.Text("name"), TaxId = row.Text("taxId"), Email = row.Text("email"), Country = row.Text("country"),
    };

    private static IQueryable<SupplierDto> Project(IQueryable<Supplier> suppliers) =>
        suppliers.Select(s => new SupplierDto(s.Code, s.Name, s.TaxId, s.Email, s.Country, s.CreatedAt, s.UpdatedAt));
}
