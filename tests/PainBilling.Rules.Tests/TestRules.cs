using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests;

/// <summary>The rules under test, loaded once per test run from the repository's rules-json folder.</summary>
internal static class TestRules
{
    private static readonly Lazy<RuleLibrary> FromFolder = new(() => RuleLibrary.Load(RulesSource.FromFolder(Repository.RulesJson)));

    public static RuleLibrary Library => FromFolder.Value;

    public static ClaimEvaluator Evaluator { get; } = new(Library);
}
