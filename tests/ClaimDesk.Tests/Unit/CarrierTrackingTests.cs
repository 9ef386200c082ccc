using ClaimDesk.Core.Shipping;

namespace ClaimDesk.Tests.Unit;

public sealed class CarrierTrackingTests
{
    [Theory]
    [InlineData("inpost", "https://inpost.pl/sledzenie-przesylek?number=620000000001")]
    [InlineData("InPost", "https://inpost.pl/sledzenie-przesylek?number=620000000001")]
    [InlineData("DPD", "https://tracktrace.dpd.com.pl/parcelDetails?p1=620000000001")]
    [InlineData("dhl", "https://www.dhl.com/pl-pl/home/tracking.html?tracking-id=620000000001")]
    [InlineData("gls", "https://gls-group.com/PL/pl/sledzenie-paczek?match=620000000001")]
    [InlineData("ppl", "https://www.ppl.cz/vyhledat-zasilku?shipmentId=620000000001")]
    [InlineData("Zásilkovna", "https://tracking.packeta.com/cs/?id=620000000001")]
    [InlineData("packeta", "https://tracking.packeta.com/cs/?id=620000000001")]
    [InlineData("Poczta Polska", "https://emonitoring.poczta-polska.pl/?numer=620000000001")]
    [InlineData("ceska-posta", "https://www.postaonline.cz/trackandtrace/-/zasilka/cislo?parcelNumbers=620000000001")]
    public void Every_known_carrier_links_its_own_tracking_page(string carrier, string expected) =>
        Assert.Equal(new Uri(expected), CarrierTracking.Link(carrier, " 620000000001 "));

    [Fact]
    public void An_unknown_carrier_or_a_missing_number_gives_no_link()
    {
        Assert.Null(CarrierTracking.Link("pigeon", "1"));
        Assert.Null(CarrierTracking.Link("inpost", " "));
        Assert.Equal(8, CarrierTracking.All.Count);
    }

    [Fact]
    public void A_tracking_number_is_escaped_into_the_link() =>
        Assert.Equal("https://inpost.pl/sledzenie-przesylek?number=A%26B%3DC", CarrierTracking.Link("inpost", "A&B=C")!.AbsoluteUri);
}
