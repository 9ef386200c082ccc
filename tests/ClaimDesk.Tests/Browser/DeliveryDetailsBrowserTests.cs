using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Playwright;

namespace ClaimDesk.Tests.Browser;

/// <summary>With JavaScript the consumer form shows the pickup address or the locker id only for the method chosen.</summary>
public sealed class DeliveryDetailsBrowserTests
{
    [BrowserFact]
    public async Task The_consumer_form_shows_the_field_of_the_delivery_method_chosen()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new ClaimDeskFactory(database, kestrel: true);
        await using var browser = await Infrastructure.Browser.LaunchAsync();
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.GotoAsync("/complaint/new");
        var address = page.GetByLabel("Pickup address");
        var locker = page.GetByLabel("Parcel locker id");

        await Assertions.Expect(address).ToBeHiddenAsync();
        await Assertions.Expect(locker).ToBeHiddenAsync();
        await page.GetByLabel("How the goods reach us").SelectOptionAsync("courier_pickup");
        await Assertions.Expect(address).ToBeVisibleAsync();
        await Assertions.Expect(locker).ToBeHiddenAsync();
        await page.GetByLabel("How the goods reach us").SelectOptionAsync("parcel_locker");
        await Assertions.Expect(locker).ToBeVisibleAsync();
        await Assertions.Expect(address).ToBeHiddenAsync();
    }
}
