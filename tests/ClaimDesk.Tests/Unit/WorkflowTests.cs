using ClaimDesk.Core.Common;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Tests.Unit;

/// <summary>The rules a workflow must keep before it is saved (DESIGN §2), and register numbering.</summary>
public sealed class WorkflowTests
{
    [Fact]
    public void A_workflow_with_one_initial_status_a_closed_status_and_every_status_reachable_is_valid() =>
        Assert.Empty(Sample().Validate(StaffRole.All));

    public static TheoryData<string> DefaultRegisters => [.. DefaultWorkflows.Create().Select(r => r.Code)];

    [Theory, MemberData(nameof(DefaultRegisters))]
    public void Every_default_register_starts_with_a_valid_workflow_and_numbering_pattern(string code)
    {
        var register = DefaultWorkflows.Create().Single(r => r.Code == code);

        Assert.Empty(register.Workflow.Validate(StaffRole.All));
        Assert.Null(NumberPattern.Problem(register.NumberingPattern));
    }

    [Theory]
    [InlineData("In_review")]
    [InlineData("in review")]
    [InlineData("1st")]
    [InlineData("")]
    [InlineData("in-review")]
    public void A_status_code_other_than_lowercase_letters_digits_and_underscores_is_refused(string code)
    {
        var workflow = Sample(statuses => statuses[1].Code = code);

        Assert.Contains(workflow.Validate(StaffRole.All), p => p.Field == "statuses"
            && p.Message == "Status code '{0}' must be lowercase letters, digits and underscores." && Equals(p.Arguments[0], code));
    }

    [Fact]
    public void A_status_code_longer_than_40_characters_is_refused() =>
        Assert.Contains(Sample(statuses => statuses[1].Code = new string('a', 41)).Validate(StaffRole.All),
            p => p.Message == "Status code '{0}' must be lowercase letters, digits and underscores.");

    [Fact]
    public void A_status_without_an_english_staff_label_is_refused_naming_it()
    {
        var workflow = Sample(statuses => statuses[1].StaffLabel = new LocalizedText(" ", "W weryfikacji", "V posouzení"));

        var problem = Assert.Single(workflow.Validate(StaffRole.All));
        Assert.Equal("Status '{0}' needs an English staff label.", problem.Message);
        Assert.Equal(new object[] { "in_review" }, problem.Arguments);
    }

    [Fact]
    public void A_status_code_used_twice_is_refused()
    {
        var workflow = Sample(statuses => statuses.Add(Status("closed", StatusCategory.Closed)));

        var problem = Assert.Single(workflow.Validate(StaffRole.All));
        Assert.Equal("Status code '{0}' is used twice.", problem.Message);
        Assert.Equal(new object[] { "closed" }, problem.Arguments);
    }

    [Fact]
    public void A_workflow_without_an_initial_status_is_refused()
    {
        var problems = Sample(statuses => statuses[0].IsInitial = false).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("Exactly one initial status must be shown in queues: new claims start there. There are {0}.", problem.Message);
        Assert.Equal(new object[] { 0 }, problem.Arguments);
    }

    [Fact]
    public void A_workflow_with_two_initial_statuses_shown_in_queues_is_refused()
    {
        var problems = Sample(statuses => statuses[1].IsInitial = true).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("Exactly one initial status must be shown in queues: new claims start there. There are {0}.", problem.Message);
        Assert.Equal(new object[] { 2 }, problem.Arguments);
    }

    [Fact]
    public void An_initial_status_hidden_from_queues_is_a_further_entry_point_and_what_it_leads_to_is_reachable()
    {
        var workflow = Sample(
            statuses =>
            {
                statuses.Insert(0, Status("unconfirmed", StatusCategory.Waiting, initial: true));
                statuses[0].HiddenFromQueues = true;
                statuses.Add(Status("expired", StatusCategory.Closed));
            },
            transitions =>
            {
                transitions.Add(Transition("unconfirmed", "new"));
                transitions.Add(Transition("unconfirmed", "expired"));
            });

        Assert.Empty(workflow.Validate(StaffRole.All));
        Assert.Equal("new", workflow.Initial.Code);
    }

    [Fact]
    public void A_workflow_whose_only_initial_status_is_hidden_from_queues_is_refused()
    {
        var problems = Sample(statuses => statuses[0].HiddenFromQueues = true).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("Exactly one initial status must be shown in queues: new claims start there. There are {0}.", problem.Message);
        Assert.Equal(new object[] { 0 }, problem.Arguments);
    }

