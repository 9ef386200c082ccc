using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// A form sent back with mistakes: the summary names each field by its label, each input shows one message and is
/// tied to it for screen readers (aria-invalid, aria-describedby), and what was typed stays.
/// </summary>
public sealed class FormErrorTests
{
    private static ClaimDeskFactory App(TestDatabase database) =>
        new(database, settings: new Dictionary<string, string?> { ["ClaimDesk:RateLimits:IntakePerMinute"] = "100000" });

    [Fact]
    public async Task The_consumer_form_names_each_wrong_field_in_polish_and_ties_its_one_message_to_the_input()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = App(database);
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");

        using var sent = await client.SubmitFormAsync("/complaint/new", new Dictionary<string, string>
        {
            ["Form.ContactName"] = "",
            ["Form.ContactEmail"] = "zofia(at)example.pl",
            ["Form.Shop"] = "Sklep Żółw",
            ["Form.Items[0].ProductName"] = "Pralka Amica PA-612",
            ["Form.Items[0].FaultDescription"] = "Nie wiruje.",
            ["Form.PrivacyAccepted"] = "true",
        }, "#intake-form");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var page = await HtmlForms.ParseAsync(sent);

        var summary = Summary(page);
        Assert.Contains(summary, l => l.StartsWith("E-mail: ", StringComparison.Ordinal) && l.Contains("zofia(at)example.pl", StringComparison.Ordinal));
        Assert.Contains("Imię i nazwisko: To pole jest wymagane.", summary);
        Assert.Equal(2, summary.Count);
        AssertEachErrorTiedToItsInput(page, summary, ["Form_ContactName", "Form_ContactEmail"]);

        // What was typed comes back.
        Assert.Equal("zofia(at)example.pl", Input(page, "Form_ContactEmail").Value);
        Assert.Equal("Sklep Żółw", Input(page, "Form_Shop").Value);
        Assert.Equal("Nie wiruje.", page.QuerySelector<IHtmlTextAreaElement>("#item-0-fault")!.Value);
        Assert.True(Input(page, "Form_PrivacyAccepted").IsChecked);
        Assert.True(Input(page, "basis-conformity").IsChecked);
        Assert.False(Input(page, "basis-guarantee").IsChecked);
    }

    [Fact]
    public async Task An_empty_email_on_the_consumer_form_shows_one_message_not_a_required_and_a_format_one()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = App(database);
        var client = app.CreateBrowserLikeClient();

        using var sent = await client.SubmitFormAsync("/complaint/new", new Dictionary<string, string>
        {
            ["Form.ContactName"] = "Zofia Wiśniewska",
            ["Form.ContactEmail"] = "",
            ["Form.Items[0].ProductName"] = "Pralka",
            ["Form.Items[0].FaultDescription"] = "",
            ["Form.Items[0].Quantity"] = "abc",
            ["Form.PrivacyAccepted"] = "true",
        }, "#intake-form");
        var page = await HtmlForms.ParseAsync(sent);

        var summary = Summary(page);
        Assert.Contains("E-mail: This field is required.", summary);
        Assert.Single(summary, l => l.StartsWith("E-mail:", StringComparison.Ordinal));
        Assert.Contains("Quantity (item 1): 'abc' is not a number.", summary);
        Assert.Contains("What is wrong with it (item 1): This field is required.", summary);
        AssertEachErrorTiedToItsInput(page, summary, ["Form_ContactEmail", "item-0-quantity", "item-0-fault"]);
        Assert.Equal("abc", Input(page, "item-0-quantity").Value);
    }

    [Fact]
    public async Task The_staff_complaint_form_names_each_wrong_field_and_ties_its_message_to_the_input()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = App(database);
        var client = app.CreateBrowserLikeClient();
        (await client.SignInAsync(ClaimDeskFactory.AdminEmail, ClaimDeskFactory.AdminPassword)).Dispose();

        using var sent = await client.SubmitFormAsync("/Claims/New", new Dictionary<string, string>
        {
            ["Form.ContactName"] = "Jan Nowak",
            ["Form.ContactEmail"] = "jan(at)example.pl",
            ["Form.Lines[0].ProductName"] = "Pralka",
            ["Form.Lines[0].Quantity"] = "2",
            ["Form.Lines[0].UnitPrice"] = "1 499,99",
            ["Form.Lines[0].FaultDescription"] = "",
        }, "#claim-form");
        var page = await HtmlForms.ParseAsync(sent);

        var summary = Summary(page);
        Assert.Contains("E-mail: 'jan(at)example.pl' is not a valid e-mail address.", summary);
        Assert.Contains("Fault description (item 1): This field is required.", summary);
        AssertEachErrorTiedToItsInput(page, summary, ["Form_ContactEmail", "line-0-fault"]);
        Assert.Equal("jan(at)example.pl", Input(page, "Form_ContactEmail").Value);
        Assert.Equal("1 499,99", Input(page, "line-0-price").Value);
    }

    [Fact]
    public async Task The_sign_in_page_names_its_empty_fields_by_their_polish_labels_and_ties_the_messages_to_them()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = App(database);
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl");

        using var sent = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = "",
            ["Input.Password"] = "",
        });
        var page = await HtmlForms.ParseAsync(sent);

        var summary = Summary(page);
        Assert.Equal(2, summary.Count);
        Assert.All(summary, l => Assert.Matches("^(E-mail|Hasło): ", l));
        AssertEachErrorTiedToItsInput(page, summary, ["Input_Email", "Input_Password"]);
    }

    private static List<string> Summary(IHtmlDocument page)
    {
        var errors = page.QuerySelector("[data-testid=errors]");
        Assert.NotNull(errors);
        return [.. errors.QuerySelectorAll("li").Select(l => l.TextContent.Trim())];
    }

    private static IHtmlInputElement Input(IHtmlDocument page, string id) => page.QuerySelector<IHtmlInputElement>("#" + id)!;

    /// <summary>
    /// Exactly the given inputs are marked invalid; each points at one element that holds its message, is the only
    /// message next to it, and the summary says that message after the input's label.
    /// </summary>
    private static void AssertEachErrorTiedToItsInput(IHtmlDocument page, List<string> summary, string[] ids)
    {
        var invalid = page.QuerySelectorAll("form [aria-invalid=true]").Select(e => e.Id!).ToList();
        Assert.Equal(ids.Order(), invalid.Order());
        foreach (var id in ids)
        {
            var input = page.GetElementById(id)!;
            Assert.Contains("is-invalid", input.ClassList);
            var describedBy = input.GetAttribute("aria-describedby");
            Assert.False(string.IsNullOrEmpty(describedBy), $"#{id} has no aria-describedby.");
            var message = page.GetElementById(describedBy!);
            Assert.NotNull(message);
            var text = message.TextContent.Trim();
            Assert.NotEqual("", text);
            Assert.Single(input.ParentElement!.QuerySelectorAll(".invalid-feedback, .field-validation-error"));
            var label = page.QuerySelector($"label[for='{id}']")!.TextContent.Trim();
            Assert.Contains(summary, l => l.StartsWith(label, StringComparison.Ordinal) && l.EndsWith(": " + text, StringComparison.Ordinal));
        }
    }
}
