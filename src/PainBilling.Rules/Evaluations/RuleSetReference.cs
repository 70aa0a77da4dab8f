namespace PainBilling.Rules.Evaluations;

/// <summary>Identifies one version of a rule set (or reference table) used by an evaluation, so the result can be reproduced.</summary>
/// <param name="Id">The rule set's id, e.g. <c>medicare-esi</c>; reference tables appear as <c>reference/&lt;table&gt;</c>.</param>
/// <param name="Version">The version applied.</param>
public sealed record RuleSetReference(string Id, string Version);
