using System.Globalization;
using System.Net.Mail;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Localization;
using ClaimDesk.Core.Registers;

namespace ClaimDesk.Core.Claims;

/// <summary>The most a field may hold; beyond it input is refused with a message, never cut.</summary>
public static class ClaimLimits
{
    public const int Name = 200;
    public const int Email = 254;
    public const int Phone = 40;
    public const int Code = 100;
    public const int ProductName = 300;
    public const int LongText = 10_000;
    public const int Reason = 2_000;
    public const int Address = 500;
    public const int ParcelLockerId = 20;
    public const int MaxLines = 200;
    public const decimal MaxQuantity = 1_000_000m;
    public const decimal MaxUnitPrice = 100_000_000m;
}

/// <summary>A new claim as typed or sent: codes as strings, nothing trusted yet.</summary>
public sealed record ClaimInput
{
    public string? Register { get; init; }
    public string? Channel { get; init; }
    public CustomerInput? Customer { get; init; }

    /// <summary>The supplier the claim is made to, by its master-data code: required in a supplier register.</summary>
    public SupplierInput? Supplier { get; init; }

    public ContactInput? Contact { get; init; }
    public string? CustomerType { get; init; }
    public string? LegalBasis { get; init; }
    public string? Category { get; init; }
    public string? RequestedRemedy { get; init; }
    public string? DeliveryMethod { get; init; }

    /// <summary>Where the courier collects the goods, one line per line; required for courier pickup, else ignored.</summary>
    public string? PickupAddress { get; init; }

    /// <summary>The parcel locker the goods are posted from (InPost <c>KRA01M</c>, a Zásilkovna number); required for a parcel locker, else ignored.</summary>
    public string? ParcelLockerId { get; init; }

    public string? Priority { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<ClaimLineInput>? Lines { get; init; }

    /// <summary>Values of the register's custom fields by field code, as text (checked against the register's fields).</summary>
    public IReadOnlyDictionary<string, string?>? CustomFields { get; init; }
}

public sealed record CustomerInput
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? TaxId { get; init; }
}

public sealed record SupplierInput
{
    public string? Code { get; init; }
}

public sealed record ContactInput
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Language { get; init; }
    public string? PreferredChannel { get; init; }
}

