using Microsoft.Extensions.Logging;

namespace PainBilling.Rules.Telemetry;

/// <summary>
/// The library's log messages (source-generated). Values are rule ids, versions, counts, durations and the rules
/// source's description only: no claim id, patient data, codes or free text from a claim.
/// </summary>
internal static partial class Log
{
    /// <summary>The logger category of the library's messages.</summary>
    public const string Category = "PainBilling.Rules";

    [LoggerMessage(EventId = 1, EventName = "RulesLoaded", Level = LogLevel.Information,
        Message = "Rules loaded from {RulesSource}: {RuleSetCount} rule-set versions ({RuleSetVersions}), {RuleCount} rules, {TableCount} reference-table versions in {ElapsedMilliseconds} ms")]
    public static partial void RulesLoaded(ILogger logger, string rulesSource, int ruleSetCount, string ruleSetVersions, int ruleCount, int tableCount, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "RulesLoadFailed", Level = LogLevel.Error,
        Message = "Rules could not be loaded from {RulesSource}: {Reason}")]
    public static partial void RulesLoadFailed(ILogger logger, string rulesSource, string reason);

    [LoggerMessage(EventId = 3, EventName = "RuleFailed", Level = LogLevel.Error,
        Message = "Rule {RuleId} of rule set {RuleSet} failed on line {Line}; the claim got no evaluation")]
    public static partial void RuleFailed(ILogger logger, string ruleId, string ruleSet, int? line);

    [LoggerMessage(EventId = 4, EventName = "RulesReloaded", Level = LogLevel.Information,
        Message = "Rules reloaded from {RulesSource}: {RuleSetCount} rule-set versions ({RuleSetVersions}), {RuleCount} rules, {TableCount} reference-table versions in {ElapsedMilliseconds} ms")]
    public static partial void RulesReloaded(ILogger logger, string rulesSource, int ruleSetCount, string ruleSetVersions, int ruleCount, int tableCount, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5, EventName = "RulesReloadFailed", Level = LogLevel.Error,
        Message = "Rules could not be reloaded from {RulesSource}; the rules loaded before stay in force")]
    public static partial void RulesReloadFailed(ILogger logger, string rulesSource, Exception exception);

    [LoggerMessage(EventId = 6, EventName = "RulesWarmedUp", Level = LogLevel.Information,
        Message = "Rules warmed up in {ElapsedMilliseconds} ms")]
    public static partial void RulesWarmedUp(ILogger logger, long elapsedMilliseconds);

    /// <summary>Logs the summary of a loaded (or reloaded) library.</summary>
    /// <param name="logger">The logger.</param>
    /// <param name="library">The library.</param>
    /// <param name="elapsed">How long the load took.</param>
    /// <param name="reload">Whether this load replaced earlier rules.</param>
    public static void Loaded(ILogger logger, RuleLibrary library, TimeSpan elapsed, bool reload = false)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var versions = string.Join(", ", library.RuleSets.Select(s => s.Id + "@" + s.Version).Distinct(StringComparer.Ordinal));
        var milliseconds = (long)elapsed.TotalMilliseconds;
        if (reload)
        {
            RulesReloaded(logger, library.Source.Description, library.RuleSets.Count, versions, library.Rules.Count, library.ReferenceTables.Count, milliseconds);
        }
        else
        {
            RulesLoaded(logger, library.Source.Description, library.RuleSets.Count, versions, library.Rules.Count, library.ReferenceTables.Count, milliseconds);
        }
    }
}
