using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>The staff header of an administrator, the longest there is, on a 1280 px wide screen.</summary>
public sealed class HeaderLayoutTests
{
    [BrowserFact]
    public Task Every_header_control_of_an_administrator_is_inside_a_1280_px_screen_in_english() =>
        AssertHeaderFitsAsync("en", "Administration", "Sign out");

    // Polish labels are the longest of the three languages.
    [BrowserFact]
    public Task Every_header_control_of_an_administrator_is_inside_a_1280_px_screen_in_polish() =>
        AssertHeaderFitsAsync("pl", "Administracja", "Wyloguj się");

    private static async Task AssertHeaderFitsAsync(string language, string administration, string signOut)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(ClaimDeskFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(ClaimDeskFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-menu")).ToBeVisibleAsync();
        await page.Locator("#language-select").SelectOptionAsync(language);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);

        // 1280 px is the screen of the report; 1200 px is the narrowest at which the navigation is not collapsed.
        foreach (var width in new[] { 1280, 1200 })
        {
            await page.SetViewportSizeAsync(width, 800);
            await page.ReloadAsync();
            await Infrastructure.Browser.ScreenshotAsync(page, $"header-administrator-{width}-{language}");
            var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(pageWidth <= width, $"At {width} px the page is {pageWidth} px wide.");

            var header = page.Locator("header");
            await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" })).ToBeHiddenAsync();
            var required = new[]
            {
                header.Locator("#language-select"),
                header.GetByTestId("bell"),
                header.GetByRole(AriaRole.Button, new() { Name = "Administrator", Exact = true }),
                header.GetByRole(AriaRole.Button, new() { Name = signOut }),
                header.GetByRole(AriaRole.Button, new() { Name = administration }),
            };
            foreach (var control in required)
            {
                await Assertions.Expect(control).ToBeVisibleAsync();
            }

            var seen = 0;
            foreach (var control in await header.Locator("a, button, select, input:not([type=hidden])").AllAsync())
            {
                if (await control.IsVisibleAsync())
                {
                    seen++;
                    await AssertOnScreenAsync(control, width);
                }
            }

            Assert.True(seen >= 12, $"Only {seen} header controls are visible.");

            // The administrator's pages are one menu, and the account's another; both open inside the screen.
            await header.GetByRole(AriaRole.Button, new() { Name = administration }).ClickAsync();
            var items = header.Locator(".dropdown-menu.show .dropdown-item");
            await Assertions.Expect(items).ToHaveCountAsync(9);
            foreach (var item in await items.AllAsync())
            {
                await Assertions.Expect(item).ToBeVisibleAsync();
                await AssertOnScreenAsync(item, width);
            }

            await Infrastructure.Browser.ScreenshotAsync(page, $"header-administration-menu-{width}-{language}");
            await header.GetByTestId("user-menu").ClickAsync();
            // The account's menu: "My tasks" and "Change password".
            await Assertions.Expect(items).ToHaveCountAsync(2);
            foreach (var item in await items.AllAsync())
            {
                await AssertOnScreenAsync(item, width);
            }
        }
    }

    [BrowserFact]
    public async Task Below_the_wide_breakpoint_the_navigation_collapses_behind_the_toggler()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SetViewportSizeAsync(1024, 768);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(ClaimDeskFactory.AdminEmail);
        await page.GetByLabel("Password").FillAsync(ClaimDeskFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var header = page.Locator("header");
        var toggler = header.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });
        await Assertions.Expect(toggler).ToBeVisibleAsync();
        await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeHiddenAsync();
        await toggler.ClickAsync();
        await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        // The menu opens with an animation: a click on the dropdown while it still runs may be lost (a busy machine).
        await page.WaitForFunctionAsync("() => document.querySelector('header .navbar-collapse.show') && !document.querySelector('header .collapsing')");
        await header.GetByRole(AriaRole.Button, new() { Name = "Administration" }).ClickAsync();
        var users = header.GetByRole(AriaRole.Link, new() { Name = "Users" });
        await Assertions.Expect(users).ToBeVisibleAsync();
        await users.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Admin/Users$"));
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 1024);
    }

    /// <summary>
    /// Fully inside the viewport, what a click at its middle reaches (not covered by anything), and its text set off
    /// from what is behind it (not white on white).
    /// </summary>
    private static async Task AssertOnScreenAsync(ILocator control, int width)
    {
        var box = await control.BoundingBoxAsync();
        var name = await control.EvaluateAsync<string>("e => e.outerHTML.substring(0, 120)");
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= 800,
            $"{name} is at x {box.X}–{box.X + box.Width}, y {box.Y}–{box.Y + box.Height}.");
        Assert.True(await control.EvaluateAsync<bool>(
            """
            e => {
                const r = e.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return hit !== null && (hit === e || e.contains(hit));
            }
            """), $"{name} is covered by something else.");
        var contrast = await control.EvaluateAsync<double>(
            """
            e => {
                const rgba = c => { const v = c.match(/[\d.]+/g).map(Number); return v.length === 3 ? [...v, 1] : v; };
                let back = [255, 255, 255, 1];
                for (let n = e; n; n = n.parentElement) {
                    const c = rgba(getComputedStyle(n).backgroundColor);
                    if (c[3] > 0.5) { back = c; break; }
                }
                const fore = rgba(getComputedStyle(e).color);
                const seen = fore.slice(0, 3).map((v, i) => v * fore[3] + back[i] * (1 - fore[3]));
                const luminance = ([r, g, b]) => {
                    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
                };
                const [light, dark] = [luminance(seen), luminance(back)].sort((a, b) => b - a);
                return (light + 0.05) / (dark + 0.05);
            }
            """);
        Assert.True(contrast >= 4.5, $"{name} has a contrast of {contrast:0.0} to its background.");
    }
}
