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

    [Theory]
    [InlineData("Name", "Product name")]
    [InlineData("Order", "Sort order")]
    public void The_string_check_refuses_a_key_with_several_meanings(string ambiguous, string meant)
    {
        // A copy of the source with one page more, which labels a product's name with the bare key.
        var root = Directory.CreateTempSubdirectory("claimdesk-strings-").FullName;
        try
        {
            CopySource(Path.Combine(TestEnvironment.RepositoryRoot, "src"), Path.Combine(root, "src"));
            Directory.CreateDirectory(Path.Combine(root, "scripts"));
            File.Copy(Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "extract-strings.py"), Path.Combine(root, "scripts", "extract-strings.py"));
            var page = Path.Combine(root, "src", "ClaimDesk.Web", "Features", "Ambiguous.cshtml");
            var resources = Path.Combine(root, "src", "ClaimDesk.Web", "Resources");
            string[] files = [Path.Combine(resources, "SharedResource.pl.resx"), Path.Combine(resources, "SharedResource.cs.resx")];

            File.WriteAllText(page, $"<label>@L[\"{meant}\"]</label>\n");
            var (cleanExit, cleanOutput) = RunStringCheck(root, files);
            Assert.True(cleanExit == 0, cleanOutput);

            // Translated, so only its meaning can fail it.
            File.WriteAllText(page, $"<label>@L[\"{meant}\"]</label>\n<label>@L[\"{ambiguous}\"]</label>\n");
            foreach (var file in files)
            {
                var resx = File.ReadAllText(file);
                File.WriteAllText(file, resx.Replace("</root>",
                    $"  <data name=\"{ambiguous}\" xml:space=\"preserve\">\n    <value>{ambiguous}</value>\n  </data>\n</root>", StringComparison.Ordinal));
            }

            var (exit, output) = RunStringCheck(root, files);

            Assert.Equal(1, exit);
            Assert.Contains($"'{ambiguous}' at {Path.Combine("src", "ClaimDesk.Web", "Features", "Ambiguous.cshtml")}:2", output, StringComparison.Ordinal);
            Assert.Contains($"\"{meant}\"", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static (int Exit, string Output) RunStringCheck(string root, IEnumerable<string> files)
    {
        var check = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        check.ArgumentList.Add(Path.Combine("scripts", "extract-strings.py"));
        check.ArgumentList.Add("--check");
        foreach (var file in files)
        {
            check.ArgumentList.Add(file);
        }

        using var process = Process.Start(check)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    /// <summary>The sources the string check reads: .cs, .cshtml and .resx, without build output and npm packages.</summary>
    private static void CopySource(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj" or "node_modules" or "wwwroot")
                || Path.GetExtension(file) is not (".cs" or ".cshtml" or ".resx"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
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