public sealed record ClaimLineInput
{
    public string? ProductCode { get; init; }
    public string? ProductName { get; init; }
    public string? Ean { get; init; }
    public string? SerialNumber { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? UnitPrice { get; init; }
    public DateOnly? PurchaseDate { get; init; }
    public string? SalesDocumentNumber { get; init; }
    public int? SalesDocumentLineNo { get; init; }
    public string? FaultDescription { get; init; }
}

public sealed record ClaimLineDraft(
    string? ProductCode, string ProductName, string? Ean, string? SerialNumber, decimal Quantity, decimal? UnitPrice,
    DateOnly? PurchaseDate, string? SalesDocumentNumber, string FaultDescription)
{
    public int? SalesDocumentLineNo { get; init; }

    /// <summary>What the ERP says about the item, filled in when the line names a sales document or a serial number.</summary>
    public ClaimLineErpFacts? Erp { get; init; }
}

/// <summary>The facts of a claimed item that come from the ERP's sales document, with its warranty state.</summary>
public sealed record ClaimLineErpFacts(
    string? GoodsIssueNumber, string? PickedBy, string? PackedBy, string? Carrier, string? TrackingNumber,
    DateOnly? WarrantyEnd, bool? UnderWarranty);

/// <summary>A validated new claim, ready for <see cref="Claim.Open(int, string, bool, ClaimDraft, DateTime)"/>.</summary>
public sealed record ClaimDraft(
    string RegisterCode, Channel Channel, string? CustomerCode, string CustomerName, string? CustomerTaxId,
    string ContactName, string? ContactEmail, string? ContactPhone, string ContactLanguage, ContactChannel PreferredChannel,
    CustomerType CustomerType, LegalBasis LegalBasis, ClaimCategory Category, RequestedRemedy RequestedRemedy,
    DeliveryMethod DeliveryMethod, Priority Priority, string? Description, IReadOnlyList<ClaimLineDraft> Lines)
{
    public DateTime? ReceivedAt { get; init; }

    /// <summary>Where the courier collects the goods (courier pickup only).</summary>
    public string? PickupAddress { get; init; }

    /// <summary>The parcel locker's id, upper-cased (parcel locker only).</summary>
    public string? ParcelLockerId { get; init; }

    /// <summary>The master-data code of the supplier the claim is made to (supplier registers).</summary>
    public string? SupplierCode { get; init; }

    /// <summary>That supplier's id, set by the caller once it found the code in master data.</summary>
    public long? SupplierId { get; init; }
}

/// <summary>A field-level problem: the field's path (<c>lines[1].quantity</c>), an English message key and its arguments.</summary>
public sealed record FieldError(string Field, string Message, params object[] Arguments);

/// <summary>
/// Checks a <see cref="ClaimInput"/> field by field and turns it into a <see cref="ClaimDraft"/>. Every problem is
/// reported at once, by field; text is kept verbatim (it is escaped where shown), only trimmed.
/// </summary>
public static class ClaimValidator
{
    /// <summary>
    /// With <paramref name="productFromErp"/>, a line that names a sales document line or a serial number may leave the
    /// product name empty: the caller fills it from the ERP (ClaimLineEnrichment) and reports it if it cannot.
    /// <paramref name="registerKind"/> is what the claim's register holds: a pre-sale defect has no customer and a claim
    /// to a supplier is made by us, so neither asks for a contact, a customer type or a legal basis (business terms
    /// stand in), and a supplier claim must name its supplier.
    /// </summary>
    public static (ClaimDraft? Draft, IReadOnlyList<FieldError> Errors) Validate(
        ClaimInput? input, DateOnly today, bool productFromErp = false, RegisterKind registerKind = RegisterKind.Complaints)
    {
        var errors = new List<FieldError>();
        if (input is null)
        {
            errors.Add(new("body", "The request has no claim in it."));
            return (null, errors);
        }

        // No register named: the claim goes to the first register of customer complaints (ClaimCommands finds it).
        var register = string.IsNullOrWhiteSpace(input.Register) ? "" : input.Register.Trim();
        var claimant = HasCustomerClaimant(registerKind);
        var channel = Code<Channel>(input.Channel, "channel", errors, Claims.Channel.Phone);
        var customerType = Code<CustomerType>(input.CustomerType, "customerType", errors, claimant ? null : Claims.CustomerType.Business);
        var legalBasis = Code<LegalBasis>(input.LegalBasis, "legalBasis", errors, claimant ? null : Claims.LegalBasis.WarrantyB2b);
        var category = Code<ClaimCategory>(input.Category, "category", errors, ClaimCategory.Quality);
        var remedy = Code<RequestedRemedy>(input.RequestedRemedy, "requestedRemedy", errors, claimant ? null : Claims.RequestedRemedy.Replacement);
        var delivery = Code<DeliveryMethod>(input.DeliveryMethod, "deliveryMethod", errors, registerKind switch
        {
            RegisterKind.Presale => Claims.DeliveryMethod.OnSite,
            RegisterKind.Supplier => Claims.DeliveryMethod.CustomerShips,
            _ => null,
        });
        var supplierCode = Text(input.Supplier?.Code, "supplier.code", ClaimLimits.Code, errors, required: false);
        if (registerKind == RegisterKind.Supplier && supplierCode is null && string.IsNullOrWhiteSpace(input.Supplier?.Code))
        {
            errors.Add(new("supplier.code", "Choose the supplier from master data."));
        }
        var priority = Code<Priority>(input.Priority, "priority", errors, Claims.Priority.Normal);
        var (pickupAddress, lockerId) = DeliveryDetails(input, delivery, errors);

        var contact = input.Contact ?? new ContactInput();
        var customer = input.Customer ?? new CustomerInput();
        var contactName = Text(contact.Name, "contact.name", ClaimLimits.Name, errors, required: claimant);
        var email = Text(contact.Email, "contact.email", ClaimLimits.Email, errors, required: false);
        if (email is not null && !IsEmail(email))
        {
            errors.Add(new("contact.email", "'{0}' is not a valid e-mail address.", email));
        }

        var phone = Text(contact.Phone, "contact.phone", ClaimLimits.Phone, errors, required: false);
        if (phone is not null && !phone.All(c => char.IsDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '/'))
        {
            errors.Add(new("contact.phone", "A phone number holds digits, spaces and + - ( ) / only."));
        }

        if (claimant && email is null && phone is null)
        {
            errors.Add(new("contact.email", "Give an e-mail address or a phone number to reach the customer."));
        }

        var language = string.IsNullOrWhiteSpace(contact.Language) ? Language.Polish : contact.Language.Trim();
        if (!Language.IsSupported(language))
        {
            errors.Add(new("contact.language", "'{0}' is not one of: {1}.", language, string.Join(", ", Language.All)));
        }

        var preferred = Code<ContactChannel>(contact.PreferredChannel, "contact.preferredChannel", errors, ContactChannel.Email);
        var customerCode = Text(customer.Code, "customer.code", ClaimLimits.Code, errors, required: false);
        var customerName = Text(customer.Name, "customer.name", ClaimLimits.Name, errors, required: false) ?? contactName ?? "";
        var taxId = Text(customer.TaxId, "customer.taxId", 30, errors, required: false);
        var description = Text(input.Description, "description", ClaimLimits.LongText, errors, required: false);

        var lines = new List<ClaimLineDraft>();
        if (input.Lines is null || input.Lines.Count == 0)
        {
            errors.Add(new("lines", "A claim needs at least one line."));
        }
        else if (input.Lines.Count > ClaimLimits.MaxLines)
        {
            errors.Add(new("lines", "A claim has at most {0} lines.", ClaimLimits.MaxLines));
        }
        else
        {
            for (var i = 0; i < input.Lines.Count; i++)
            {
                var line = input.Lines[i] ?? new ClaimLineInput();
                var path = $"lines[{i}]";
                // A line that names a sales document line or a serial number takes its product from the ERP, which
                // ClaimLineEnrichment asks after validation; it reports the name as missing if the ERP does not know.
                var fromErp = productFromErp && ((!string.IsNullOrWhiteSpace(line.SalesDocumentNumber) && line.SalesDocumentLineNo is not null)
                    || !string.IsNullOrWhiteSpace(line.SerialNumber));
                var productName = Text(line.ProductName, $"{path}.productName", ClaimLimits.ProductName, errors, required: !fromErp);
                var fault = Text(line.FaultDescription, $"{path}.faultDescription", ClaimLimits.LongText, errors, required: true);
                var quantity = line.Quantity ?? 1m;
                if (quantity <= 0 || quantity > ClaimLimits.MaxQuantity)
                {
                    errors.Add(new($"{path}.quantity", "The quantity must be more than 0 and at most {0}.", ClaimLimits.MaxQuantity));
                }

                if (line.UnitPrice is < 0 or > ClaimLimits.MaxUnitPrice)
                {
                    errors.Add(new($"{path}.unitPrice", "The unit price must be between 0 and {0}.", ClaimLimits.MaxUnitPrice));
                }

                if (line.SalesDocumentLineNo is < 1)
                {
                    errors.Add(new($"{path}.salesDocumentLineNo", "A line number is 1 or more."));
                }

                if (line.PurchaseDate is { } purchased && (purchased > today || purchased.Year < 1990))
                {
                    errors.Add(new($"{path}.purchaseDate", "The purchase date cannot be in the future or before 1990."));
                }

                var ean = Text(line.Ean, $"{path}.ean", 14, errors, required: false);
                if (ean is not null && !ean.All(char.IsAsciiDigit))
                {
                    errors.Add(new($"{path}.ean", "An EAN holds digits only."));
                }

                lines.Add(new ClaimLineDraft(
                    Text(line.ProductCode, $"{path}.productCode", ClaimLimits.Code, errors, required: false),
                    productName ?? "", ean,
                    Text(line.SerialNumber, $"{path}.serialNumber", ClaimLimits.Code, errors, required: false),
                    quantity, line.UnitPrice, line.PurchaseDate,
                    Text(line.SalesDocumentNumber, $"{path}.salesDocumentNumber", ClaimLimits.Code, errors, required: false),
                    fault ?? "") { SalesDocumentLineNo = line.SalesDocumentLineNo });
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ClaimDraft(register, channel!.Value, customerCode, customerName, taxId, contactName ?? "", email, phone, language,
            preferred!.Value, customerType!.Value, legalBasis!.Value, category!.Value, remedy!.Value, delivery!.Value,
            priority!.Value, description, lines) { PickupAddress = pickupAddress, ParcelLockerId = lockerId, SupplierCode = supplierCode }, errors);
    }

    /// <summary>
    /// Courier pickup needs the address to collect from, a parcel locker its id (3–20 letters, digits or hyphens, kept
    /// upper-cased: InPost <c>KRA01M</c>, Zásilkovna <c>12345</c>); what another delivery method was sent with is dropped.
    /// </summary>
    private static (string? PickupAddress, string? ParcelLockerId) DeliveryDetails(ClaimInput input, DeliveryMethod? delivery, List<FieldError> errors)
    {
        if (delivery == Claims.DeliveryMethod.CourierPickup)
        {
            var address = Text(input.PickupAddress, "pickupAddress", ClaimLimits.Address, errors, required: false);
            if (address is null && string.IsNullOrWhiteSpace(input.PickupAddress))
            {
                errors.Add(new("pickupAddress", "Give the address the courier collects the goods from."));
            }

            return (address?.ReplaceLineEndings("\n"), null);
        }

        if (delivery == Claims.DeliveryMethod.ParcelLocker)
        {
            var id = input.ParcelLockerId?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(id))
            {
                errors.Add(new("parcelLockerId", "Give the id of the parcel locker you send the goods from."));
                return (null, null);
            }

            if (id.Length is < 3 or > ClaimLimits.ParcelLockerId || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                errors.Add(new("parcelLockerId", "A parcel locker id has 3 to 20 letters, digits or hyphens (for example KRA01M)."));
                return (null, null);
            }

            return (null, id);
        }

        return (null, null);
    }

