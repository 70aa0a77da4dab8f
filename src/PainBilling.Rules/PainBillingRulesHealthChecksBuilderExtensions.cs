using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PainBilling.Rules.Hosting;

namespace PainBilling.Rules;

/// <summary>Registers the PainBilling.Rules health check.</summary>
public static class PainBillingRulesHealthChecksBuilderExtensions
{
    /// <summary>The default name of the health check.</summary>
    public const string DefaultName = "painbilling-rules";

    /// <summary>
    /// Adds a health check that reports whether the rules are loaded, the rule-set versions and the reference-table
    /// versions in force today: healthy when every table has a version in force today, degraded when some do not,
    /// <paramref name="failureStatus"/> when the rules cannot be loaded. Use with
    /// <see cref="PainBillingRulesServiceCollectionExtensions.AddPainBillingRules(IServiceCollection, Action{ClaimEvaluatorOptions})"/>.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status when the rules cannot be loaded; <see langword="null"/> for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>ready</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddPainBillingRules(this IHealthChecksBuilder builder, string name = DefaultName, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(name, sp => new PainBillingRulesHealthCheck(sp), failureStatus, tags));
    }
}
