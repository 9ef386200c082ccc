using System.Diagnostics;
using ClaimDesk.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClaimDesk.Web.Features;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(AttachmentPolicy attachments) : PageModel
{
    public int Code { get; private set; } = 500;

    public string RequestId { get; private set; } = "";

    /// <summary>The request was refused for its size (an upload far over the attachment limit): say so, not "error".</summary>
    public bool TooLarge { get; private set; }

    public string MaxMegabytes => attachments.MaxMegabytes;

    /// <summary>The page the refused request was sent to, to go back to.</summary>
    public string? BackTo { get; private set; }

    /// <summary>
    /// Set when a consumer's link (a tracking page, its downloads, an activation) opens nothing: the consumer's page,
    /// not the staff one that points to the dashboard.
    /// </summary>
    public Intake.LinkProblem? ConsumerLink { get; private set; }

    /// <summary>The request came from the consumer's pages (web form, tracking): no way back to the dashboard.</summary>
    public bool ForConsumer { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        // On a re-executed POST whose body could not be read, binding the query's code fails too: the feature has it.
        Code = code ?? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? 500;
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
        {
            // The server cut off a body over its limit (413), or the form could not be read.
            Code = bad.StatusCode;
            Response.StatusCode = bad.StatusCode;
        }

        // A body over the upload limit is not read, so the form's antiforgery check fails (400) or the server refuses
        // it (413): either way, the person sent too big a file.
        TooLarge = Code is StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge
            && Request.ContentLength > attachments.MaxRequestBytes;
        if (TooLarge)
        {
            Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            BackTo = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
                ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        }

        var path = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? "";
        ForConsumer = ConsumerPaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        if (Code == StatusCodes.Status404NotFound && ForConsumer)
        {
            ConsumerLink = new Intake.LinkProblem(
                path.StartsWith("/complaint/activate", StringComparison.OrdinalIgnoreCase) ? Intake.LinkPurpose.Activation : Intake.LinkPurpose.Tracking,
                Intake.LinkState.Unknown);
        }

        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }

    /// <summary>Where consumers are, without an account: the web form and what its e-mails link to.</summary>
    private static readonly string[] ConsumerPaths = ["/track", "/complaint", "/embed"];
}
