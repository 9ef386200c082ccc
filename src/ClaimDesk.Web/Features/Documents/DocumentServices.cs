namespace ClaimDesk.Web.Features.Documents;

public static class DocumentServices
{
    /// <summary>The document store, its mail texts and the documents the outbox makes when it sends them.</summary>
    public static void AddClaimDeskDocuments(this IServiceCollection services)
    {
        services.AddScoped<ClaimDocuments>();
        services.AddScoped<DocumentMails>();
        services.AddScoped<Infrastructure.Mail.IOutboxDocuments, DocumentsOutbox>();
    }
}
