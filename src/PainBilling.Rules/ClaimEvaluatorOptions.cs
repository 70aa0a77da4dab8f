using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules;

/// <summary>Options for <see cref="PainBillingRulesServiceCollectionExtensions.AddPainBillingRules"/>.</summary>
public sealed class ClaimEvaluatorOptions
{
    /// <summary>Where the rules come from.</summary>
    /// <value>Defaults to <see cref="RulesSource.Embedded"/>: the rule sets shipped inside the package.</value>
    public RulesSource RulesSource { get; set; } = RulesSource.Embedded;

    /// <summary>Reads the rules from a folder laid out like the repository's <c>rules-json</c> instead of the embedded copy.</summary>
    /// <param name="path">The folder.</param>
    /// <returns>These options.</returns>
    public ClaimEvaluatorOptions UseRulesFolder(string path)
    {
        RulesSource = RulesSource.FromFolder(path);
        return this;
    }
}
