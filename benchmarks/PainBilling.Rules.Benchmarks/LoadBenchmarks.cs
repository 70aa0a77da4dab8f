using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PainBilling.Rules.Claims;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Benchmarks;

/// <summary>Cold cost: load, validate and compile every shipped rule set (what a host pays once, at start-up).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LoadBenchmarks
{
    private string _claimJson = null!;

    [GlobalSetup]
    public void Setup() => _claimJson = File.ReadAllText(Path.Combine(Samples.Folder(), "medicare-tx-esi-clean.json"));

    [Benchmark(Baseline = true, Description = "read and validate one claim")]
    public ClaimReadResult ReadClaim() => ClaimJson.Read(_claimJson);

    [Benchmark(Description = "load + compile embedded rules")]
    public RuleLibrary LoadEmbedded() => RuleLibrary.Load(RulesSource.Embedded);
}
