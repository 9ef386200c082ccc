using ClaimDesk.Core.Claims;

namespace ClaimDesk.Core.Customers;

/// <summary>A party that files claims (DESIGN §2); the ERP's code is its key when it has one.</summary>
public sealed class Customer
{
    public long Id { get; set; }

    public string? Code { get; set; }

    public string Name { get; set; } = "";

    public CustomerType Type { get; set; }

    /// <summary>NIP, IČO or EU VAT number, as given.</summary>
    public string? TaxId { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public DateTime CreatedAt { get; set; }
}
