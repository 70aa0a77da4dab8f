namespace PainBilling.Rules.RuleSets;

/// <summary>
/// A rule failed while evaluating a claim. This is a defect of the rule set, never a finding about the claim:
/// the evaluation is abandoned rather than reported as clean. The message names the claim id, line, code and rule only.
/// </summary>
public sealed class RuleEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="ruleSet">Rule set id and version, e.g. <c>medicare-esi@2026.11.0</c>.</param>
    /// <param name="ruleId">The failing rule.</param>
    /// <param name="claimId">The claim being evaluated.</param>
    /// <param name="line">The line being evaluated, if any.</param>
    /// <param name="reason">The engine's reason.</param>
    public RuleEvaluationException(string ruleSet, string ruleId, string claimId, int? line, string reason)
        : base($"Rule {ruleId} of rule set {ruleSet} failed on claim {claimId}{(line is null ? string.Empty : $" line {line}")}: {reason}")
    {
        RuleSet = ruleSet;
        RuleId = ruleId;
        ClaimId = claimId;
        Line = line;
        Reason = reason;
    }

    /// <summary>Why the rule failed (the engine's reason, or the evaluation budget that ran out).</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>Creates the exception with a message only.</summary>
    public RuleEvaluationException()
        : this("(unknown)", "(unknown)", string.Empty, null, "rule failed")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public RuleEvaluationException(string message)
        : base(message)
    {
        RuleSet = RuleId = ClaimId = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying error.</param>
    public RuleEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
        RuleSet = RuleId = ClaimId = string.Empty;
    }

    /// <summary>Rule set id and version.</summary>
    public string RuleSet { get; }

    /// <summary>The failing rule.</summary>
    public string RuleId { get; }

    /// <summary>The claim being evaluated.</summary>
    public string ClaimId { get; }

    /// <summary>The line being evaluated, if any.</summary>
    public int? Line { get; }
}
