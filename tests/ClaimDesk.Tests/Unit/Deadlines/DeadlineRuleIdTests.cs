using ClaimDesk.Core.Deadlines;

namespace ClaimDesk.Tests.Unit.Deadlines;

/// <summary>A deadline's rule id read back into its kind and policy, so that histories can name it in words.</summary>
public sealed class DeadlineRuleIdTests
{
    [Theory]
    [InlineData("sla:VIP:resolution", DeadlineKind.SlaResolution, "VIP")]
    [InlineData("sla:standard:first_response", DeadlineKind.SlaFirstResponse, "standard")]
    [InlineData("sla:B2B: partners:decision", DeadlineKind.SlaDecision, "B2B: partners")]
    public void An_sla_rule_id_gives_the_target_kind_and_the_policy_name_even_with_colons_in_it(string id, DeadlineKind kind, string policy)
    {
        var read = DeadlineRuleId.Read(id);

        Assert.Equal(kind, read!.Kind);
        Assert.Equal(policy, read.PolicyName);
        Assert.Null(read.Statutory);
    }

    [Fact]
    public void Every_rule_id_the_calculator_writes_reads_back_to_the_kind_of_its_deadline()
    {
        foreach (var policy in DefaultSlaPolicies.All)
        {
            foreach (var target in Enum.GetValues<SlaTarget>())
            {
                Assert.Equal(DeadlineRuleId.KindOf(target), DeadlineRuleId.Read(policy.RuleId(target))!.Kind);
            }
        }

        foreach (var rule in StatutoryRules.All)
        {
            var read = DeadlineRuleId.Read(rule.Id)!;
            Assert.Same(rule, read.Statutory);
            Assert.Null(read.PolicyName);
        }

        Assert.Equal(DeadlineKind.StatutoryResponse, DeadlineRuleId.Read("PL-CONS-RESP-2023")!.Kind);
        Assert.Equal(DeadlineKind.StatutoryResolution, DeadlineRuleId.Read("CZ-CONS-RESOLVE")!.Kind);
    }

    [Theory]
    [InlineData("PL-NO-SUCH-RULE")]
    [InlineData("sla:VIP:lunch")]
    [InlineData("sla:")]
    [InlineData("")]
    public void An_id_no_rule_or_policy_writes_reads_as_nothing(string id) => Assert.Null(DeadlineRuleId.Read(id));
}
