using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.CustomFields;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Tests.Unit;

/// <summary>Custom fields (issue 7): how each type reads a value, what a definition needs, and required-on-transition.</summary>
public sealed class CustomFieldRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Operator = new(Actor.UserKind, "u1", "olga", [StaffRole.Operator]);

    private static Register Complaints() => DefaultWorkflows.Create().Single(r => r.Code == "complaints");

    private static CustomFieldDefinition Field(CustomFieldType type, string code = "field", params string[] requiredOn) => new()
    {
        Id = 1,
        Code = code,
        Label = new LocalizedText("Warranty card", "Karta gwarancyjna", "Záruční list"),
        Type = type,
        Choices = type == CustomFieldType.Choice
            ? [new("red", new("Red", "Czerwony", "Červená")), new("blue", new("Blue", "Niebieski", "Modrá"))]
            : [],
        RequiredOn = [.. requiredOn],
    };

    [Theory]
    [InlineData("1 499,50", "1499.5", 1499.5)]
    [InlineData("1499.50", "1499.5", 1499.5)]
    [InlineData("-3", "-3", -3.0)]
    [InlineData(" 42 ", "42", 42.0)]
    public void A_number_in_either_notation_is_stored_in_invariant_notation_with_a_number_for_sorting(string typed, string stored, double number)
    {
        var parsed = Field(CustomFieldType.Number).Parse(typed);

        Assert.True(parsed.Succeeded);
        Assert.Equal(stored, parsed.Value);
        Assert.Equal(number, parsed.Number);
    }

    [Theory]
    [InlineData(CustomFieldType.Number, "twelve")]
    [InlineData(CustomFieldType.Number, "1.2.3")]
    [InlineData(CustomFieldType.Date, "2026-02-30")]
    [InlineData(CustomFieldType.Date, "next week")]
    [InlineData(CustomFieldType.Choice, "green")]
    [InlineData(CustomFieldType.YesNo, "maybe")]
    public void A_value_its_type_cannot_read_is_refused_with_a_message(CustomFieldType type, string typed)
    {
        var parsed = Field(type).Parse(typed);

        Assert.False(parsed.Succeeded);
        Assert.NotNull(parsed.Error);
        Assert.Contains(typed, parsed.Arguments.Cast<object>().Select(a => a.ToString()));
    }

    [Theory]
    [InlineData("2026-03-01")]
    [InlineData("1.3.2026")]
    [InlineData("01.03.2026")]
    public void A_date_is_stored_as_an_iso_date_so_it_sorts_as_text(string typed) =>
        Assert.Equal("2026-03-01", Field(CustomFieldType.Date).Parse(typed).Value);

    [Theory]
    [InlineData("yes", "yes")]
    [InlineData("TRUE", "yes")]
    [InlineData("tak", "yes")]
    [InlineData("ano", "yes")]
    [InlineData("0", "no")]
    [InlineData("nie", "no")]
    public void Yes_or_no_is_read_in_every_language_and_stored_as_yes_or_no(string typed, string stored) =>
        Assert.Equal(stored, Field(CustomFieldType.YesNo).Parse(typed).Value);

    [Fact]
    public void A_choice_is_stored_as_its_code_whatever_its_case() =>
        Assert.Equal("blue", Field(CustomFieldType.Choice).Parse("Blue").Value);

    [Fact]
    public void Text_is_trimmed_and_refused_beyond_its_limit()
    {
        Assert.Equal("FV/2026/17", Field(CustomFieldType.Text).Parse("  FV/2026/17 ").Value);
        Assert.False(Field(CustomFieldType.Text).Parse(new string('x', CustomFieldDefinition.MaxTextLength + 1)).Succeeded);
    }

    [Theory]
    [InlineData(CustomFieldType.Text)]
    [InlineData(CustomFieldType.Number)]
    [InlineData(CustomFieldType.Date)]
    [InlineData(CustomFieldType.Choice)]
    [InlineData(CustomFieldType.YesNo)]
    public void Empty_input_is_no_value_for_every_type(CustomFieldType type)
    {
        var parsed = Field(type).Parse("  ");

        Assert.True(parsed.Succeeded);
        Assert.Null(parsed.Value);
    }

    [Fact]
    public void A_definition_needs_a_snake_case_code_unique_in_its_register_an_english_label_and_known_statuses()
    {
        var workflow = Complaints().Workflow;
        var field = Field(CustomFieldType.Text, "Warranty-Card", "nowhere", "new→resolved");
        field.Label = new LocalizedText("", "", "");

        var problems = field.Validate(workflow, []);

        Assert.Contains(problems, p => p.Field == "code");
        Assert.Contains(problems, p => p.Field == "labelEn");
        Assert.Equal(2, problems.Count(p => p.Field == "requiredOn"));
        Assert.Contains(Field(CustomFieldType.Text, "warranty_card").Validate(workflow, ["warranty_card"]),
            p => p.Field == "code" && p.Message == "The register already has a field '{0}'.");
        Assert.Empty(Field(CustomFieldType.Text, "warranty_card", "accepted", "new→in_review").Validate(workflow, ["other"]));
    }

    [Fact]
    public void A_choice_field_needs_choices_with_distinct_codes_and_other_types_have_none()
    {
        var workflow = Complaints().Workflow;
        var choice = Field(CustomFieldType.Choice);
        choice.Choices = [new("red", new("Red", "", "")), new("red", new("", "", ""))];
        var text = Field(CustomFieldType.Text);
        text.Choices = [new("red", new("Red", "", ""))];

        Assert.Contains(choice.Validate(workflow, []), p => p.Message == "Choice code '{0}' is used twice.");
        Assert.Contains(choice.Validate(workflow, []), p => p.Message == "Choice '{0}' needs an English label.");
        choice.Choices = [];
        Assert.Contains(choice.Validate(workflow, []), p => p.Message == "A choice field needs at least one choice.");
        Assert.Contains(text.Validate(workflow, []), p => p.Message == "Only a choice field has choices.");
    }

    [Fact]
    public void Required_on_entries_are_read_as_statuses_or_transitions_in_either_arrow() =>
        Assert.Equal(["accepted", "new→in_review", "in_review→rejected"],
            CustomFieldDefinition.ParseRequiredOn("accepted, new -> in_review\nin_review → rejected accepted"));

    [Fact]
    public void A_field_required_on_a_status_is_required_on_every_move_into_it_and_a_transition_only_on_that_move()
    {
        var field = Field(CustomFieldType.Text, "serial_plate", "accepted", "new→in_review");

        Assert.True(field.IsRequiredFor("in_review", "accepted"));
        Assert.True(field.IsRequiredFor("new", "in_review"));
        Assert.False(field.IsRequiredFor("waiting_for_customer", "in_review"));
        field.IsActive = false;
        Assert.False(field.IsRequiredFor("in_review", "accepted"));
    }

    [Fact]
    public void A_move_that_requires_a_custom_field_is_refused_without_it_and_allowed_once_it_is_set()
    {
        var claim = NewClaim();
        var field = Field(CustomFieldType.Date, "inspection_date", "in_review");

        var refused = claim.MoveTo(Complaints().Workflow, "in_review", TransitionInput.Empty, Operator, Now, new ChangeLog(), [field]);

        Assert.Equal(Refusal.Invalid, refused.Refusal);
        Assert.Equal("customFields.inspection_date", refused.Field);
        Assert.Equal("new", claim.Status);

        var log = new ChangeLog();
        Assert.True(claim.SetCustomValues([field], new Dictionary<string, string?> { ["inspection_date"] = "2.3.2026" }, Now, log).Succeeded);
        Assert.True(claim.MoveTo(Complaints().Workflow, "in_review", TransitionInput.Empty, Operator, Now, log, [field]).Succeeded);
        Assert.Equal("in_review", claim.Status);
        Assert.Contains(log.Changes, c => c.Field == "custom:inspection_date" && c.OldValue == null && c.NewValue == "2026-03-02");
    }

    [Fact]
    public void Setting_custom_values_changes_nothing_when_one_is_wrong_and_audits_each_change()
    {
        var claim = NewClaim();
        var number = Field(CustomFieldType.Number, "hours");
        var yesNo = Field(CustomFieldType.YesNo, "boxed");
        yesNo.Id = 2;
        var log = new ChangeLog();

        var refused = claim.SetCustomValues([number, yesNo], new Dictionary<string, string?> { ["hours"] = "3", ["boxed"] = "perhaps" }, Now, log);
        var unknown = claim.SetCustomValues([number, yesNo], new Dictionary<string, string?> { ["colour"] = "red" }, Now, log);

        Assert.Equal("customFields.boxed", refused.Field);
        Assert.Equal("customFields.colour", unknown.Field);
        Assert.Empty(claim.CustomValues);
        Assert.Empty(log.Changes);

        claim.SetCustomValues([number, yesNo], new Dictionary<string, string?> { ["hours"] = "3,5", ["boxed"] = "yes" }, Now, log);
        claim.SetCustomValues([number, yesNo], new Dictionary<string, string?> { ["hours"] = "3.50", ["boxed"] = "" }, Now, log);

        Assert.Equal([("custom:hours", null, "3.5"), ("custom:boxed", null, "yes"), ("custom:boxed", "yes", null)],
            log.Changes.Select(c => (c.Field, c.OldValue, c.NewValue)));
        Assert.Equal(3.5, Assert.Single(claim.CustomValues).NumberValue);
    }

    private static Claim NewClaim()
    {
        var input = new ClaimInput
        {
            Contact = new ContactInput { Name = "Jan Kowalski", Email = "jan@example.pl" },
            CustomerType = "consumer",
            LegalBasis = "conformity",
            RequestedRemedy = "repair",
            DeliveryMethod = "courier_pickup",
            PickupAddress = "ul. Długa 5\n00-001 Warszawa\nPolska",
            Lines = [new ClaimLineInput { ProductName = "Product", FaultDescription = "Broken", Quantity = 1 }],
        };
        var (draft, errors) = ClaimValidator.Validate(input, new DateOnly(2026, 11, 25));
        Assert.Empty(errors);
        var claim = Claim.Open(Complaints(), draft!, "RMA-2026-000007", Now);
        return claim;
    }
}
