using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// The public complaint form (DESIGN §3.1), shared by the page of its own (<c>/complaint/new</c>) and the variant a
/// company embeds in its site (<c>/embed/complaint</c>): anyone may send it; what they send waits for the e-mail
/// confirmation. Files are kept as they arrive, so a form that comes back keeps them.
/// </summary>
public abstract class IntakeFormPage(
    IntakeCommands commands, PendingUploads uploads, OrganisationClock clock, IOptions<ClaimDeskOptions> options,
    IStringLocalizer<SharedResource> localizer, IStringLocalizerFactory localizers) : PageModel, IFieldLabels
{
    /// <summary>The labels the form shows, for the summary of what is wrong (_IntakeForm.cshtml).</summary>
    private static readonly FieldLabelMap Labels = new(
        new Dictionary<string, string>
        {
            ["contact.name"] = "Your name",
            ["contact.email"] = "E-mail",
            ["contact.phone"] = "Phone (optional)",
            ["contact.preferredChannel"] = "Keep me informed by",
            ["contact.language"] = "Language of our messages",
            ["shop"] = "Shop",
            ["purchaseDate"] = "Purchase date",
            ["receiptNumber"] = "Receipt or invoice number",
            ["lines"] = "Items",
            ["requestedRemedy"] = "Requested remedy",
            ["deliveryMethod"] = "How the goods reach us",
            ["legalBasis"] = "On what grounds",
            ["description"] = "Anything else we should know (optional)",
            ["privacyAccepted"] = "Privacy notice",
        },
        new Dictionary<string, string>
        {
            ["lines.productName"] = "Product name",
            ["lines.productCode"] = "Product code",
            ["lines.serialNumber"] = "Serial number",
            ["lines.quantity"] = "Quantity",
            ["lines.faultDescription"] = "What is wrong with it",
            ["items.files"] = "Photos or documents (JPEG, PNG, PDF …; optional)",
        });

    public string? LabelOf(string field) => Labels.LabelOf(field, localizer);

    [BindProperty]
    public IntakeForm Form { get; set; } = new();

    public Dictionary<string, List<string>> FieldErrors { get; } = [];

    /// <summary>The kept files of each item, by item index.</summary>
    public Dictionary<int, IReadOnlyList<KeptFile>> KeptFiles { get; } = [];

    /// <summary>The page the form posts to (its own address).</summary>
    public abstract string FormPage { get; }

    /// <summary>Where an accepted form leads.</summary>
    protected abstract string SentPage { get; }

    public void OnGet()
    {
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Form.Language = Core.Localization.Language.IsSupported(language) ? language : Core.Localization.Language.Polish;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrEmpty(Form.Website))
        {
            // A bot filled in the hidden field: it is told what a person is told, and nothing is saved or sent.
            return RedirectToPage(SentPage);
        }

        var fileErrors = await KeepFilesAsync();
        var (input, errors) = Form.ToInput(localizers);
        errors.AddRange(fileErrors);
        IReadOnlyList<FieldError> problems = errors.Count == 0
            ? await commands.SubmitAsync(input, [.. Form.Items.Select(i => (IReadOnlyList<string>)i.Kept)],
                PublicAddress.BaseUrl(options.Value, Request), HttpContext.RequestAborted)
            // Every mistake at once: what could be read is checked too.
            : [.. errors, .. ClaimValidator.Validate(input with { Channel = "web" }, clock.Today).Errors];

        if (problems.Count == 0)
        {
            return RedirectToPage(SentPage);
        }

        foreach (var error in problems)
        {
            var message = localizer[error.Message, error.Arguments].Value;
            var field = IntakeForm.FieldOf(error.Field);
            FieldErrors.TryAdd(field, []);
            if (!FieldErrors[field].Contains(message))
            {
                FieldErrors[field].Add(message);
                ModelState.AddModelError(field, message);
            }
        }

        if (Form.Items.Count == 0)
        {
            Form.Items.Add(new IntakeItemForm());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAddItemAsync()
    {
        await KeepFilesAsync();
        if (Form.Items.Count < IntakeForm.MaxItems)
        {
            Form.Items.Add(new IntakeItemForm());
        }

        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveItemAsync()
    {
        await KeepFilesAsync();
        if (Form.Items.Count > 1)
        {
            Form.Items.RemoveAt(Form.Items.Count - 1);
        }

        ModelState.Clear();
        return Page();
    }

    /// <summary>
    /// Keeps the files chosen in this request (each item's new files join its kept ones) and finds the kept files to
    /// show again; a refused file is reported on its item and nothing of it is stored.
    /// </summary>
    private async Task<List<FieldError>> KeepFilesAsync()
    {
        var errors = new List<FieldError>();
        var total = 0;
        // One look-up for the kept files of every item, not one per item.
        var known = (await uploads.FindAsync([.. Form.Items.SelectMany(i => i.Kept)], HttpContext.RequestAborted))
            .ToDictionary(k => k.Token, StringComparer.Ordinal);
        for (var i = 0; i < Form.Items.Count; i++)
        {
            var item = Form.Items[i];
            var kept = item.Kept.Distinct().Where(known.ContainsKey).Select(t => known[t]).ToList();
            foreach (var file in item.Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
            {
                if (total + kept.Count >= AttachmentPolicy.MaxFilesPerRequest)
                {
                    errors.Add(new FieldError($"items[{i}].files", "At most {0} files at once.", AttachmentPolicy.MaxFilesPerRequest));
                    break;
                }

                await using var content = file.OpenReadStream();
                var (error, stored) = await uploads.KeepAsync(file.FileName, content, HttpContext.RequestAborted);
                if (error is not null)
                {
                    errors.Add(new FieldError($"items[{i}].files", "{0}: {1}", file.FileName, localizer[error.Message, error.Arguments].Value));
                }
                else
                {
                    kept.Add(stored!);
                }
            }

            total += kept.Count;
            item.Kept = [.. kept.Select(k => k.Token)];
            KeptFiles[i] = kept;
        }

        return errors;
    }
}
