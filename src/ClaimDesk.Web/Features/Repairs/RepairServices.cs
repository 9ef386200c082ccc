namespace ClaimDesk.Web.Features.Repairs;

public static class RepairServices
{
    public static void AddClaimDeskRepairs(this IServiceCollection services)
    {
        services.AddScoped<RepairQuotes>();
        services.AddScoped<RepairDocuments>();
        services.AddSingleton<RepairPdf>();
        services.AddScoped<Claims.IHandleClaimEvents, RepairWebhooks>();
        services.AddScoped<Documents.IClaimDocumentKind, RepairQuoteKind>();
        services.AddScoped<Documents.IClaimDocumentKind, RepairInvoiceKind>();
    }
}
