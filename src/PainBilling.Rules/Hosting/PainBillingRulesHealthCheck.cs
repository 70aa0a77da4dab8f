using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Hosting;

/// <summary>
/// Reports whether the rules are loaded, which rule-set versions and reference tables are in force, and whether the
/// reference data covers today's dates of service.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="HealthStatus.Healthy"/>: the rules are loaded and every reference table has a version in force today.</item>
/// <item><see cref="HealthStatus.Degraded"/>: loaded, but some tables have no version in force today (claims of today are evaluated without them, and say so).</item>
/// <item>the registration's failure status (<see cref="HealthStatus.Unhealthy"/> by default): the rules could not be loaded.</item>
/// </list>
/// The data holds the rules source, the rule-set versions with their windows and the reference-table versions in force today.
/// </remarks>
internal sealed class PainBillingRulesHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        RuleLibrary library;
        try
        {
            var evaluator = services.GetRequiredService<IClaimEvaluator>();
            library = evaluator switch
            {
                ClaimEvaluator known => known.Library,
                ReloadingClaimEvaluator reloading => reloading.Library,
                _ => services.GetRequiredService<RuleLibrary>(),
            };
        }
        catch (RuleSetLoadException ex)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "The rules could not be loaded.", ex));
        }

        var clock = services.GetService<Microsoft.Extensions.Options.IOptions<ClaimEvaluatorOptions>>()?.Value.Clock
            ?? services.GetService<TimeProvider>()
            ?? TimeProvider.System;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var tables = library.Loaded.Tables.Versions;
        var inForce = library.Loaded.Tables.InForce(today);
        var uncovered = tables.Select(t => t.Name).Distinct(StringComparer.Ordinal)
            .Except(inForce.Select(t => t.Name), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["rulesSource"] = library.Source.Description,
            ["ruleSets"] = library.RuleSets.Select(s => $"{s.Id}@{s.Version} ({s.Effective})").ToArray(),
            ["ruleCount"] = library.Rules.Count,
            ["referenceTablesInForce"] = inForce.Select(t => $"{t.Name}@{t.Version} ({t.Effective})").ToArray(),
            ["referenceTablesNotInForce"] = uncovered,
            ["date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var result = uncovered.Length == 0
            ? HealthCheckResult.Healthy($"{library.RuleSets.Count} rule-set versions and {library.Rules.Count} rules loaded; every reference table is in force on {data["date"]}.", data)
            : HealthCheckResult.Degraded($"Rules loaded, but no version of {string.Join(", ", uncovered)} is in force on {data["date"]}: claims of that date are evaluated without it.", data: data);
        return Task.FromResult(result);
    }
}
