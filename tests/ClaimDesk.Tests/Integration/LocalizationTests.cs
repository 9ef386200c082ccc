using System.Diagnostics;
using System.Net.Http.Headers;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>Every page speaks English, Polish and Czech: cookie first, then the browser's language.</summary>
[Collection(SharedAppsGroup.Name)]
public sealed class LocalizationTests(SharedApps apps)
{
    [Theory]
    [InlineData("en", "Sign in to ClaimDesk", "Password")]
    [InlineData("pl", "Zaloguj się do ClaimDesk", "Hasło")]
    [InlineData("cs", "Přihlášení do ClaimDesk", "Heslo")]
    public async Task The_sign_in_page_follows_the_browser_language(string language, string heading, string passwordLabel)
    {
        var client = (await apps.GetAsync(DatabaseProvider.Sqlite)).CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        var page = await client.GetPageAsync("/Account/Login");

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(passwordLabel, page.QuerySelector("label[for=Input_Password]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Polish_and_czech_letters_are_sent_as_letters_not_entities()
    {
        var client = (await apps.GetAsync(DatabaseProvider.Sqlite)).CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("pl"));

        var html = await client.GetStringAsync("/Account/Login");

        Assert.Contains("Zaloguj się do ClaimDesk", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_cookie_wins_over_the_browser_language()
    {
        var client = (await apps.GetAsync(DatabaseProvider.Sqlite)).CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("pl"));
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Dcs%7Cuic%3Dcs");

        var page = await client.GetPageAsync("/Account/Login");

        Assert.Equal("cs", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Validation_messages_are_translated_too()
    {
        var client = (await apps.GetAsync(DatabaseProvider.Sqlite)).CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("pl"));

        using var response = await client.SignInAsync("", "");

        var errors = (await HtmlForms.ParseAsync(response)).QuerySelector("[data-testid=errors]")!.TextContent;
        Assert.DoesNotContain("Enter your", errors, StringComparison.Ordinal);
        Assert.Contains("e-mail", errors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_string_the_code_shows_has_a_polish_and_a_czech_translation()
    {
        var resources = Path.Combine(TestEnvironment.RepositoryRoot, "src", "ClaimDesk.Web", "Resources");
        var check = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        check.ArgumentList.Add(Path.Combine("scripts", "extract-strings.py"));
        check.ArgumentList.Add("--check");
        check.ArgumentList.Add(Path.Combine(resources, "SharedResource.pl.resx"));
        check.ArgumentList.Add(Path.Combine(resources, "SharedResource.cs.resx"));

        using var process = Process.Start(check)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, output);
    }
}
