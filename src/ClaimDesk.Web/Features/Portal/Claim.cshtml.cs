using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.Intake;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>
/// One of the company's RMAs as the partner sees it: the customer-facing status, the lines with their decisions and
/// invoice facts, the public messages both ways with a form to write (with files), the public documents and the label.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ClaimModel(
    PortalAccess access, TrackingQueries tracking, ClaimQueries claims, ClaimThread thread, IOptions<ClaimDeskOptions> options,
    IStringLocalizer<SharedResource> localizer, Repairs.RepairQuotes repairs, OrganisationClock clock) : PageModel
{
    public TrackedClaim Tracked { get; private set; } = null!;

    public ClaimDetail Detail { get; private set; } = null!;

    public string? TypedMessage { get; private set; }

    /// <summary>The repair quotes sent for this RMA, with Accept / Decline while one waits for the answer.</summary>
    public Repairs.RepairAnswerView? RepairQuotes { get; private set; }

    /// <summary>The partner accepts or declines a repair quote of their company's RMA; a second answer shows the first.</summary>
    public async Task<IActionResult> OnPostRepairAnswerAsync(long id, long quoteId, string? answer)
    {
        if (await access.OwnClaimAsync(id, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        if (answer is not (Repairs.RepairAnswerView.Accept or Repairs.RepairAnswerView.Decline))
        {
            return BadRequest();
        }

        var accept = answer == Repairs.RepairAnswerView.Accept;
        var outcome = await repairs.AnswerAsync(id, quoteId, accept, Core.Repairs.RepairAnswerChannel.Portal, access.Actor,
            HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        if (outcome.Refusal == Refusal.NotFound)
        {
            return NotFound();
        }

        TempData["Status"] = Repairs.RepairAnswerView.Told(outcome, accept, localizer);
        return RedirectToPage("Claim", new { id });
    }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMessageAsync(long id, string? body, List<IFormFile>? files)
    {
        if (await access.OwnClaimAsync(id, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        var uploads = (files ?? []).Select(f => new UploadedFile(f.FileName, f.OpenReadStream)).ToList();
        var outcome = await thread.PostAsync(id, MessageKind.Inbound, body, uploads, access.Actor,
            PublicAddress.BaseUrl(options.Value, Request), HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            TempData["Status"] = localizer["Your message was sent."].Value;
            return RedirectToPage("Claim", new { id });
        }

        TypedMessage = body;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        ModelState.AddModelError(outcome.Field ?? "", localizer[outcome.Message, [.. outcome.Arguments]]);
        return await LoadAsync(id) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id)
    {
        if (await access.OwnClaimAsync(id, HttpContext.RequestAborted) is null)
        {
            return false;
        }

        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var tracked = await tracking.GetAsync(id, language, HttpContext.RequestAborted);
        var detail = await claims.GetAsync(id, HttpContext.RequestAborted);
        if (tracked is null || detail is null)
        {
            return false;
        }

        (Tracked, Detail) = (tracked, detail);
        RepairQuotes = new(Repairs.RepairAnswerView.Visible(await repairs.ListAsync(id, HttpContext.RequestAborted)), clock.Today, new Dictionary<string, string> { ["id"] = id.ToString(CultureInfo.InvariantCulture) }, clock.ToLocal);
        return true;
    }
}
