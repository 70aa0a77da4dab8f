using System.Collections.Concurrent;
using System.Globalization;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Cli;

/// <summary>
/// <c>--summary</c>: outcome counts, the rules that fired most, and the charges at risk, i.e. the sum of the charges of
/// the lines that have a Deny or Reject finding (every line of a claim that has a claim-level Deny or Reject finding).
/// Thread-safe; memory is bounded by the number of rules, not of claims.
/// </summary>
internal sealed class BatchSummary
{
    private readonly ConcurrentDictionary<EvaluationOutcome, long> _outcomes = new();
    private readonly ConcurrentDictionary<string, long> _rules = new(StringComparer.Ordinal);
    private long _claims;
    private long _ruleErrors;
    private long _chargesAtRiskCents;
    private long _linesAtRisk;

    public void AddRuleError()
    {
        Interlocked.Increment(ref _claims);
        Interlocked.Increment(ref _ruleErrors);
    }

    public void Add(Claim? claim, ClaimEvaluation evaluation)
    {
        Interlocked.Increment(ref _claims);
        _outcomes.AddOrUpdate(evaluation.Outcome, 1, (_, n) => n + 1);
        var wholeClaim = false;
        HashSet<int>? lines = null;
        foreach (var finding in evaluation.Findings)
        {
            _rules.AddOrUpdate(finding.RuleId, 1, (_, n) => n + 1);
            if (finding.Severity is FindingSeverity.Deny or FindingSeverity.Reject)
            {
                if (finding.Line is { } line)
                {
                    (lines ??= []).Add(line);
                }
                else
                {
                    wholeClaim = true;
                }
            }
        }

        if (claim is null || (!wholeClaim && lines is null))
        {
            return;
        }

        foreach (var line in claim.Lines)
        {
            if (wholeClaim || lines!.Contains(line.Line))
            {
                Interlocked.Add(ref _chargesAtRiskCents, (long)decimal.Round((line.Charge ?? 0m) * 100m));
                Interlocked.Increment(ref _linesAtRisk);
            }
        }
    }

    public void WriteTo(TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(c, $"Summary: {_claims:N0} claims"));
        foreach (var outcome in Enum.GetValues<EvaluationOutcome>())
        {
            writer.WriteLine(string.Create(c, $"  {outcome,-8} {_outcomes.GetValueOrDefault(outcome):N0}"));
        }

        if (_ruleErrors > 0)
        {
            writer.WriteLine(string.Create(c, $"  rule errors {_ruleErrors:N0} (no evaluation written)"));
        }

        writer.WriteLine(string.Create(c, $"  charges at risk (Deny/Reject lines): {_chargesAtRiskCents / 100m:N2} on {_linesAtRisk:N0} lines"));
        writer.WriteLine("  top rules:");
        foreach (var (rule, count) in _rules.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Take(10))
        {
            writer.WriteLine(string.Create(c, $"    {rule,-22} {count:N0}"));
        }
    }
}
