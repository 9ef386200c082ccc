using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;

namespace ClaimDesk.Web.Infrastructure;

/// <summary>
/// The amount thresholds of the rules' forms (assignment, SLA, notification and approval rules), in the organisation's
/// currency: read as typed in the page's language or with a decimal point (<c>5000</c>, <c>5 000,00</c>,
/// <c>5000.50</c>), and shown with two decimals.
/// </summary>
public static class AmountText
{
    /// <summary>
    /// The amount typed in <paramref name="text"/> (null when blank); an amount that is not a number from 0 to
    /// <see cref="Amounts.MaxThreshold"/> with at most two decimals adds an error on <paramref name="field"/>.
    /// </summary>
    public static decimal? Parse(string? text, string field, List<FieldError> errors)
    {
        var typed = string.Concat((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '\u00a0' && c != '\u202f'));
        if (typed.Length == 0)
        {
            return null;
        }

        if ((decimal.TryParse(typed, NumberStyles.AllowDecimalPoint, CultureInfo.CurrentCulture, out var amount)
                || decimal.TryParse(typed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount))
            && amount <= Amounts.MaxThreshold && decimal.Round(amount, 2) == amount)
        {
            return amount;
        }

        errors.Add(new FieldError(field, "Enter an amount from 0 to {0} with at most two decimals.", Amounts.MaxThreshold.ToString("N0", CultureInfo.CurrentCulture)));
        return null;
    }

    /// <summary>An amount as a form shows it again: invariant, without a thousands separator (<c>5000.00</c>).</summary>
    public static string? Edit(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>An amount with its currency in the reader's language: <c>5,000.00 PLN</c>, <c>5 000,00 PLN</c>.</summary>
    public static string Show(decimal amount, string currency) => $"{amount.ToString("N2", CultureInfo.CurrentCulture)} {currency}";
}
