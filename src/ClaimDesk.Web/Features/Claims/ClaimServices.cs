using ClaimDesk.Web.Infrastructure.Documents;
using ClaimDesk.Web.Infrastructure.Files;

namespace ClaimDesk.Web.Features.Claims;

public static class ClaimServices
{
    public static void AddClaimDeskClaims(this IServiceCollection services)
    {
        services.AddScoped<ClaimChanges>();
        services.AddScoped<ClaimCommands>();
        services.AddScoped<ClaimItemWork>();
        services.AddScoped<ClaimEditing>();
        services.AddScoped<Approvals.ApprovalRules>();
        services.AddScoped<Admin.Approvals.ApprovalAdministration>();
        services.AddScoped<ClaimLineEnrichment>();
        services.AddScoped<ClaimAttachments>();
        services.AddScoped<ClaimThread>();
        services.AddScoped<Mentions>();
        services.AddScoped<Assignment.AutoAssignment>();
        services.AddScoped<IHandleClaimEvents, Assignment.AssignmentOnClaimEvents>();
        services.AddScoped<ClaimEventDispatcher>();
        services.AddScoped<Admin.Assignment.AssignmentAdministration>();
        services.AddScoped<Board.BoardQueries>();
        services.AddSingleton<AttachmentPolicy>();
        services.AddSingleton<IFileStore, LocalFileStore>();
        services.AddScoped<ClaimNumbering>();
        services.AddScoped<ClaimQueries>();
        services.AddScoped<SavedViews>();
        services.AddScoped<ClaimExport>();
        services.AddScoped<RmaLabels>();
        services.AddSingleton<RmaLabelPdf>();
        services.AddSingleton(provider => DocumentFonts.Install(
            Path.Combine(provider.GetRequiredService<IWebHostEnvironment>().ContentRootPath, DocumentFonts.Folder)));
    }
}
