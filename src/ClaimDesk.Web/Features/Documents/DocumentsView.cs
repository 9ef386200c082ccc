namespace ClaimDesk.Web.Features.Documents;

/// <summary>The documents section of the claim card: the claim's documents and the kinds staff may make.</summary>
public sealed record DocumentsView(long ClaimId, IReadOnlyList<StoredDocument> Documents, IReadOnlyList<string> Kinds, bool MaySend)
{
    public static DocumentsView Empty { get; } = new(0, [], [], false);
}

/// <summary>What the tracking page or the portal shows of a claim's documents: the public ones, under <paramref name="BaseUrl"/>.</summary>
public sealed record PublicDocumentsView(long ClaimId, string BaseUrl);

/// <summary>The documents a transition row of the workflow editor makes: the row's field name and id, and the kinds ticked.</summary>
public sealed record TransitionDocumentsInput(string Name, string Id, IReadOnlyList<string> Chosen);