    [Fact]
    public void A_workflow_without_a_closed_status_is_refused()
    {
        var problems = Sample(statuses => statuses[2].Category = StatusCategory.Waiting).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("The workflow needs at least one closed status.", problem.Message);
        Assert.Empty(problem.Arguments);
    }

    [Fact]
    public void A_status_no_transition_leads_to_is_refused_naming_it()
    {
        var problems = Sample(transitions: transitions => transitions.RemoveAll(t => t.ToStatus == "in_review")).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("Status '{0}' cannot be reached from the initial status.", problem.Message);
        Assert.Equal(new object[] { "in_review" }, problem.Arguments);
    }

    [Fact]
    public void A_status_reached_only_from_an_unreachable_one_is_unreachable_too()
    {
        var workflow = Sample(
            statuses => statuses.Add(Status("archived", StatusCategory.Closed)),
            transitions =>
            {
                transitions.RemoveAll(t => t.ToStatus == "in_review");
                transitions.Add(Transition("in_review", "archived"));
            });

        var unreachable = workflow.Validate(StaffRole.All)
            .Where(p => p.Message == "Status '{0}' cannot be reached from the initial status.")
            .Select(p => (string)p.Arguments[0]);

        Assert.Equal("in_review, archived", string.Join(", ", unreachable));
    }

    [Fact]
    public void A_transition_to_a_status_that_does_not_exist_is_refused()
    {
        var problems = Sample(transitions: transitions => transitions.Add(Transition("in_review", "lost"))).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("Transition {0} → {1} names a status that does not exist.", problem.Message);
        Assert.Equal("transitions", problem.Field);
        Assert.Equal(new object[] { "in_review", "lost" }, problem.Arguments);
    }

    [Fact]
    public void A_transition_from_a_status_to_itself_is_refused()
    {
        var problems = Sample(transitions: transitions => transitions.Add(Transition("in_review", "in_review"))).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("Transition {0} → {1} leads nowhere.", problem.Message);
    }

    [Fact]
    public void A_transition_no_role_may_use_is_refused()
    {
        var problems = Sample(transitions: transitions => transitions[0].AllowedRoles.Clear()).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("Transition {0} → {1} allows no role.", problem.Message);
        Assert.Equal(new object[] { "new", "in_review" }, problem.Arguments);
    }

    [Fact]
    public void A_transition_for_an_unknown_role_is_refused_naming_the_role()
    {
        var problems = Sample(transitions: transitions => transitions[0].AllowedRoles.Add("Janitor")).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("Transition {0} → {1} names an unknown role '{2}'.", problem.Message);
        Assert.Equal(new object[] { "new", "in_review", "Janitor" }, problem.Arguments);
    }

    [Fact]
    public void A_transition_asking_for_an_unknown_field_is_refused_naming_the_field()
    {
        var problems = Sample(transitions: transitions => transitions[0].RequiredFields.Add("signature")).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("Transition {0} → {1} asks for an unknown field '{2}'.", problem.Message);
        Assert.Equal(new object[] { "new", "in_review", "signature" }, problem.Arguments);
    }

