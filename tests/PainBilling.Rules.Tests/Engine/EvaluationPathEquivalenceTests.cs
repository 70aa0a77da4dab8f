using FluentAssertions;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Engine;
using PainBilling.Rules.Fixtures;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.Engine;

/// <summary>
/// The differential test of the two evaluation paths: the compiled delegates (<see cref="FastRules"/>, the default) and
/// RulesEngine's standard <c>ExecuteAllRulesAsync</c> (<see cref="CompiledRules"/>) must give byte-identical evaluation
/// JSON for every fixture case, every sample claim and 10,000 generated, varied claims (or fail on the same rule).
/// </summary>
public sealed class EvaluationPathEquivalenceTests
{
    private static readonly ClaimEvaluator Fast = new(TestRules.Library, EvaluationPath.Compiled);

    private static readonly ClaimEvaluator Standard = new(TestRules.Library, EvaluationPath.RulesEngine);

    [Fact]
    public void Every_fixture_case_gives_identical_evaluation_json_on_both_paths()
    {
        var cases = RuleFixtureRunner.ReadCases(Repository.Fixtures);

        var differences = cases.Where(c => Answer(Fast, c.ClaimJson) != Answer(Standard, c.ClaimJson)).Select(c => c.ToString()).ToList();

        cases.Should().HaveCountGreaterThan(100);
        differences.Should().BeEmpty();
    }

    [Fact]
    public void Every_sample_claim_gives_identical_evaluation_json_on_both_paths()
    {
        var samples = Directory.EnumerateFiles(Repository.Samples, "*.json").Order(StringComparer.Ordinal).ToList();

        var differences = samples.Where(s => Answer(Fast, File.ReadAllText(s)) != Answer(Standard, File.ReadAllText(s))).Select(Path.GetFileName).ToList();

        samples.Should().HaveCountGreaterThan(10);
        differences.Should().BeEmpty();
    }

    [Fact]
    public void Ten_thousand_generated_claims_give_identical_evaluation_json_on_both_paths()
    {
        var differences = new List<string>();
        var findings = 0;
        var rulesFired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in VariedClaims.Generate(10_000))
        {
            var json = ClaimJson.Write(claim);
            var fast = Answer(Fast, json);
            var standard = Answer(Standard, json);
            if (fast != standard)
            {
                differences.Add($"{claim.ClaimId}\n  compiled:    {fast}\n  RulesEngine: {standard}\n  last error: {LastError}");
            }

            var evaluation = Fast.Evaluate(ClaimJson.Read(json));
            findings += evaluation.Findings.Count;
            rulesFired.UnionWith(evaluation.Findings.Select(f => f.RuleId));
        }

        differences.Should().BeEmpty(string.Join("\n", differences.Take(3)));
        findings.Should().BeGreaterThan(10_000);

        // Varied enough to matter: most of the catalogue's rules fire somewhere in the batch.
        rulesFired.Count.Should().BeGreaterThan(TestRules.Library.Rules.Count / 2);
    }

    [Fact]
    public void A_rule_that_throws_fails_on_the_same_rule_on_both_paths()
    {
        using var folder = RulesFolderCopy.Create();
        folder.MakeUnitsRuleThrowOn64999();
        var library = RuleLibrary.Load(RulesSource.FromFolder(folder.Root));
        var json = ClaimJson.Write(ClaimBuilder.Esi("E-1", new DateOnly(2026, 3, 10), code: "64999"));

        var fast = Answer(new ClaimEvaluator(library, EvaluationPath.Compiled), json);
        var standard = Answer(new ClaimEvaluator(library, EvaluationPath.RulesEngine), json);

        fast.Should().Be("error CD-UNITS-001 line 1").And.Be(standard);
    }

    [ThreadStatic]
    private static string? LastError;

    private static string Answer(ClaimEvaluator evaluator, string claimJson)
    {
        try
        {
            return ClaimJson.Write(evaluator.Evaluate(ClaimJson.Read(claimJson)));
        }
        catch (RuleEvaluationException ex)
        {
            LastError = ex.Message;
            return $"error {ex.RuleId} line {ex.Line}";
        }
    }
}
