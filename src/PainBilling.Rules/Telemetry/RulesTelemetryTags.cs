namespace PainBilling.Rules.Telemetry;

/// <summary>The tag names of the library's metrics and activities (one place, as in Polly's telemetry tags).</summary>
internal static class RulesTelemetryTags
{
    /// <summary>The evaluation's outcome: <c>Clean</c>, <c>Review</c>, <c>Deny</c>, <c>Reject</c>, or <c>RuleError</c> / <c>Cancelled</c>.</summary>
    public const string Outcome = "painbilling.rules.outcome";

    /// <summary>The rule-set and reference-table versions applied, as <c>id@version</c> strings.</summary>
    public const string RuleSets = "painbilling.rules.rule_sets";

    /// <summary>The number of findings of an evaluation.</summary>
    public const string FindingCount = "painbilling.rules.finding.count";

    /// <summary>A finding's category.</summary>
    public const string FindingCategory = "painbilling.rules.finding.category";

    /// <summary>A finding's severity.</summary>
    public const string FindingSeverity = "painbilling.rules.finding.severity";

    /// <summary>The rule that failed.</summary>
    public const string RuleId = "painbilling.rules.rule.id";

    /// <summary>Whether a load succeeded: <c>success</c> or <c>failure</c>.</summary>
    public const string LoadOutcome = "painbilling.rules.load.outcome";

    /// <summary>The exception type of a failed evaluation (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorType = "error.type";
}
