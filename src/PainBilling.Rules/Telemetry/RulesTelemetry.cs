using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Telemetry;

/// <summary>
/// The library's meter and activity source (both named <see cref="Name"/>) and the helpers that record into them.
/// </summary>
/// <remarks>
/// Only values the library controls are recorded: outcomes, categories, severities, rule ids, rule-set ids and
/// versions, counts and durations. Nothing from the claim (claim id, payer name, patient data, codes, free text)
/// becomes a tag, a baggage item or a log value. Hot reload and hosts inside the repository call
/// <see cref="RecordLoad"/>, <see cref="Log"/> and the other members; they are internal by design.
/// </remarks>
internal static class RulesTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "PainBilling.Rules";

    /// <summary>The name of the activity started for each claim evaluation.</summary>
    public const string EvaluateActivityName = "painbilling.rules.evaluate";

    private static readonly string? Version = typeof(RulesTelemetry).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>The meter <c>PainBilling.Rules</c>.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>The activity source <c>PainBilling.Rules</c>.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>Claims evaluated, by <see cref="RulesTelemetryTags.Outcome"/>.</summary>
    public static Counter<long> Evaluations { get; } = Meter.CreateCounter<long>(
        "painbilling.rules.claim.evaluations", "{evaluation}", "Claims evaluated, by outcome (Clean, Review, Deny, Reject, or RuleError / Cancelled when no evaluation was produced).");

    /// <summary>Duration of one claim evaluation, by <see cref="RulesTelemetryTags.Outcome"/>.</summary>
    public static Histogram<double> EvaluationDuration { get; } = Meter.CreateHistogram<double>(
        "painbilling.rules.claim.evaluation.duration", "s", "Time to evaluate one claim.");

    /// <summary>Findings reported, by category and severity.</summary>
    public static Counter<long> Findings { get; } = Meter.CreateCounter<long>(
        "painbilling.rules.findings", "{finding}", "Findings reported, by category and severity.");

    /// <summary>Claim lines that no rule set covers (reported as not evaluated, never as clean).</summary>
    public static Counter<long> LinesNotEvaluated { get; } = Meter.CreateCounter<long>(
        "painbilling.rules.lines.not_evaluated", "{line}", "Claim lines whose code no rule set covers.");

    /// <summary>Time to load, validate and compile the rules, by <see cref="RulesTelemetryTags.LoadOutcome"/>.</summary>
    public static Histogram<double> LoadDuration { get; } = Meter.CreateHistogram<double>(
        "painbilling.rules.load.duration", "s", "Time to load, validate and compile the rule files.");

    /// <summary>Records a load (or reload) of the rules.</summary>
    /// <param name="startedTimestamp">A <see cref="Stopwatch.GetTimestamp"/> taken when the load began.</param>
    /// <param name="succeeded">Whether the load produced a library.</param>
    /// <returns>The elapsed time.</returns>
    public static TimeSpan RecordLoad(long startedTimestamp, bool succeeded)
    {
        var elapsed = Stopwatch.GetElapsedTime(startedTimestamp);
        LoadDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(RulesTelemetryTags.LoadOutcome, succeeded ? "success" : "failure"));
        return elapsed;
    }

    /// <summary>Starts the activity of one evaluation (null when nobody listens).</summary>
    public static Activity? StartEvaluation() => ActivitySource.StartActivity(EvaluateActivityName, ActivityKind.Internal);

    /// <summary>Records a finished evaluation: counters, histogram and the activity's tags.</summary>
    /// <param name="activity">The evaluation's activity, if any.</param>
    /// <param name="startedTimestamp">A <see cref="Stopwatch.GetTimestamp"/> taken when the evaluation began.</param>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="notEvaluatedRuleId">The rule id of the "not evaluated" finding.</param>
    public static void RecordEvaluation(Activity? activity, long startedTimestamp, ClaimEvaluation evaluation, string notEvaluatedRuleId)
    {
        var outcome = OutcomeName(evaluation.Outcome);
        var outcomeTag = new KeyValuePair<string, object?>(RulesTelemetryTags.Outcome, outcome);
        Evaluations.Add(1, outcomeTag);
        EvaluationDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, outcomeTag);
        if (Findings.Enabled || LinesNotEvaluated.Enabled)
        {
            foreach (var finding in evaluation.Findings)
            {
                Findings.Add(
                    1,
                    new KeyValuePair<string, object?>(RulesTelemetryTags.FindingCategory, CategoryName(finding.Category)),
                    new KeyValuePair<string, object?>(RulesTelemetryTags.FindingSeverity, SeverityName(finding.Severity)));
                if (string.Equals(finding.RuleId, notEvaluatedRuleId, StringComparison.Ordinal))
                {
                    LinesNotEvaluated.Add(1);
                }
            }
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(RulesTelemetryTags.Outcome, outcome);
            activity.SetTag(RulesTelemetryTags.RuleSets, evaluation.RuleSets.Select(r => r.Id + "@" + r.Version).ToArray());
            activity.SetTag(RulesTelemetryTags.FindingCount, evaluation.Findings.Count);
        }
    }

    /// <summary>Records an evaluation that produced no result (a rule failed, or it was cancelled).</summary>
    /// <param name="activity">The evaluation's activity, if any.</param>
    /// <param name="startedTimestamp">A <see cref="Stopwatch.GetTimestamp"/> taken when the evaluation began.</param>
    /// <param name="exception">Why there is no result.</param>
    public static void RecordFailure(Activity? activity, long startedTimestamp, Exception exception)
    {
        var outcome = exception is OperationCanceledException ? "Cancelled" : "RuleError";
        var outcomeTag = new KeyValuePair<string, object?>(RulesTelemetryTags.Outcome, outcome);
        Evaluations.Add(1, outcomeTag);
        EvaluationDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, outcomeTag);
        if (activity is not null)
        {
            // The type only: exception messages name the claim id, which stays out of traces.
            activity.SetTag(RulesTelemetryTags.Outcome, outcome);
            activity.SetTag(RulesTelemetryTags.ErrorType, exception.GetType().FullName);
            if (exception is RuleEvaluationException rule)
            {
                activity.SetTag(RulesTelemetryTags.RuleId, rule.RuleId);
                activity.SetTag(RulesTelemetryTags.RuleSets, new[] { rule.RuleSet });
            }

            activity.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    // Enum names without boxing allocations through ToString on the hot path.
    private static string OutcomeName(EvaluationOutcome outcome) => outcome switch
    {
        EvaluationOutcome.Clean => nameof(EvaluationOutcome.Clean),
        EvaluationOutcome.Review => nameof(EvaluationOutcome.Review),
        EvaluationOutcome.Deny => nameof(EvaluationOutcome.Deny),
        EvaluationOutcome.Reject => nameof(EvaluationOutcome.Reject),
        _ => outcome.ToString(),
    };

    private static string SeverityName(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Reject => nameof(FindingSeverity.Reject),
        FindingSeverity.Deny => nameof(FindingSeverity.Deny),
        FindingSeverity.Review => nameof(FindingSeverity.Review),
        FindingSeverity.Info => nameof(FindingSeverity.Info),
        _ => severity.ToString(),
    };

    private static string CategoryName(FindingCategory category) => category.ToString();
}
