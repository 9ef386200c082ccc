using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// The public complaint form as typed: the purchase facts once, one or more items, each of which becomes a claim.
/// Numbers and dates stay text (as on the staff form), so what was typed comes back unchanged when something else
/// needs fixing.
/// </summary>
public sealed partial class IntakeForm
{
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public string PreferredChannel { get; set; } = "email";
    public string Language { get; set; } = "pl";
    public string? Shop { get; set; }
    public string? PurchaseDate { get; set; }
    public string? ReceiptNumber { get; set; }
    public string RequestedRemedy { get; set; } = "repair";
    public string DeliveryMethod { get; set; } = "customer_ships";
    public string? PickupAddress { get; set; }
    public string? ParcelLockerId { get; set; }
    public string LegalBasis { get; set; } = "conformity";
    public string? Notes { get; set; }
    public bool PrivacyAccepted { get; set; }

    /// <summary>The honeypot: hidden from people, filled in by bots that fill in every field.</summary>
    public string? Website { get; set; }

    public List<IntakeItemForm> Items { get; set; } = [new()];

    public const int MaxItems = 20;

    public static IReadOnlyList<string> LegalBases { get; } = ["conformity", "guarantee"];

    /// <summary>
    /// The claim as typed; the shop goes ahead of the notes in the description, captioned in the claimant's language
    /// (<paramref name="localizers"/> gives it), as staff and the intake confirmation show it.
    /// </summary>
    public (ClaimInput Input, List<FieldError> Errors) ToInput(IStringLocalizerFactory localizers)
    {
        var errors = new List<FieldError>();
        var claimForm = new ClaimForm
        {
            Channel = "web",
            ContactName = ContactName,
            ContactEmail = ContactEmail,
            ContactPhone = ContactPhone,
            ContactLanguage = Language,
            PreferredChannel = PreferredChannel,
            CustomerType = "consumer",
            LegalBasis = LegalBases.Contains(LegalBasis) ? LegalBasis : "",
            RequestedRemedy = RequestedRemedy,
            DeliveryMethod = DeliveryMethod,
            PickupAddress = PickupAddress,
            ParcelLockerId = ParcelLockerId,
            Description = string.IsNullOrWhiteSpace(Shop)
                ? Notes
                : $"{localizers.In(Language, (localizer, _) => localizer["Shop:"].Value)} {Shop.Trim()}\n{Notes}".Trim(),
            Lines = [.. Items.Select(item => new ClaimLineForm
            {
                ProductName = item.ProductName,
                ProductCode = item.ProductCode,
                SerialNumber = item.SerialNumber,
                Quantity = item.Quantity,
                PurchaseDate = PurchaseDate,
                SalesDocumentNumber = ReceiptNumber,
                FaultDescription = item.FaultDescription,
            })],
        };
        var (input, parseErrors) = claimForm.ToInput();
        errors.AddRange(parseErrors);
        if (string.IsNullOrWhiteSpace(ContactEmail))
        {
            errors.Add(new FieldError("contact.email", "This field is required."));
        }

        if (!string.IsNullOrWhiteSpace(Shop) && Shop.Trim().Length > ClaimLimits.Name)
        {
            errors.Add(new FieldError("shop", "At most {0} characters; this has {1}.", ClaimLimits.Name, Shop.Trim().Length));
        }

        if (Items.Count > MaxItems)
        {
            errors.Add(new FieldError("lines", "A claim has at most {0} lines.", MaxItems));
        }

        if (!PrivacyAccepted)
        {
            errors.Add(new FieldError("privacyAccepted", "Confirm that you have read the privacy notice."));
        }

        return (input, errors);
    }

    /// <summary>Where a validator error shows on this form: the purchase facts are typed once, not per item.</summary>
    public static string FieldOf(string path)
    {
        var match = LinePath().Match(path);
        if (!match.Success)
        {
            return path;
        }

        return match.Groups[2].Value switch
        {
            "purchaseDate" => "purchaseDate",
            "salesDocumentNumber" => "receiptNumber",
            _ => path,
        };
    }

    [GeneratedRegex(@"^lines\[(\d+)\]\.(\w+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LinePath();
}

public sealed class IntakeItemForm
{
    public string? ProductName { get; set; }
    public string? ProductCode { get; set; }
    public string? SerialNumber { get; set; }
    public string? Quantity { get; set; } = "1";
    public string? FaultDescription { get; set; }

    /// <summary>Photos or documents chosen in this request.</summary>
    public List<IFormFile> Files { get; set; } = [];

    /// <summary>Tokens of the files sent with an earlier attempt of this form and kept (<see cref="PendingUploads"/>).</summary>
    public List<string> Kept { get; set; } = [];
}
