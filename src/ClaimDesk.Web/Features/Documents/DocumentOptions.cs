namespace ClaimDesk.Web.Features.Documents;

/// <summary>What the documents sent to claimants state on the organisation's behalf (<c>ClaimDesk:Documents</c>).</summary>
public sealed class DocumentOptions
{
    public AdrOptions Adr { get; set; } = new();
}

/// <summary>
/// The statement on out-of-court dispute resolution that a decision letter to a Polish consumer carries when the
/// demand is not fully granted (<c>ClaimDesk:Documents:Adr</c>): that the seller agrees, naming the body, or refuses.
/// By default it refuses, which needs no body; agreeing needs the body's name.
/// </summary>
public sealed class AdrOptions
{
    public bool Agrees { get; set; }

    /// <summary>The body the seller agrees to resolve disputes before, e.g. a provincial trade inspectorate.</summary>
    public string? Body { get; set; }

    /// <summary>Its postal address or website, printed after its name.</summary>
    public string? Address { get; set; }
}
