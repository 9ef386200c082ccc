namespace ClaimDesk.Web.Data;

/// <summary>
/// A key an integration sends as <c>X-Api-Key</c>. Only a SHA-256 hash of the secret is stored; the prefix finds the
/// row. The key acts in one staff role, so the workflow's role rules apply to integrations too.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The public first part of the key (<c>cdk_XXXXXXXX</c>), unique.</summary>
    public string Prefix { get; set; } = "";

    public string SecretHash { get; set; } = "";

    /// <summary>Scopes granted, e.g. <c>claims:read</c>, <c>claims:write</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    public string ActsAsRole { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

/// <summary>The yearly counter behind a register's claim numbers (one row per register and year).</summary>
public sealed class NumberSequence
{
    public int RegisterId { get; set; }

    public int Year { get; set; }

    public long LastValue { get; set; }
}
