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
    [InlineData("smtp.example.com")]
    [InlineData(null)]
    public void A_sender_that_is_not_an_address_stops_the_start_with_or_without_a_host(string? host)
    {
        var options = new ClaimDeskOptions { Smtp = { Host = host, From = "not an address" } };
        var error = Assert.Throws<StartupException>(() => MailTransport.Check(options));
        Assert.Contains("ClaimDesk:Smtp:From", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ClaimDesk:Mail:PollSeconds", -1)]
    [InlineData("ClaimDesk:Mail:MaxAttempts", 0)]
    [InlineData("ClaimDesk:Mail:LeaseSeconds", 10)]
    public void A_dispatcher_setting_out_of_range_stops_the_start_naming_it(string setting, int value)
    {
        var options = new ClaimDeskOptions();
        switch (setting)
        {
            case "ClaimDesk:Mail:PollSeconds":
                options.Mail.PollSeconds = value;
                break;
            case "ClaimDesk:Mail:MaxAttempts":
                options.Mail.MaxAttempts = value;
                break;
            default:
                options.Mail.LeaseSeconds = value;
                break;
        }

        Assert.StartsWith(setting, Assert.Throws<StartupException>(() => MailTransport.Check(options)).Message, StringComparison.Ordinal);
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
