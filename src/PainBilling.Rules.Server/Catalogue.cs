using PainBilling.Rules.Evaluations;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Server;

/// <summary>The body of <c>GET /v1/rules</c>.</summary>
/// <param name="RulesSource">Where the rules were read from (<c>embedded</c> or a folder).</param>
/// <param name="RuleSets">Every loaded rule-set version.</param>
/// <param name="Rules">Every rule.</param>
/// <param name="ReferenceTables">Every loaded reference-table version.</param>
internal sealed record Catalogue(string RulesSource, IReadOnlyList<RuleSetDescription> RuleSets, IReadOnlyList<RuleDescription> Rules, IReadOnlyList<RuleSetReference> ReferenceTables)
{
    public static Catalogue From(RuleLibrary library) => new(library.Source.Description, library.RuleSets, library.Rules, library.ReferenceTables);
}
