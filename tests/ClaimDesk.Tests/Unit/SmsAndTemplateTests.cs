using ClaimDesk.Web.Features.Notifications;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using ClaimDesk.Web.Infrastructure.Sms;

namespace ClaimDesk.Tests.Unit;

public sealed class SmsAndTemplateTests
{
    [Theory]
    [InlineData("ftp://gateway.example.com/send", "ClaimDesk:Sms:Url")]
    [InlineData("not a url", "ClaimDesk:Sms:Url")]
    public void A_gateway_address_that_is_not_http_stops_the_start_naming_the_setting(string url, string setting)
    {
        var error = Assert.Throws<StartupException>(() => HttpSmsGateway.Check(new SmsOptions { Url = url }));
        Assert.StartsWith(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_template_without_the_text_stops_the_start()
    {
        var error = Assert.Throws<StartupException>(() =>
            HttpSmsGateway.Check(new SmsOptions { Url = "https://sms.example.com/send", BodyTemplate = """{"to":"{to}"}""" }));
        Assert.Contains("{text}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_are_one_name_and_value_a_line_and_a_line_without_a_name_stops_the_start()
    {
        Assert.Equal([("Authorization", "Bearer a:b"), ("X-Client", "ClaimDesk")],
            HttpSmsGateway.ParseHeaders("Authorization: Bearer a:b\\nX-Client: ClaimDesk\n"));
        var error = Assert.Throws<StartupException>(() => HttpSmsGateway.ParseHeaders("Bearer token"));
        Assert.Contains("ClaimDesk:Sms:Headers", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+48 600 100 200", "+48600100200")]
    [InlineData("(+420) 601-123-456", "+420601123456")]
    [InlineData("600.100.200", "600100200")]
    [InlineData("call me", null)]
    [InlineData("+48 12", null)]
    [InlineData(null, null)]
    public void Phone_numbers_keep_the_plus_and_the_digits(string? given, string? expected) =>
        Assert.Equal(expected, Outbox.PhoneNumber(given));

    [Fact]
    public void Anything_between_braces_counts_as_a_placeholder_so_typos_are_caught()
    {
        var known = NotificationEvent.Placeholders(NotificationEvent.StatusChanged);
        Assert.Equal(["numer", "Number", "due"], TemplateText.Unknown("{numer} {Number} {number} {customer_status} {due}", [.. known]));
        Assert.Empty(TemplateText.Unknown("{message}", [.. NotificationEvent.Placeholders(NotificationEvent.MessageInbound)]));
        Assert.Equal("A-1: , ok", TemplateText.Render("{number}: {assignee}, ok", new Dictionary<string, string> { ["number"] = "A-1" }));
    }

    [Fact]
    public void An_empty_placeholder_alone_on_its_line_leaves_no_gap_and_one_within_a_line_leaves_no_double_space()
    {
        const string Text = "Status: {status}.\n\n{decision}\n\nFollow: {link}\nSMS: {status}. {decision} {link}";
        var none = new Dictionary<string, string> { ["status"] = "In review", ["link"] = "http://x/track/1", ["decision"] = "" };
        Assert.Equal("Status: In review.\n\nFollow: http://x/track/1\nSMS: In review. http://x/track/1", TemplateText.Render(Text, none));
        var some = new Dictionary<string, string>(none) { ["decision"] = "Our decision: A-1: Rejected" };
        Assert.Equal("Status: In review.\n\nOur decision: A-1: Rejected\n\nFollow: http://x/track/1\nSMS: In review. Our decision: A-1: Rejected http://x/track/1",
            TemplateText.Render(Text, some));
    }

    [Fact]
    public void Every_template_the_defaults_seed_uses_only_placeholders_its_event_has()
    {
        foreach (var (ev, channel) in NotificationDefaults.TemplatePairs)
        {
            foreach (var language in ClaimDesk.Core.Localization.Language.All)
            {
                var (subject, body) = NotificationDefaults.Template(ev, channel, language);
                Assert.Empty(TemplateText.Unknown(subject + body, [.. NotificationEvent.Placeholders(ev)]));
                Assert.NotEmpty(body);
                Assert.True(channel == NotificationChannel.Sms || subject.Length > 0, $"{ev}/{channel}/{language} has no subject");
            }
        }
    }

    [Fact]
    public void Every_default_rule_combines_an_event_recipient_and_channel_that_work_together()
    {
        Assert.All(NotificationDefaults.Rules(), rule => Assert.True(NotificationDefaults.Allows(rule.Event, rule.Recipient, rule.Channel),
            $"{rule.Event} → {rule.Recipient} · {rule.Channel}"));
    }
}
