using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Inbound;

/// <summary>
/// Replies by e-mail (DESIGN §3.4 one thread per claim): mail gateways (Mailgun, SendGrid, Postmark, a local
/// procmail script) post each received message as a form — <c>from</c>, <c>to</c>, <c>subject</c>, <c>text</c>,
/// <c>html</c> and the attachments as files — to <c>POST /api/v1/inbound/email</c>, with the shared secret
/// <c>ClaimDesk:InboundMail:Secret</c> in the <c>X-ClaimDesk-Secret</c> header or the <c>secret</c> query parameter.
/// The claim is found by its number in the subject or in the plus part of the address it was sent to
/// (<c>reklamacje+RMA-2026-000001@…</c>); the message lands in its thread as an inbound public message when the sender
/// is the claim's contact (or customer) address. Anything else is answered and left alone.
/// </summary>
public static partial class InboundMailApi
{
    public const string SecretHeader = "X-ClaimDesk-Secret";

    public sealed record InboundResult(string Result, string? Number, int Files, IReadOnlyList<string> RefusedFiles);

    public static void MapInboundMailApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/inbound/email", ReceiveAsync)
            .WithTags("Inbound e-mail")
            .WithName("ReceiveEmail")
            .WithSummary("A received e-mail, as mail gateways post it (multipart form: from, to, subject, text, html, attachments).")
            .AllowAnonymous()
            .DisableAntiforgery();

    private static async Task<Results<Ok<InboundResult>, UnauthorizedHttpResult, NotFound, UnprocessableEntity<InboundResult>>> ReceiveAsync(
        HttpContext context, AppDbContext db, ClaimThread thread, IOptions<ClaimDeskOptions> options, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var secret = options.Value.InboundMail.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            // Without a secret the endpoint does not exist: nobody can post into threads.
            return TypedResults.NotFound();
        }

        var given = context.Request.Headers[SecretHeader].FirstOrDefault() ?? context.Request.Query["secret"].FirstOrDefault() ?? "";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(secret)))
        {
            return TypedResults.Unauthorized();
        }

        if (!context.Request.HasFormContentType)
        {
            return TypedResults.UnprocessableEntity(new InboundResult("not_a_form", null, 0, []));
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var from = Address(form["from"]);
        var candidates = Candidates($"{form["subject"]} {PlusPart(form["to"])}");
        var claims = candidates.Count == 0 ? [] : await db.Claims.AsNoTracking()
            .Where(c => candidates.Contains(c.Number) && !c.IsDeleted)
            .Select(c => new { c.Id, c.Number, c.ContactEmail, CustomerEmail = c.Customer == null ? null : c.Customer.Email })
            .ToListAsync(cancellationToken);
        var claim = claims.FirstOrDefault(c => from is not null
            && (string.Equals(c.ContactEmail, from, StringComparison.OrdinalIgnoreCase) || string.Equals(c.CustomerEmail, from, StringComparison.OrdinalIgnoreCase)));
        var logger = loggers.CreateLogger(typeof(InboundMailApi));
        if (claim is null)
        {
            LogUnmatched(logger, claims.Count);
            return TypedResults.UnprocessableEntity(new InboundResult(claims.Count == 0 ? "no_claim" : "sender_not_the_claimant", null, 0, []));
        }

        var body = Body(form["text"].ToString(), form["html"].ToString());
        var files = form.Files.Where(f => f.Length > 0).Take(ClaimThread.MaxFiles).ToList();
        // The author is named as the claim knows them, whatever the case of the address in the header.
        var actor = new Actor("customer", null,
            string.Equals(claim.ContactEmail, from, StringComparison.OrdinalIgnoreCase) ? claim.ContactEmail! : claim.CustomerEmail!, []);
        var outcome = await thread.PostAsync(claim.Id, MessageKind.Inbound, body,
            [.. files.Select(f => new UploadedFile(f.FileName, f.OpenReadStream))], actor, PublicAddress.BaseUrl(options.Value, context.Request),
            cancellationToken);
        var refused = new List<string>();
        if (!outcome.Succeeded && outcome.Field == "files")
        {
            // A file the policy refuses must not cost the customer their words: the text goes in alone, with a note.
            refused = [.. files.Select(f => f.FileName)];
            outcome = await thread.PostAsync(claim.Id, MessageKind.Inbound,
                $"{body}\n\n[{string.Join(", ", refused)}: not attached — only PDF, JPEG, PNG, GIF, WebP and HEIC files within the size limit are]".Trim(),
                [], actor, PublicAddress.BaseUrl(options.Value, context.Request), cancellationToken);
        }

        if (!outcome.Succeeded)
        {
            return TypedResults.UnprocessableEntity(new InboundResult("refused", claim.Number, 0, refused));
        }

        return TypedResults.Ok(new InboundResult("threaded", claim.Number, refused.Count == 0 ? files.Count : 0, refused));
    }

    /// <summary>The bare address of a From header (<c>"Zofia" &lt;zofia@example.pl&gt;</c>).</summary>
    private static string? Address(string? header) =>
        MailAddress.TryCreate(header?.Trim() ?? "", out var address) ? address.Address : null;

    /// <summary>The plus parts of the addresses a message was sent to: <c>reklamacje+RMA-2026-000001@…</c>.</summary>
    private static string PlusPart(string? to) =>
        string.Join(' ', (to ?? "").Split(',').Select(Address).OfType<string>()
            .Select(a => a.Split('@')[0]).Where(l => l.Contains('+', StringComparison.Ordinal)).Select(l => l[(l.IndexOf('+', StringComparison.Ordinal) + 1)..]));

    /// <summary>Every word of the text that could be a claim number (numbers are upper case, as numbering makes them).</summary>
    private static List<string> Candidates(string text) =>
        [.. NumberLike().Matches(text.ToUpperInvariant()).Select(m => m.Value.Trim('.', ',', ':', ';', ')', ']')).Distinct().Take(20)];

    /// <summary>The reply itself: the text part, or the HTML made text; the quoted earlier message is cut off.</summary>
    public static string Body(string text, string html)
    {
        if (string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(html))
        {
            text = System.Net.WebUtility.HtmlDecode(Tags().Replace(LineBreaks().Replace(html, "\n"), ""));
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith('>') || QuoteHeader().IsMatch(line))
            {
                break;
            }

            kept.Add(line);
        }

        var body = string.Join('\n', kept).Trim();
        return body.Length > MessageKind.MaxBodyLength ? body[..MessageKind.MaxBodyLength] : body;
    }

    [GeneratedRegex(@"[A-Z0-9][A-Z0-9/\-_.]{3,59}", RegexOptions.CultureInvariant)]
    private static partial Regex NumberLike();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"<br\s*/?>|</p>|</div>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    /// <summary>The line mail programs put above a quoted message, in English, Polish and Czech, or Outlook's separator.</summary>
    [GeneratedRegex(@"^(On .+ wrote:|W dniu .+ (pisze|napisał\(a\)|napisał|napisała):|Dne .+ napsal(a)?:|-{2,}\s*(Original Message|Wiadomość oryginalna|Původní zpráva)\s*-{2,})\s*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "An inbound e-mail matched no claim of its sender ({Candidates} claims named)")]
    private static partial void LogUnmatched(ILogger logger, int candidates);
}