    /// <summary>Whether claims of this kind come from a customer we must be able to reach (complaints, paid service).</summary>
    public static bool HasCustomerClaimant(RegisterKind kind) => kind is RegisterKind.Complaints or RegisterKind.Service;

    private static TEnum? Code<TEnum>(string? code, string field, List<FieldError> errors, TEnum? fallback)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            if (fallback is null)
            {
                errors.Add(new(field, "Choose one of: {0}.", string.Join(", ", Codes.All<TEnum>())));
            }

            return fallback;
        }

        if (Codes.TryParse<TEnum>(code, out var value))
        {
            return value;
        }

        errors.Add(new(field, "'{0}' is not one of: {1}.", Shorten(code), string.Join(", ", Codes.All<TEnum>())));
        return fallback;
    }

    /// <summary>Trimmed text, null when empty; a problem (required, too long, control characters) is added to <paramref name="errors"/>.</summary>
    internal static string? Text(string? value, string field, int max, List<FieldError> errors, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors.Add(new(field, "This field is required."));
            }

            return null;
        }

        if (text.Length > max)
        {
            errors.Add(new(field, "At most {0} characters; this has {1}.", max, text.Length.ToString("N0", CultureInfo.InvariantCulture)));
            return null;
        }

        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors.Add(new(field, "The text holds control characters."));
            return null;
        }

        return text;
    }

    internal static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal)
        && !email.Contains(' ', StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
