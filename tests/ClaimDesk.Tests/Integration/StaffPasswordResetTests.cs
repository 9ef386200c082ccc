using System.Net;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>A staff member who forgot the password gets a working reset by e-mail, sent through a real SMTP server.</summary>
public sealed partial class StaffPasswordResetTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_staff_member_resets_a_forgotten_password_from_the_emailed_link_and_signs_in_at_the_staff_sign_in(DatabaseProvider provider)
    {
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var app = await MailingApp.StartAsync(provider, smtp);
        var email = await StaffAccounts.CreateAsync(app.App, StaffRole.Operator, "Olga Operator", language: "pl");
        var anonymous = app.App.CreateBrowserLikeClient();

        var signInPage = await anonymous.GetPageAsync("/Account/Login");
        var forgot = signInPage.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Forgot your password?").GetAttribute("href")!;
        Assert.Equal("/account/forgot-password", forgot);

        // A known and an unknown address get the same answer; only the known one gets mail.
        var known = await AskAsync(anonymous, forgot, email);
        var unknown = await AskAsync(anonymous, forgot, "nobody-here@example.com");
        Assert.Equal(known, unknown);
        Assert.Contains("If an account has this address", known, StringComparison.Ordinal);

        while (await app.Dispatcher.DispatchOnceAsync() > 0)
        {
        }

        var received = await smtp.MessagesAsync();
        Assert.DoesNotContain(received, m => m.To.Contains("nobody-here@example.com", StringComparison.Ordinal));
        var mail = Assert.Single(received, m => m.To.Contains(email, StringComparison.Ordinal));
        Assert.Equal("Wybierz nowe hasło do ClaimDesk", mail.Subject);
        var link = new Uri(Url().Matches(mail.Text!).Select(m => m.Value).Single(u => u.Contains("/account/set-password", StringComparison.Ordinal)));

        using (var set = await anonymous.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Password"] = "Olga-Chosen-2026!", ["Confirmation"] = "Olga-Chosen-2026!",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
            Assert.Equal("/Account/Login", set.Headers.Location?.OriginalString);
        }

        using (var old = await app.App.CreateBrowserLikeClient().SignInAsync(email, StaffAccounts.Password))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }

        var staff = app.App.CreateBrowserLikeClient();
        using (var signedIn = await staff.SignInAsync(email, "Olga-Chosen-2026!"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        }

        var dashboard = await staff.GetPageAsync("/");
        Assert.Equal("Olga Operator", dashboard.QuerySelector("[data-testid=signed-in-user]")!.TextContent.Trim());
    }

    private static async Task<string> AskAsync(HttpClient client, string path, string email)
    {
        using var asked = await client.SubmitFormAsync(path, new Dictionary<string, string> { ["Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(path, asked.Headers.Location?.OriginalString);
        var page = await client.GetPageAsync(path);
        return page.QuerySelector("[data-testid=status-message]")!.TextContent.Trim();
    }

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
