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
        // The same check painrules test runs (RuleFixtureRunner.CheckCoverage).
        var problems = RuleFixtureRunner.CheckCoverage(TestRules.Library, RuleFixtureRunner.ReadCases(Repository.Fixtures));

        problems.Should().BeEmpty("every rule needs a claim that triggers it and a near-miss claim that does not");
    }
}
