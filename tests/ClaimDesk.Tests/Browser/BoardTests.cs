using System.Net.Http.Json;
using ClaimDesk.Core.Security;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>The kanban board in Chromium: drags perform transitions the workflow and the role allow, and only those.</summary>
public sealed class BoardTests
{
    private sealed record Created(long Id, string Number);

    /// <summary>Two claims moved to in_review through the API.</summary>
    private static async Task<List<Created>> InReviewAsync(ClaimDeskFactory app, int count)
    {
        var api = await app.CreateApiClientAsync(StaffRole.Operator);
        var claims = new List<Created>();
        for (var i = 0; i < count; i++)
        {
            using var created = await api.PostJsonAsync("/api/v1/claims", ApiClients.NewClaim());
            var claim = (await created.Content.ReadFromJsonAsync<Created>())!;
            using var moved = await api.PostJsonAsync($"/api/v1/claims/{claim.Number}/transitions", new { to = "in_review" });
            moved.EnsureSuccessStatusCode();
            claims.Add(claim);
        }

        return claims;
    }

    private static async Task<IPage> SignInAsync(Infrastructure.Browser browser, Uri address, string email)
    {
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(StaffAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Board", Exact = true }).ClickAsync();
        return page;
    }

    private static async Task<string> StatusAsync(ClaimDeskFactory app, long id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Claims.Where(c => c.Id == id).Select(c => c.Status).SingleAsync();
    }

    /// <summary>Drags as a hand does: press, move in steps (the board's drag library follows the pointer), release.</summary>
    private static async Task DragAsync(IPage page, ILocator card, ILocator column)
    {
        var from = (await card.BoundingBoxAsync())!;
        var to = (await column.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + (from.Width / 2), from.Y + (from.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(from.X + (from.Width / 2) + 5, from.Y + (from.Height / 2) + 5, new() { Steps = 5 });
        await page.Mouse.MoveAsync(to.X + (to.Width / 2), to.Y + 20, new() { Steps = 20 });
        await page.Mouse.UpAsync();
    }

    [BrowserFact]
    public async Task An_operator_drags_a_card_to_rejected_gives_the_reason_and_a_technicians_forbidden_drag_snaps_back()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        var address = app.ServerAddress;
        var claims = await InReviewAsync(app, 2);
        var operatorEmail = await StaffAccounts.CreateAsync(app, StaffRole.Operator, "Olga Operator");
        var technicianEmail = await StaffAccounts.CreateAsync(app, StaffRole.Technician, "Tomasz Technik");
        await using var browser = await Infrastructure.Browser.LaunchAsync();

        var page = await SignInAsync(browser, address, operatorEmail);
        var card = page.GetByTestId($"card-{claims[0].Number}");
        await Assertions.Expect(page.GetByTestId("count-in_review")).ToHaveTextAsync("2");
        await DragAsync(page, card, page.GetByTestId("column-rejected").Locator(".board-cards"));

        // Rejecting needs a reason: the dialog asks for it, and only then does the card move.
        var reason = page.GetByLabel("Reason", new() { Exact = true });
        await Assertions.Expect(reason).ToBeVisibleAsync();
        Assert.Equal("in_review", await StatusAsync(app, claims[0].Id));
        await reason.FillAsync("Uszkodzenie mechaniczne z winy użytkownika.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("board-message")).ToHaveTextAsync("The claim moved to the next status.");
        await Assertions.Expect(page.GetByTestId("column-rejected").GetByTestId($"card-{claims[0].Number}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("count-rejected")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("count-in_review")).ToHaveTextAsync("1");
        Assert.Equal("rejected", await StatusAsync(app, claims[0].Id));
        await Infrastructure.Browser.ScreenshotAsync(page, "board-after-rejection");

        // A technician may not accept: the card goes back to its column, with the reason.
        var technician = await SignInAsync(browser, address, technicianEmail);
        var other = technician.GetByTestId($"card-{claims[1].Number}");
        await DragAsync(technician, other, technician.GetByTestId("column-accepted").Locator(".board-cards"));
        await Assertions.Expect(technician.GetByTestId("board-message")).ToContainTextAsync("Your role may not move a claim");
        await Assertions.Expect(technician.GetByTestId("column-in_review").GetByTestId($"card-{claims[1].Number}")).ToBeVisibleAsync();
        await Assertions.Expect(technician.GetByTestId("count-accepted")).ToHaveTextAsync("0");
        Assert.Equal("in_review", await StatusAsync(app, claims[1].Id));
        await Infrastructure.Browser.ScreenshotAsync(technician, "board-refused-move");
    }

    [BrowserFact]
    public async Task An_operator_moves_a_card_with_the_keyboard_through_its_menu_of_allowed_moves()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        var claims = await InReviewAsync(app, 1);
        var operatorEmail = await StaffAccounts.CreateAsync(app, StaffRole.Operator, "Olga Operator");
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await SignInAsync(browser, app.ServerAddress, operatorEmail);
        await page.SetViewportSizeAsync(1280, 800);

        // From the card's link, Tab reaches the card's menu button; Enter opens the menu.
        var card = page.GetByTestId($"card-{claims[0].Number}");
        await card.GetByRole(AriaRole.Link, new() { Name = claims[0].Number }).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var button = page.GetByRole(AriaRole.Button, new() { Name = $"Move {claims[0].Number} to another status" });
        await Assertions.Expect(button).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");

        // The menu offers what the workflow allows from in_review, and nothing it does not (in_review itself, closed).
        var menu = card.Locator("[data-move-menu]");
        await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Accepted", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Rejected", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = "In review", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Closed", Exact = true })).ToHaveCountAsync(0);

        // Arrow keys walk the menu; Enter on "Accepted" performs the move.
        var accepted = menu.GetByRole(AriaRole.Button, new() { Name = "Accepted", Exact = true });
        for (var presses = 0; presses < 10 && !await accepted.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Assertions.Expect(accepted).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("board-message")).ToHaveTextAsync("The claim moved to the next status.");
        var moved = page.GetByTestId("column-accepted").GetByTestId($"card-{claims[0].Number}");
        await Assertions.Expect(moved).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("count-accepted")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("count-in_review")).ToHaveTextAsync("0");
        Assert.Equal("accepted", await StatusAsync(app, claims[0].Id));

        // The card keeps the focus and now offers the moves from its new status.
        await Assertions.Expect(button).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(moved.Locator("[data-move-menu]").GetByRole(AriaRole.Button, new() { Name = "In resolution", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(moved.Locator("[data-move-menu]").GetByRole(AriaRole.Button, new() { Name = "Accepted", Exact = true })).ToHaveCountAsync(0);
        await Infrastructure.Browser.ScreenshotAsync(page, "board-keyboard-move");
    }
}
