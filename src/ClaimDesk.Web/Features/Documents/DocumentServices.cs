using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Web.Features.Documents;

public static class DocumentServices
{
    /// <summary>The document store, its kinds, its mail texts and the documents the outbox makes when it sends them.</summary>
    public static void AddClaimDeskDocuments(this IServiceCollection services, ClaimDeskOptions options)
    {
        var adr = options.Documents.Adr;
        if (adr.Agrees && string.IsNullOrWhiteSpace(adr.Body))
        {
            throw new StartupException(
                "ClaimDesk:Documents:Adr:Agrees is true, but ClaimDesk:Documents:Adr:Body names no body: name the body the decision letters offer, or set Agrees to false.");
        }

        services.AddScoped<ClaimDocuments>();
        services.AddScoped<DocumentMails>();
        services.AddSingleton<DocumentPdf>();
        services.AddScoped<IClaimDocumentKind, DecisionLetter>();
        services.AddScoped<IClaimDocumentKind, ClosingProtocol>();
        services.AddScoped<Infrastructure.Mail.IOutboxDocuments, DocumentsOutbox>();
        services.AddScoped<Claims.IHandleClaimEvents, DocumentsOnClaimEvents>();
    }
}
