using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;

namespace ClaimDesk.Tests.Unit;

public sealed class MailSettingsTests
{
    [Fact]
    public void An_SMTP_host_without_a_sender_stops_the_start_naming_the_setting()
    {
        var options = new ClaimDeskOptions { Smtp = { Host = "smtp.example.com" } };
        var error = Assert.Throws<StartupException>(() => MailTransport.Check(options));
        Assert.Contains("ClaimDesk:Smtp:From", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not an address", "ClaimDesk:Smtp:From")]
    public void A_sender_that_is_not_an_address_stops_the_start(string from, string setting)
    {
        var options = new ClaimDeskOptions { Smtp = { Host = "smtp.example.com", From = from } };
        Assert.Contains(setting, Assert.Throws<StartupException>(() => MailTransport.Check(options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_SMTP_host_no_sender_is_needed()
    {
        Assert.Equal("claimdesk@localhost", MailTransport.Check(new ClaimDeskOptions()).Address);
    }

    [Fact]
    public void Retries_wait_30_seconds_then_twice_as_long_each_time_up_to_an_hour()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxDispatcher.BackOff(1));
        Assert.Equal(TimeSpan.FromSeconds(60), OutboxDispatcher.BackOff(2));
        Assert.Equal(TimeSpan.FromMinutes(4), OutboxDispatcher.BackOff(4));
        Assert.Equal(TimeSpan.FromHours(1), OutboxDispatcher.BackOff(8));
        Assert.Equal(TimeSpan.FromHours(1), OutboxDispatcher.BackOff(40));
    }
}