    [Fact]
    public void A_transition_defined_twice_is_refused()
    {
        var problems = Sample(transitions: transitions => transitions.Add(Transition("new", "in_review"))).Validate(StaffRole.All);

        var problem = Assert.Single(problems);
        Assert.Equal("Transition {0} → {1} is defined twice.", problem.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var workflow = Sample(
            statuses => statuses[2].Category = StatusCategory.Open,
            transitions => transitions[0].AllowedRoles.Clear());

        Assert.Equal(2, workflow.Validate(StaffRole.All).Count);
    }

    [Theory]
    [InlineData("RMA-{yyyy}-{seq:000000}", "RMA-2026-000042")]
    [InlineData("RMA/{yy}/{MM}/{seq}", "RMA/26/03/42")]
    [InlineData("{seq:00}-{yyyy}", "42-2026")]
    [InlineData("R{yy}{MM}{seq:0000}", "R26030042")]
    public void A_number_follows_the_pattern(string pattern, string expected) =>
        Assert.Equal(expected, NumberPattern.Format(pattern, new DateOnly(2026, 3, 9), 42));

    [Fact]
    public void A_sequence_longer_than_its_format_is_not_cut() =>
        Assert.Equal("RMA-2026-1234567", NumberPattern.Format("RMA-{yyyy}-{seq:000000}", new DateOnly(2026, 1, 1), 1_234_567));

    [Fact]
    public void A_line_reference_is_the_claim_number_and_the_line_number_in_two_digits() =>
        Assert.Equal("RMA-2026-000042-03", NumberPattern.LineReference("RMA-2026-000042", 3));

    [Theory]
    [InlineData("RMA-{yyyy}-{seq:000000}")]
    [InlineData("{yy}{seq}")]
    [InlineData("SRV/{MM}/{yyyy}/{seq:00000}")]
    public void A_pattern_with_the_year_and_one_sequence_is_usable(string pattern) =>
        Assert.Null(NumberPattern.Problem(pattern));

    [Theory]
    [InlineData("RMA-{yyyy}", "The numbering pattern must contain {seq} exactly once.")]
    [InlineData("RMA-{yyyy}-{seq}-{seq:00}", "The numbering pattern must contain {seq} exactly once.")]
    [InlineData("RMA-{MM}-{seq:000000}", "The numbering pattern must contain the year, {yyyy} or {yy}: the sequence restarts every year.")]
    [InlineData("RMA-{yyyy}-{seq}-{day}", "The numbering pattern has an unknown {token} or a space.")]
    [InlineData("RMA-{YYYY}-{yy}-{seq}", "The numbering pattern has an unknown {token} or a space.")]
    [InlineData("RMA {yyyy}-{seq}", "The numbering pattern has an unknown {token} or a space.")]
    [InlineData("", "The numbering pattern must have 1 to 60 characters.")]
    public void An_unusable_pattern_is_refused_saying_why(string pattern, string message) =>
        Assert.Equal(message, NumberPattern.Problem(pattern));

    [Fact]
    public void A_pattern_longer_than_60_characters_is_refused() =>
        Assert.Equal("The numbering pattern must have 1 to 60 characters.", NumberPattern.Problem(new string('A', 50) + "-{yyyy}-{seq}"));

    [Fact]
    public void A_role_given_to_two_statuses_is_refused_naming_both()
    {
        var workflow = Sample(statuses => statuses[1].Role = statuses[2].Role = StatusRole.Resolved);

        var problem = Assert.Single(workflow.Validate(StaffRole.All));
        Assert.Equal("Statuses {0} have the same role; a role belongs to one status.", problem.Message);
        Assert.Equal(["in_review, closed"], problem.Arguments);
    }

    [Fact]
    public void Awaiting_confirmation_is_refused_on_a_status_that_is_not_an_initial_one_hidden_from_queues()
    {
        var shown = Sample(statuses => statuses[1].Role = StatusRole.AwaitingConfirmation);
        Assert.Contains(shown.Validate(StaffRole.All), p => p.Message.StartsWith("Status '{0}' awaits", StringComparison.Ordinal));

        var entry = Sample(statuses =>
        {
            statuses.Add(Status("unconfirmed", StatusCategory.Waiting, initial: true));
            statuses[^1].HiddenFromQueues = true;
            statuses[^1].Role = StatusRole.AwaitingConfirmation;
        }, transitions => transitions.Add(Transition("unconfirmed", "new")));
        Assert.Empty(entry.Validate(StaffRole.All));
        Assert.Equal("unconfirmed", entry.WithRole(StatusRole.AwaitingConfirmation)!.Code);
        Assert.Null(entry.WithRole(StatusRole.None));
    }

    /// <summary>new (initial) → in_review → closed and new → closed; <paramref name="statuses"/> and <paramref name="transitions"/> change it.</summary>
    private static Workflow Sample(Action<List<WorkflowStatus>>? statuses = null, Action<List<WorkflowTransition>>? transitions = null)
    {
        var statusList = new List<WorkflowStatus>
        {
            Status("new", StatusCategory.Open, initial: true),
            Status("in_review", StatusCategory.Open),
            Status("closed", StatusCategory.Closed),
        };
        var transitionList = new List<WorkflowTransition>
        {
            Transition("new", "in_review"),
            Transition("in_review", "closed"),
            Transition("new", "closed"),
        };
        statuses?.Invoke(statusList);
        transitions?.Invoke(transitionList);
        return new Workflow(statusList, transitionList);
    }

    private static WorkflowStatus Status(string code, StatusCategory category, bool initial = false) => new()
    {
        Code = code,
        Category = category,
        StaffLabel = new LocalizedText(code, "", ""),
        CustomerLabel = new LocalizedText(code, "", ""),
        IsInitial = initial,
    };

    private static WorkflowTransition Transition(string from, string to) => new()
    {
        FromStatus = from,
        ToStatus = to,
        AllowedRoles = [StaffRole.Operator],
    };
}
