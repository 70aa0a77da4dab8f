namespace PainBilling.Rules.RuleSets;

/// <summary>Which lines of a claim a rule set's line rules run on (rule-set file: <c>Scope.Lines</c>).</summary>
public enum LineSelection
{
    /// <summary>Every line of a claim in scope (the default): a rule may judge any line, e.g. an anesthesia code billed with a procedure.</summary>
    All = 1,

    /// <summary>Only the lines whose code belongs to a family the rule set covers; the rule set's claim rules run only when such a line exists.</summary>
    Covered = 2,
}
