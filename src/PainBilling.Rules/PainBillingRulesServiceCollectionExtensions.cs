using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PainBilling.Rules;

/// <summary>Registers PainBilling.Rules with a service collection.</summary>
public static partial class PainBillingRulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IClaimEvaluator"/> (and the <see cref="RuleLibrary"/> it uses) as thread-safe singletons.
    /// The rules load and compile on first resolution; a broken rule file throws <see cref="RuleSets.RuleSetLoadException"/> then.
    /// Calling this more than once registers the services once; every call's <paramref name="configure"/> is applied, in order.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional configuration, e.g. <c>o =&gt; o.UseRulesFolder("rules-json")</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPainBillingRules(this IServiceCollection services, Action<ClaimEvaluatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<ClaimEvaluatorOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        AddHostingServices(services, builder);
        // With UseRulesFolder(path, reload: true) the evaluator is a ReloadingClaimEvaluator (disposed with the container);
        // RuleLibrary then resolves to the snapshot in force when it is first resolved (ReloadingClaimEvaluator.Library is always current).
        services.TryAddSingleton(sp => Options(sp).ReloadOnChange
            ? ((ReloadingClaimEvaluator)sp.GetRequiredService<IClaimEvaluator>()).Library
            : LoadLibrary(sp, Options(sp).RulesSource));
        services.TryAddSingleton<IClaimEvaluator>(sp => Options(sp).ReloadOnChange
            ? CreateReloading(sp)
            : new ClaimEvaluator(sp.GetRequiredService<RuleLibrary>(), Options(sp)) { Logger = CreateLogger(sp) });
        return services;
    }

    /// <summary>Loads the rules, logging the summary (or the failure) through the host's logging.</summary>
    private static RuleLibrary LoadLibrary(IServiceProvider services, RuleSets.RulesSource source)
    {
        var logger = CreateLogger(services);
        try
        {
            var library = RuleLibrary.Load(source);
            Telemetry.Log.Loaded(logger, library, library.LoadDuration);
            return library;
        }
        catch (RuleSets.RuleSetLoadException ex)
        {
            // The message names every file, line and reason; a stack trace adds nothing for whoever fixes the rules.
            Telemetry.Log.RulesLoadFailed(logger, source.Description, ex.Message);
            throw;
        }
    }

    private static ReloadingClaimEvaluator CreateReloading(IServiceProvider services)
    {
        var options = Options(services);
        if (!Directory.Exists(options.RulesSource.Description))
        {
            throw new InvalidOperationException("ReloadOnChange needs a rules folder: configure o => o.UseRulesFolder(path, reload: true).");
        }

        return new ReloadingClaimEvaluator(options.RulesSource.Description, options, CreateLogger(services));
    }

    private static ClaimEvaluatorOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<ClaimEvaluatorOptions>>().Value;

    private static ILogger CreateLogger(IServiceProvider services)
        => services.GetService<ILoggerFactory>()?.CreateLogger(Telemetry.Log.Category) ?? NullLogger.Instance;
}
