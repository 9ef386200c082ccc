using ClaimDesk.Core.Claims;
using ClaimDesk.Core.MasterData;

namespace ClaimDesk.Core.Customers;

/// <summary>
/// A party that files claims (DESIGN §2); the ERP's code is its key when it has one. Customers come from the ERP
/// (<see cref="Create"/>, <see cref="Apply"/>) or are made from a claimant's details when a claim is registered.
/// </summary>
public sealed class Customer
{
    public const string EntityType = "customer";

    public long Id { get; set; }

    public string? Code { get; set; }

    public string Name { get; set; } = "";

    public CustomerType Type { get; set; }

    /// <summary>The customer's tier code (<c>standard</c>, <c>vip</c> or a named tier); SLA policies are chosen by it.</summary>
    public string Tier { get; set; } = MasterDataValidator.DefaultTier;

    /// <summary>NIP, IČO or EU VAT number, as given.</summary>
    public string? TaxId { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>ISO 3166 alpha-2 (PL, CZ).</summary>
    public string? Country { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the ERP created or last changed the customer; null for one made from a claimant's details.</summary>
    public DateTime? UpdatedAt { get; set; }

    public static Customer Create(string code, CustomerFacts facts, DateTime now, ChangeLog log)
    {
        var customer = new Customer { Code = code, CreatedAt = now, UpdatedAt = now };
        customer.Apply(facts, now, new ChangeLog());
        log.Add(new Change(EntityType, code, "created"));
        return customer;
    }

    /// <summary>Takes the ERP's facts; true when anything changed (each change logged, <see cref="UpdatedAt"/> moved).</summary>
    public bool Apply(CustomerFacts facts, DateTime now, ChangeLog log)
    {
        var before = log.Changes.Count;
        var id = Code ?? "";
        Name = FieldChanges.Set(log, EntityType, id, "name", Name, facts.Name);
        Type = FieldChanges.Set(log, EntityType, id, "type", Type, facts.Type);
        Tier = FieldChanges.Set(log, EntityType, id, "tier", Tier, facts.Tier);
        TaxId = FieldChanges.Set(log, EntityType, id, "taxId", TaxId, facts.TaxId);
        Email = FieldChanges.Set(log, EntityType, id, "email", Email, facts.Email);
        Phone = FieldChanges.Set(log, EntityType, id, "phone", Phone, facts.Phone);
        Country = FieldChanges.Set(log, EntityType, id, "country", Country, facts.Country);
        if (log.Changes.Count == before)
        {
            return false;
        }

        UpdatedAt = now;
        return true;
    }
}
