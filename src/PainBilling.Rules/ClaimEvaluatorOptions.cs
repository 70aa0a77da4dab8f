using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules;

/// <summary>Options for <c>AddPainBillingRules</c>.</summary>
public sealed class ClaimEvaluatorOptions
{
    /// <summary>Where the rules come from.</summary>
    /// <value>Defaults to <see cref="RulesSource.Embedded"/>: the rule sets shipped inside the package.</value>
    public RulesSource RulesSource { get; set; } = RulesSource.Embedded;

    /// <summary>
    /// The rules folder, for configuration binding (<c>"PainBillingRules": { "RulesFolder": "rules-json" }</c>): setting it
    /// sets <see cref="RulesSource"/> to <see cref="RulesSource.FromFolder"/>; <see langword="null"/> or empty restores
    /// <see cref="RulesSource.Embedded"/>. Reads as the folder's full path, or <see langword="null"/> for any other source.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the embedded rules.</value>
    public string? RulesFolder
    {
        get => RulesSource?.FolderPath;
        set => RulesSource = string.IsNullOrWhiteSpace(value) ? RulesSource.Embedded : RulesSource.FromFolder(value);
    }

    /// <summary>The most time one claim's evaluation may take before it stops with a <see cref="RuleEvaluationException"/> naming the rule set that ran over.</summary>
    /// <value>Defaults to <see cref="DefaultEvaluationBudget"/> (1 second); <see cref="Timeout.InfiniteTimeSpan"/> turns the budget off.</value>
    /// <remarks>A budget protects a host from a rule edit that is far slower than intended; typical claims take well under a millisecond.</remarks>
    public TimeSpan EvaluationBudget { get; set; } = DefaultEvaluationBudget;

    /// <summary>The default <see cref="EvaluationBudget"/>: 1 second per claim.</summary>
    public static TimeSpan DefaultEvaluationBudget { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The host's clock. When set, a date of service (line or history) more than a day after the clock's UTC date is a
    /// <c>Reject</c> naming its JSON path. The library keeps no clock of its own: without one (and without
    /// <see cref="LatestServiceDate"/>) dates are bounded only by ICD-10-CM's start and by each other (see the README's limits).
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: no clock.</value>
    public TimeProvider? Clock { get; set; }

    /// <summary>An explicit horizon: a date of service after it is a <c>Reject</c> naming its JSON path. Wins over <see cref="Clock"/>.</summary>
    /// <value>Defaults to <see langword="null"/>: no explicit horizon.</value>
    public DateOnly? LatestServiceDate { get; set; }

    /// <summary>Whether the registered evaluator reloads the rules folder when its files change (see <see cref="ReloadingClaimEvaluator"/>).</summary>
    /// <value>Defaults to <see langword="false"/>: the rules load once.</value>
    public bool ReloadOnChange { get; set; }

    /// <summary>How long the folder must be quiet after a file event before a reload starts (one reload per burst of edits).</summary>
    /// <value>Defaults to 500 milliseconds.</value>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Reads the rules from a folder laid out like the repository's <c>rules-json</c> instead of the embedded copy.</summary>
    /// <param name="path">The folder.</param>
    /// <returns>These options.</returns>
    public ClaimEvaluatorOptions UseRulesFolder(string path) => UseRulesFolder(path, reload: false);

    /// <summary>
    /// Reads the rules from a folder and, with <paramref name="reload"/>, keeps watching it: an edit is loaded, validated,
    /// compiled and proved in the background and swapped in atomically; a broken edit keeps the last good rules and is logged.
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <param name="reload">Whether to reload on change.</param>
    /// <returns>These options.</returns>
    public ClaimEvaluatorOptions UseRulesFolder(string path, bool reload)
    {
        RulesSource = RulesSource.FromFolder(path);
        ReloadOnChange = reload;
        return this;
    }
}
