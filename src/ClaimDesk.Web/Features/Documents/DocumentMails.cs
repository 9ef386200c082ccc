using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Documents;

/// <summary>The e-mail a document goes to the claimant with: subject and text in the document's language.</summary>
public sealed record DocumentMail(string Subject, string Text);

/// <summary>Texts of claim documents: their titles, and the e-mail that carries one to the claimant.</summary>
public sealed class DocumentMails(IStringLocalizerFactory localizers, IOptions<ClaimDeskOptions> options)
{
    /// <summary>The title of a kind of document in the current language; an unknown kind is "Document".</summary>
    public static string Title(string kind, IStringLocalizer localizer) => kind switch
    {
        DocumentKinds.DecisionLetter => localizer["Decision on the complaint"],
        DocumentKinds.ClosingProtocol => localizer["Closing protocol"],
        DocumentKinds.RepairQuote => localizer["Repair quote"],
        DocumentKinds.RepairInvoice => localizer["Repair invoice"],
        _ => localizer["Document"],
    };

    public DocumentMail Document(string language, Claim claim, string kind) => localizers.In(language, (localizer, _) =>
    {
        var title = Title(kind, localizer);
        return new DocumentMail(
            localizer["{0} — complaint {1}", title, claim.Number],
            string.Join('\n',
                localizer["Hello {0},", claim.ContactName].Value,
                "",
                localizer["we send you the document \"{0}\" about your complaint {1}; it is attached as a PDF.", title, claim.Number].Value,
                "",
                Organisation));
    });

    public string Organisation => string.IsNullOrWhiteSpace(options.Value.Organisation.Name) ? "ClaimDesk" : options.Value.Organisation.Name.Trim();
}

/// <summary>The codes of the kinds of document.</summary>
public static class DocumentKinds
{
    public const string DecisionLetter = "decision_letter";
    public const string ClosingProtocol = Core.Workflows.DefaultWorkflows.ClosingProtocolDocument;
    public const string RepairQuote = "repair_quote";
    public const string RepairInvoice = "repair_invoice";
}
