namespace PainBilling.Rules.Evaluations;

/// <summary>The answer for one claim: its outcome, the rule-set versions used and the findings.</summary>
public sealed record ClaimEvaluation
{
    /// <summary>The claim's identifier, echoed (empty when it could not be read).</summary>
    public required string ClaimId { get; init; }

    /// <summary>
    /// The worst severity among the findings; when there is no reject, deny or review, <see cref="EvaluationOutcome.Incomplete"/>
    /// if a line was not evaluated, else <see cref="EvaluationOutcome.Clean"/>.
    /// </summary>
    public required EvaluationOutcome Outcome { get; init; }

    /// <summary>Every rule-set and reference-table version applied, ordered by id.</summary>
    public required IReadOnlyList<RuleSetReference> RuleSets { get; init; }

    /// <summary>Findings ordered by line (claim-level first), then severity, then rule id.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>Builds an evaluation from findings, computing the outcome and the contract's ordering.</summary>
    /// <param name="claimId">The claim identifier to echo.</param>
    /// <param name="ruleSets">The rule-set versions used.</param>
    /// <param name="findings">The findings, in any order.</param>
    /// <returns>The evaluation.</returns>
    public static ClaimEvaluation Create(string claimId, IEnumerable<RuleSetReference> ruleSets, IEnumerable<Finding> findings)
        => Create(claimId, ruleSets, findings, incomplete: false);

    /// <summary>Builds an evaluation from findings, computing the outcome and the contract's ordering.</summary>
    /// <param name="claimId">The claim identifier to echo.</param>
    /// <param name="ruleSets">The rule-set versions used.</param>
    /// <param name="findings">The findings, in any order.</param>
    /// <param name="incomplete">Whether some line was not checked by any rule set: the outcome is then at best <see cref="EvaluationOutcome.Incomplete"/>.</param>
    /// <returns>The evaluation.</returns>
    public static ClaimEvaluation Create(string claimId, IEnumerable<RuleSetReference> ruleSets, IEnumerable<Finding> findings, bool incomplete)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        ArgumentNullException.ThrowIfNull(findings);
        var ordered = findings
            .OrderBy(f => f.Line ?? 0)
            .ThenBy(f => f.Severity)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToArray();
        var worst = ordered.Length == 0 ? FindingSeverity.Info : ordered.Min(f => f.Severity);
        var outcome = worst switch
        {
            FindingSeverity.Reject => EvaluationOutcome.Reject,
            FindingSeverity.Deny => EvaluationOutcome.Deny,
            FindingSeverity.Review => EvaluationOutcome.Review,
            _ => incomplete ? EvaluationOutcome.Incomplete : EvaluationOutcome.Clean,
        };
        var sets = ruleSets.Distinct().OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Version, StringComparer.Ordinal).ToArray();
        return new ClaimEvaluation { ClaimId = claimId ?? string.Empty, Outcome = outcome, RuleSets = sets, Findings = ordered };
    }
}
