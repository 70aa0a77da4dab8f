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
        var ordered = findings.ToArray();
        if (ordered.Length > 1)
        {
            // A stable sort (ties keep their input order), as OrderBy/ThenBy would give.
            var order = new int[ordered.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, new FindingOrder(ordered));
            var sorted = new Finding[ordered.Length];
            for (var i = 0; i < order.Length; i++)
            {
                sorted[i] = ordered[order[i]];
            }

            ordered = sorted;
        }

        var worst = FindingSeverity.Info;
        foreach (var finding in ordered)
        {
            if (finding.Severity < worst)
            {
                worst = finding.Severity;
            }
        }

        var outcome = worst switch
        {
            FindingSeverity.Reject => EvaluationOutcome.Reject,
            FindingSeverity.Deny => EvaluationOutcome.Deny,
            FindingSeverity.Review => EvaluationOutcome.Review,
            _ => incomplete ? EvaluationOutcome.Incomplete : EvaluationOutcome.Clean,
        };
        var sets = SortedDistinct(ruleSets);
        return new ClaimEvaluation { ClaimId = claimId ?? string.Empty, Outcome = outcome, RuleSets = sets, Findings = ordered };
    }

    /// <summary>The distinct references (by value), ordered by id then version (sorted first, then equal neighbours dropped).</summary>
    private static RuleSetReference[] SortedDistinct(IEnumerable<RuleSetReference> ruleSets)
    {
        var all = ruleSets.ToArray();
        Array.Sort(all, static (x, y) =>
        {
            var byId = string.CompareOrdinal(x.Id, y.Id);
            return byId != 0 ? byId : string.CompareOrdinal(x.Version, y.Version);
        });
        var kept = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (kept == 0 || !all[i].Equals(all[kept - 1]))
            {
                all[kept++] = all[i];
            }
        }

        return kept == all.Length ? all : all[..kept];
    }

    /// <summary>The contract's order of findings: line (claim-level first), severity, rule id, code, message; then input order.</summary>
    private sealed class FindingOrder(Finding[] findings) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var a = findings[x];
            var b = findings[y];
            var c = (a.Line ?? 0).CompareTo(b.Line ?? 0);
            if (c == 0)
            {
                c = ((int)a.Severity).CompareTo((int)b.Severity);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(a.RuleId, b.RuleId);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(a.Code, b.Code);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(a.Message, b.Message);
            }

            return c != 0 ? c : x.CompareTo(y);
        }
    }
}
