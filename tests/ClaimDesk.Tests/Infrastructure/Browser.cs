using Microsoft.Playwright;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>Debian's headless Chromium driven by Playwright (which cannot download its own browsers here).</summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        var executable = TestEnvironment.ChromiumPath
            ?? throw new InvalidOperationException("Chromium is missing: scripts/test.sh installs Debian's chromium.");
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
            ],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>A fresh profile (its own cookies) speaking the given language.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, string locale = "en-US")
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Keeps a picture of the page under TestResults/screenshots for a person to look at.</summary>
    public static Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(TestEnvironment.RepositoryRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
