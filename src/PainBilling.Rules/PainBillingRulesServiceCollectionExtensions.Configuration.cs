using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PainBilling.Rules.Hosting;

namespace PainBilling.Rules;

/// <content>Configuration binding, options validation at start and the eager warm-up.</content>
public static partial class PainBillingRulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers PainBilling.Rules as <see cref="AddPainBillingRules(IServiceCollection, Action{ClaimEvaluatorOptions})"/> does,
    /// with <see cref="ClaimEvaluatorOptions"/> bound from <paramref name="configuration"/> (e.g.
    /// <c>configuration.GetSection("PainBillingRules")</c>): <c>RulesFolder</c> and every other settable option by name.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section; a key that names no option is an error, so a misspelt setting is never ignored.</param>
    /// <param name="configure">Optional configuration applied after the binding (it wins).</param>
    /// <returns>The service collection.</returns>
    /// <remarks>
    /// The options are validated when the host starts (<c>ValidateOnStart</c>): a rules folder that does not exist or a
    /// setting out of range stops the host with an <see cref="OptionsValidationException"/> naming the setting.
    /// </remarks>
    public static IServiceCollection AddPainBillingRules(this IServiceCollection services, IConfiguration configuration, Action<ClaimEvaluatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ClaimEvaluatorOptions>().Bind(configuration, binder => binder.ErrorOnUnknownConfiguration = true);
        return services.AddPainBillingRules(configure);
    }

    /// <summary>Options validation at start, and the warm-up that loads the rules when the host starts rather than on the first request.</summary>
    private static void AddHostingServices(IServiceCollection services, OptionsBuilder<ClaimEvaluatorOptions> options)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClaimEvaluatorOptions>, ClaimEvaluatorOptionsValidator>());
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RulesWarmupService>());
    }
}
