using PainBilling.Rules.Claims;
using PainBilling.Rules.Fixtures;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.Engine;

/// <summary>FastExpressionCompiler is offered only because every fixture and sample gives identical evaluations under both compilers.</summary>
public sealed class CompilerAgreementTests
{
    [Fact]
    public void Every_fixture_and_sample_evaluates_identically_under_both_compilers()
    {
        var fast = new ClaimEvaluator(RuleLibrary.Load(RulesSource.FromFolder(Repository.RulesJson), new RuleLibraryOptions { UseFastExpressionCompiler = true }));
        var standard = TestRules.Evaluator;
        var claims = RuleFixtureRunner.ReadCases(Repository.Fixtures).Select(c => (Name: c.ToString(), Json: c.ClaimJson))
            .Concat(Directory.EnumerateFiles(Repository.Samples, "*.json").Select(f => (Name: f, Json: File.ReadAllText(f))))
            .ToList();

        var disagreements = claims
            .Where(c => ClaimJson.Write(fast.Evaluate(ClaimJson.Read(c.Json))) != ClaimJson.Write(standard.Evaluate(ClaimJson.Read(c.Json))))
            .Select(c => c.Name);

        claims.Should().HaveCountGreaterThan(100);
        disagreements.Should().BeEmpty();
    }
}
