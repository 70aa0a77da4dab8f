using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PainBilling.Rules.Telemetry;

namespace PainBilling.Rules.Hosting;

/// <summary>
/// Loads and compiles the rules while the host starts, and runs one synthetic claim through the evaluator, so that
/// the first real claim does not pay for it. A broken rule file stops the host at start with its
/// <see cref="RuleSets.RuleSetLoadException"/>.
/// </summary>
internal sealed class RulesWarmupService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var evaluator = services.GetRequiredService<IClaimEvaluator>();
        if (evaluator is ClaimEvaluator known)
        {
            known.WarmUp();
        }

        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(Log.Category) ?? NullLogger.Instance;
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Log.RulesWarmedUp(logger, elapsed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
