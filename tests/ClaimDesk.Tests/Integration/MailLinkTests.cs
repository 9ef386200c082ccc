using System.Text.RegularExpressions;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// Every link a recipient gets is absolute: one that reads <c>/track/…</c> opens nothing in a mail program. Also the
/// mails built outside any request (the deadline scanner's, a command run by a background job).
/// </summary>
public sealed partial class MailLinkTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_link_in_every_queued_mail_is_absolute_also_in_mails_built_outside_a_request(DatabaseProvider provider)
    {
        await using var node = await DeadlineApp.StartAsync(provider);
        var app = node.Mail;
        var client = app.App.CreateBrowserLikeClient();

        // A web complaint: the activation mail, then the acknowledgement with its tracking link, then "find my claim".
        (await client.SubmitFormAsync("/complaint/new", WebComplaint(), "#intake-form")).Dispose();
        var activation = Assert.Single(await app.MessagesAsync()).TextBody;
        (await client.GetAsync(new Uri(AbsoluteLinks(activation).Single(l => l.Contains("/complaint/activate/", StringComparison.Ordinal))).PathAndQuery)).Dispose();
        var number = (await app.ClaimsAsync())[0].Number;
        (await client.SubmitFormAsync("/track", new Dictionary<string, string> { ["Number"] = number, ["Email"] = "links@example.pl" })).Dispose();

        // A status mail to the claimant from a command run outside a request, and the scanner's escalation to a manager.
        await StaffAccounts.CreateAsync(app.App, StaffRole.Manager, "Marek Manager", "pl");
        var claim = await node.CreateBusinessClaimAsync();
        var cancelled = await node.CreateBusinessClaimAsync();
        await node.CommandAsync(commands => commands.TransitionAsync(cancelled.Id, "cancelled", DeadlineApp.Cancel, DeadlineApp.Manager));
        var deadline = Assert.Single(await node.DeadlinesAsync(claim.Id));
        node.MoveTo(deadline.DueAt.AddMinutes(1));
        Assert.True((await node.ScanAsync()).Escalations >= 1);

        var mails = (await app.MessagesAsync()).Where(m => m.Kind == OutboxMessage.EmailKind).ToList();
        Assert.Contains(mails, m => m.TextBody.Contains("/complaint/activate/", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.To == "jan.kowalski@example.pl" && m.TextBody.Contains("/track/", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.TextBody.Contains($"/Claims/{claim.Id}", StringComparison.Ordinal));
        Assert.True(mails.Count >= 5, string.Join("\n", mails.Select(m => m.Subject)));
        foreach (var mail in mails)
        {
            Assert.True(RelativeLink().Count(mail.TextBody) == 0, $"A relative link in \"{mail.Subject}\":\n{mail.TextBody}");
            Assert.All(AbsoluteLinks(mail.TextBody), l => Assert.StartsWith("http://localhost/", l, StringComparison.Ordinal));
        }
    }

    private static IEnumerable<string> AbsoluteLinks(string text) => AbsoluteLink().Matches(text).Select(m => m.Value);

    private static Dictionary<string, string> WebComplaint() => new()
    {
        ["Form.ContactName"] = "Lena Linkowska",
        ["Form.ContactEmail"] = "links@example.pl",
        ["Form.Language"] = "pl",
        ["Form.PurchaseDate"] = "2026-03-01",
        ["Form.Items[0].ProductName"] = "Pralka Amica PA-612",
        ["Form.Items[0].Quantity"] = "1",
        ["Form.Items[0].FaultDescription"] = "Nie wiruje.",
        ["Form.RequestedRemedy"] = "repair",
        ["Form.DeliveryMethod"] = "courier_pickup",
        ["Form.PickupAddress"] = "ul. Długa 5\n00-001 Warszawa\nPolska",
        ["Form.LegalBasis"] = "conformity",
        ["Form.PrivacyAccepted"] = "true",
    };

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex AbsoluteLink();

    /// <summary>A path standing alone: at the start of a line or after a space, colon or bracket, not after a host.</summary>
    [GeneratedRegex(@"(?:^|[\s(<""':])/(?:track|complaint|Claims|portal|Account|embed)\b", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex RelativeLink();
}
