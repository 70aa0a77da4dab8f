namespace PainBilling.Rules.RuleSets;

/// <summary>Whether a rule is evaluated once per line or once per claim.</summary>
public enum RuleScope
{
    /// <summary>Evaluated for every line the rule set applies to; findings carry the line number.</summary>
    Line = 1,

    /// <summary>Evaluated once per claim; findings are claim-level.</summary>
    Claim = 2,
}
