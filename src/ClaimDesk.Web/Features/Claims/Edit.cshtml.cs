using System.Globalization;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// Correcting a claim after intake: contact, customer, category, priority, legal basis, notes, and its items (changed,
/// withdrawn, one added at a time). The form carries the claim's version and history mark as loaded: saved over someone
/// else's change, it is refused and drawn again as typed, naming who changed what since, and saves once reviewed.
/// </summary>
public sealed partial class EditModel(
    AppDbContext db, ClaimEditing editing, AuditTrail audit, IStringLocalizer<SharedResource> localizer) : PageModel, IFieldLabels
{
    private static readonly FieldLabelMap Labels = new(
        new Dictionary<string, string>
        {
            ["customer.code"] = "Customer code (ERP)",
            ["contact.name"] = "Contact person",
            ["contact.email"] = "E-mail",
            ["contact.phone"] = "Phone",
            ["contact.language"] = "Customer's language",
            ["contact.preferredChannel"] = "Keep the customer informed by",
            ["category"] = "Category",
            ["priority"] = "Priority",
            ["legalBasis"] = "Legal basis",
            ["description"] = "Notes on the complaint",
            ["items"] = "Items",
        },
        new Dictionary<string, string>());

    private static readonly Dictionary<string, string> ItemLabels = new(StringComparer.Ordinal)
    {
        ["productCode"] = "Product code",
        ["productName"] = "Product",
        ["ean"] = "EAN",
        ["serialNumber"] = "Serial number",
        ["quantity"] = "Quantity",
        ["unitPrice"] = "Unit price",
        ["purchaseDate"] = "Purchase date",
        ["salesDocumentNumber"] = "Invoice or receipt",
        ["faultDescription"] = "Fault description",
    };

    [FromRoute]
    public long Id { get; set; }

    [BindProperty]
    public ClaimEditForm Form { get; set; } = new();

    public string Number { get; private set; } = "";

    /// <summary>The items as stored, by number: the withdrawn ones are shown struck through, not edited.</summary>
    public IReadOnlyDictionary<int, ClaimLine> Stored { get; private set; } = new Dictionary<int, ClaimLine>();

    public bool Closed { get; private set; }

    /// <summary>After a refusal because the claim changed meanwhile: who changed what since the form was loaded.</summary>
    public IReadOnlyList<HistoryEntry> OtherChanges { get; private set; } = [];

    public string? StaleMessage { get; private set; }

    private Workflow? _workflow;

    public string StatusLabel(string code) =>
        _workflow?.Status(code)?.StaffLabel.In(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? code;

    public string? LabelOf(string field)
    {
        if (Labels.LabelOf(field, localizer) is { } label)
        {
            return label;
        }

        var item = ItemPath().Match(field);
        if (!item.Success || !ItemLabels.TryGetValue(item.Groups["what"].Value, out var itemLabel))
        {
            return null;
        }

        return item.Groups["list"].Value == "items"
            ? localizer["{0} (item {1})", localizer[itemLabel].Value, item.Groups["no"].Value].Value
            : localizer["{0} (new item)", localizer[itemLabel].Value].Value;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var claim = await LoadAsync();
        if (claim is null)
        {
            return NotFound();
        }

        Form = ClaimEditForm.Of(claim, await editing.HistoryMarkAsync(Id, HttpContext.RequestAborted));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (input, parseErrors) = Form.ToInput();
        EditResult? result = null;
        if (parseErrors.Count == 0)
        {
            result = await editing.EditAsync(Id, input, new EditBasis(Form.Version, Form.HistoryMark), audit.CurrentActor, HttpContext.RequestAborted);
            if (result.Succeeded)
            {
                TempData["Status"] = localizer["The claim was corrected."].Value;
                return RedirectToPage("Card", new { id = Id });
            }

            if (result.Outcome.Refusal == Refusal.NotFound && result.Outcome.Field is null)
            {
                return NotFound();
            }
        }

        var claim = await LoadAsync();
        if (claim is null)
        {
            return NotFound();
        }

        foreach (var error in result?.Errors.Count > 0 ? result.Errors : parseErrors)
        {
            ModelState.AddModelError(error.Field, localizer[error.Message, error.Arguments].Value);
        }

        if (result is { Stale: true })
        {
            // What was typed stays; the form is now based on the claim as it is, so saving it again after review succeeds.
            OtherChanges = result.OtherChanges;
            StaleMessage = localizer["{0} changed this claim after you opened the form: {1}. Your changes are not saved yet: they are kept below; check them against theirs and save again.",
                string.Join(", ", result.OtherChanges.Select(c => c.ActorName ?? localizer["System"].Value).Distinct()),
                EditText.Others(result.OtherChanges, localizer)].Value + " " + localizer["The fields you had left as they were now show their new values."].Value;
            Form.Version = result.Version;
            Form.HistoryMark = result.HistoryMark;
            Form.TakeOver(result.OtherChanges);
        }
        else if (result is { Errors.Count: 0, Outcome.Succeeded: false } refused)
        {
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            ModelState.AddModelError(refused.Outcome.Field ?? "", localizer[refused.Outcome.Message,
                [.. refused.Outcome.Arguments.Select(a => a is LocalizedText text ? text.In(language) : a)]].Value);
        }

        return Page();
    }

    private async Task<Claim?> LoadAsync()
    {
        var claim = await db.Claims.AsNoTracking()
            .Include(c => c.Lines)
            .Include(c => c.Customer)
            .Include(c => c.Register).ThenInclude(r => r!.Statuses)
            .Include(c => c.Register).ThenInclude(r => r!.Transitions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == Id && !c.IsDeleted, HttpContext.RequestAborted);
        if (claim is null)
        {
            return null;
        }

        _workflow = claim.Register!.Workflow;
        Number = claim.Number;
        Stored = claim.Lines.ToDictionary(l => l.LineNo);
        Closed = _workflow.Status(claim.Status)?.Category == StatusCategory.Closed;
        return claim;
    }

    [GeneratedRegex(@"^(?<list>items|newLines)\[(?<no>\d+)\]\.(?<what>\w+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemPath();
}

/// <summary>The edit form as typed: numbers and dates stay text until they are read, so they come back as typed.</summary>
public sealed class ClaimEditForm
{
    /// <summary>The claim's version when the form was loaded (the edit is refused if it changed since).</summary>
    public int Version { get; set; }

    /// <summary>The claim's last history entry when the form was loaded: what others changed since is named after it.</summary>
    public long HistoryMark { get; set; }

    public string? CustomerCode { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public string ContactLanguage { get; set; } = "pl";
    public string PreferredChannel { get; set; } = "email";
    public string Category { get; set; } = "quality";
    public string Priority { get; set; } = "normal";
    public string LegalBasis { get; set; } = "conformity";
    public string? Description { get; set; }
    public List<ClaimEditLineForm> Lines { get; set; } = [];

    /// <summary>An item to add; left empty, none is added.</summary>
    public ClaimLineForm NewLine { get; set; } = new();

    public static ClaimEditForm Of(Claim claim, long historyMark) => new()
    {
        Version = claim.Version,
        HistoryMark = historyMark,
        CustomerCode = claim.Customer?.Code,
        ContactName = claim.ContactName,
        ContactEmail = claim.ContactEmail,
        ContactPhone = claim.ContactPhone,
        ContactLanguage = claim.ContactLanguage,
        PreferredChannel = Codes.Of(claim.PreferredChannel),
        Category = Codes.Of(claim.Category),
        Priority = Codes.Of(claim.Priority),
        LegalBasis = Codes.Of(claim.LegalBasis),
        Description = claim.Description,
        Lines = [.. claim.Lines.Where(l => l.WithdrawnAt is null).OrderBy(l => l.LineNo).Select(l => new ClaimEditLineForm
        {
            LineNo = l.LineNo,
            ProductCode = l.ProductCode,
            ProductName = l.ProductName,
            Ean = l.Ean,
            SerialNumber = l.SerialNumber,
            Quantity = l.Quantity.ToString("0.###", CultureInfo.InvariantCulture),
            UnitPrice = l.UnitPrice?.ToString("0.##", CultureInfo.InvariantCulture),
            PurchaseDate = l.PurchaseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SalesDocumentNumber = l.SalesDocumentNumber,
            FaultDescription = l.FaultDescription,
        })],
        NewLine = new ClaimLineForm(),
    };

    /// <summary>
    /// Takes the others' changes into the fields this form left as they were (the value typed is the value they changed):
    /// saving the form again then keeps their changes and adds this one's, instead of turning theirs back.
    /// </summary>
    public void TakeOver(IEnumerable<HistoryEntry> changes)
    {
        foreach (var change in changes.Where(c => c.Action == "updated" && c.Field is not null))
        {
            var line = change.Field!.StartsWith("line ", StringComparison.Ordinal) && change.Field.Split(' ') is [_, var no, var what]
                && int.TryParse(no, CultureInfo.InvariantCulture, out var lineNo) ? (Line: Lines.FirstOrDefault(l => l.LineNo == lineNo), What: what) : (null, "");
            (Func<string?> Get, Action<string?> Set)? field = line.Line is { } item ? line.What switch
            {
                "productCode" => (() => item.ProductCode, v => item.ProductCode = v),
                "productName" => (() => item.ProductName, v => item.ProductName = v),
                "ean" => (() => item.Ean, v => item.Ean = v),
                "serialNumber" => (() => item.SerialNumber, v => item.SerialNumber = v),
                "quantity" => (() => item.Quantity, v => item.Quantity = v),
                "unitPrice" => (() => item.UnitPrice, v => item.UnitPrice = v),
                "purchaseDate" => (() => item.PurchaseDate, v => item.PurchaseDate = v),
                "salesDocumentNumber" => (() => item.SalesDocumentNumber, v => item.SalesDocumentNumber = v),
                "faultDescription" => (() => item.FaultDescription, v => item.FaultDescription = v),
                _ => null,
            } : change.Field switch
            {
                "contact.name" => (() => ContactName, v => ContactName = v),
                "contact.email" => (() => ContactEmail, v => ContactEmail = v),
                "contact.phone" => (() => ContactPhone, v => ContactPhone = v),
                "contact.language" => (() => ContactLanguage, v => ContactLanguage = v ?? ContactLanguage),
                "contact.preferredChannel" => (() => PreferredChannel, v => PreferredChannel = v ?? PreferredChannel),
                "category" => (() => Category, v => Category = v ?? Category),
                "priority" => (() => Priority, v => Priority = v ?? Priority),
                "legalBasis" => (() => LegalBasis, v => LegalBasis = v ?? LegalBasis),
                "description" => (() => Description, v => Description = v),
                _ => null,
            };
            if (field is var (get, set) && string.Equals(get()?.Trim() ?? "", change.OldValue ?? "", StringComparison.Ordinal))
            {
                set(change.NewValue);
            }
        }
    }

    /// <summary>The edit the form asks for; text that is no number or date becomes a field error.</summary>
    public (ClaimEditInput Input, List<FieldError> Errors) ToInput()
    {
        var errors = new List<FieldError>();
        var lines = Lines.Select(line => new LineEditInput(line.LineNo, Line(line.ProductCode, line.ProductName, line.Ean, line.SerialNumber,
            line.Quantity, line.UnitPrice, line.PurchaseDate, line.SalesDocumentNumber, line.FaultDescription, $"items[{line.LineNo}]", errors))).ToList();
        var added = NewLine;
        List<ClaimLineInput> newLines = new[] { added.ProductCode, added.ProductName, added.SerialNumber, added.SalesDocumentNumber, added.FaultDescription }
            .Any(t => !string.IsNullOrWhiteSpace(t))
            ? [Line(added.ProductCode, added.ProductName, added.Ean, added.SerialNumber, added.Quantity, added.UnitPrice, added.PurchaseDate,
                added.SalesDocumentNumber, added.FaultDescription, "newLines[0]", errors)]
            : [];
        return (new ClaimEditInput
        {
            CustomerCode = CustomerCode ?? "",
            Contact = new ContactInput
            {
                Name = ContactName ?? "", Email = ContactEmail ?? "", Phone = ContactPhone ?? "", Language = ContactLanguage, PreferredChannel = PreferredChannel,
            },
            Category = Category,
            Priority = Priority,
            LegalBasis = LegalBasis,
            Description = Description ?? "",
            Lines = lines,
            NewLines = newLines,
            Withdraw = [.. Lines.Where(l => l.Withdraw).Select(l => l.LineNo)],
        }, errors);
    }

    private static ClaimLineInput Line(string? code, string? name, string? ean, string? serial, string? quantity, string? price, string? date,
        string? document, string? fault, string path, List<FieldError> errors) => new()
    {
        ProductCode = code ?? "",
        ProductName = name ?? "",
        Ean = ean ?? "",
        SerialNumber = serial ?? "",
        Quantity = ClaimForm.Number(quantity, $"{path}.quantity", errors),
        UnitPrice = ClaimForm.Number(price, $"{path}.unitPrice", errors),
        PurchaseDate = ClaimForm.Date(date, $"{path}.purchaseDate", errors),
        SalesDocumentNumber = document ?? "",
        FaultDescription = fault ?? "",
    };
}

/// <summary>One item of the edit form, by its number; <see cref="Withdraw"/> withdraws it.</summary>
public sealed class ClaimEditLineForm
{
    public int LineNo { get; set; }
    public bool Withdraw { get; set; }
    public string? ProductCode { get; set; }
    public string? ProductName { get; set; }
    public string? Ean { get; set; }
    public string? SerialNumber { get; set; }
    public string? Quantity { get; set; }
    public string? UnitPrice { get; set; }
    public string? PurchaseDate { get; set; }
    public string? SalesDocumentNumber { get; set; }
    public string? FaultDescription { get; set; }
}
