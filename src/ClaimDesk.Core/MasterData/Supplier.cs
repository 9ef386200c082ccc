using ClaimDesk.Core.Claims;

namespace ClaimDesk.Core.MasterData;

/// <summary>A supplier from the ERP (DESIGN §2): the party defects are handed on to. The ERP's code is its key.</summary>
public sealed class Supplier
{
    public const string EntityType = "supplier";

    public long Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>NIP, IČO or EU VAT number, as given.</summary>
    public string? TaxId { get; set; }

    public string? Email { get; set; }

    /// <summary>ISO 3166 alpha-2 (PL, CZ).</summary>
    public string? Country { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public static Supplier Create(string code, SupplierFacts facts, DateTime now, ChangeLog log)
    {
        var supplier = new Supplier { Code = code, CreatedAt = now, UpdatedAt = now };
        supplier.Apply(facts, now, new ChangeLog());
        log.Add(new Change(EntityType, code, "created"));
        return supplier;
    }

    /// <summary>Takes the ERP's facts; true when anything changed (each change logged, <see cref="UpdatedAt"/> moved).</summary>
    public bool Apply(SupplierFacts facts, DateTime now, ChangeLog log)
    {
        var before = log.Changes.Count;
        Name = FieldChanges.Set(log, EntityType, Code, "name", Name, facts.Name);
        TaxId = FieldChanges.Set(log, EntityType, Code, "taxId", TaxId, facts.TaxId);
        Email = FieldChanges.Set(log, EntityType, Code, "email", Email, facts.Email);
        Country = FieldChanges.Set(log, EntityType, Code, "country", Country, facts.Country);
        if (log.Changes.Count == before)
        {
            return false;
        }

        UpdatedAt = now;
        return true;
    }
}
