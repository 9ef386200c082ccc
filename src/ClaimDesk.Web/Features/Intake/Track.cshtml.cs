using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// The tracking page a magic link opens: the customer's status label, the timeline of status changes and public
/// messages, the documents to download, and a form to send a message with files, which reaches the claim's thread as
/// an inbound public message.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class TrackModel(
    TrackingQueries queries, ClaimThread thread, AppDbContext db, IOptions<ClaimDeskOptions> options,
    IStringLocalizer<SharedResource> localizer, Repairs.RepairQuotes repairs, OrganisationClock clock) : PageModel
{
    public TrackedClaim? Claim { get; private set; }

    public string Token { get; private set; } = "";

    /// <summary>The message typed in a post that was refused, shown again.</summary>
    public string? TypedMessage { get; private set; }

    /// <summary>Set when the link opens nothing: the page explains it to the consumer instead (404 either way).</summary>
    public LinkProblem? Problem { get; private set; }

    /// <summary>The repair quotes sent to the claimant, with Accept / Decline while one waits for the answer.</summary>
    public Repairs.RepairAnswerView? RepairQuotes { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ? Page() : await ProblemAsync(token);

    public async Task<IActionResult> OnPostMessageAsync(string token, string? body, List<IFormFile>? files)
    {
        if (await queries.ClaimIdAsync(token, HttpContext.RequestAborted) is not { } claimId)
        {
            return await ProblemAsync(token);
        }

        var contact = await db.Claims.AsNoTracking().Where(c => c.Id == claimId)
            .Select(c => c.ContactEmail ?? c.ContactName).SingleAsync(HttpContext.RequestAborted);
        var uploads = (files ?? []).Select(f => new UploadedFile(f.FileName, f.OpenReadStream)).ToList();
        var outcome = await thread.PostAsync(claimId, MessageKind.Inbound, body, uploads, Customer(contact),
            PublicAddress.BaseUrl(options.Value, Request), HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            TempData["Status"] = localizer["Your message was sent."].Value;
            return RedirectToPage("Track", new { token });
        }

        TypedMessage = body;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        ModelState.AddModelError(outcome.Field ?? "", localizer[outcome.Message, [.. outcome.Arguments]]);
        return await LoadAsync(token) ? Page() : await ProblemAsync(token);
    }

    /// <summary>The claimant accepts or declines a repair quote of this claim; a second answer shows the first.</summary>
    public async Task<IActionResult> OnPostRepairAnswerAsync(string token, long quoteId, string? answer)
    {
        if (await queries.ClaimIdAsync(token, HttpContext.RequestAborted) is not { } claimId)
        {
            return await ProblemAsync(token);
        }

        if (answer is not (Repairs.RepairAnswerView.Accept or Repairs.RepairAnswerView.Decline))
        {
            return BadRequest();
        }

        var contact = await db.Claims.AsNoTracking().Where(c => c.Id == claimId)
            .Select(c => c.ContactEmail ?? c.ContactName).SingleAsync(HttpContext.RequestAborted);
        var accept = answer == Repairs.RepairAnswerView.Accept;
        var outcome = await repairs.AnswerAsync(claimId, quoteId, accept, Core.Repairs.RepairAnswerChannel.TrackingPage, Customer(contact),
            HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        if (outcome.Refusal == Refusal.NotFound)
        {
            return await ProblemAsync(token);
        }

        TempData["Status"] = Repairs.RepairAnswerView.Told(outcome, accept, localizer);
        return RedirectToPage("Track", new { token });
    }

    /// <summary>The claimant, as an actor: known by the contact on the claim, with no staff role.</summary>
    public static Actor Customer(string contact) => new("customer", null, contact, []);

    private async Task<IActionResult> ProblemAsync(string token)
    {
        Token = "";
        Claim = null;
        Problem = new LinkProblem(LinkPurpose.Tracking,
            await queries.HasExpiredAsync(token, HttpContext.RequestAborted) ? LinkState.Expired : LinkState.Unknown);
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(string token)
    {
        Token = token;
        Claim = await queries.GetAsync(token, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, HttpContext.RequestAborted);
        RepairQuotes = Claim is null ? null : new(Repairs.RepairAnswerView.Visible(await repairs.ListAsync(Claim.Id, HttpContext.RequestAborted)), clock.Today, new Dictionary<string, string> { ["token"] = token }, clock.ToLocal);
        return Claim is not null;
    }
}
