using PainBilling.Rules.Fixtures;

namespace PainBilling.Rules.Tests.Rules;

/// <summary>Every fixture case under rules-json/fixtures: the claims maintainers write to prove a rule fires and its near-misses do not.</summary>
public sealed class RuleFixtureTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var fixture in RuleFixtureRunner.ReadCases(Repository.Fixtures))
        {
            data.Add(fixture.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_case_meets_its_expectations(string caseName)
    {
        var fixture = RuleFixtureRunner.ReadCases(Repository.Fixtures).Single(c => c.ToString() == caseName);

        var result = RuleFixtureRunner.Run(TestRules.Evaluator, fixture);

        result.Problems.Should().BeEmpty(because: $"fixture '{caseName}' states what the rules must say");
    }

    [Fact]
    public void Every_rule_has_a_triggering_fixture_and_a_near_miss()
    {
        var cases = RuleFixtureRunner.ReadCases(Repository.Fixtures);
        static string Id(string expectation) => expectation.Split('@')[0];
        var fires = cases.SelectMany(c => c.Fires).Select(Id).ToHashSet(StringComparer.Ordinal);
        var nearMisses = cases.SelectMany(c => c.DoesNotFire).Select(Id).ToHashSet(StringComparer.Ordinal);

        var rules = TestRules.Library.Rules.Select(r => r.RuleId).ToList();

        rules.Where(r => !fires.Contains(r)).Should().BeEmpty("every rule needs a claim that triggers it");
        rules.Where(r => !nearMisses.Contains(r)).Should().BeEmpty("every rule needs a near-miss claim that does not trigger it");
    }

    [Fact]
    public void Fixtures_name_only_rules_that_exist()
    {
        var known = TestRules.Library.Rules.Select(r => r.RuleId).Append("SYS-NOT-EVALUATED").Append("CLAIM-READ-001").ToHashSet(StringComparer.Ordinal);
        var named = RuleFixtureRunner.ReadCases(Repository.Fixtures)
            .SelectMany(c => c.Fires.Concat(c.DoesNotFire).Select(e => (Case: c.ToString(), Rule: e.Split('@')[0])));

        named.Where(n => !known.Contains(n.Rule)).Should().BeEmpty("a fixture naming an unknown rule id proves nothing");
    }
}
