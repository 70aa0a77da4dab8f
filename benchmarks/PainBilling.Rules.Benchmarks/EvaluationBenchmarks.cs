using BenchmarkDotNet.Attributes;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Benchmarks;

/// <summary>
/// Warm evaluation of sample claims, as ratios against reading the same claim's JSON (the work every host does anyway).
/// Rules are loaded and compiled once in <see cref="Setup"/>.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private ClaimEvaluator _evaluator = null!;
    private string _cleanJson = null!;
    private Claim _clean = null!;
    private Claim _denied = null!;
    private Claim _facet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _evaluator = ClaimEvaluator.CreateDefault();
        var samples = Samples.Folder();
        _cleanJson = File.ReadAllText(Path.Combine(samples, "medicare-tx-esi-clean.json"));
        _clean = ClaimJson.Read(_cleanJson).Claim!;
        _denied = ClaimJson.Read(File.ReadAllText(Path.Combine(samples, "medicare-tx-esi-denied.json"))).Claim!;
        _facet = ClaimJson.Read(File.ReadAllText(Path.Combine(samples, "medicare-tx-lumbar-facet.json"))).Claim!;
    }

    [Benchmark(Baseline = true, Description = "read claim JSON (2 lines)")]
    public ClaimReadResult ReadClaimJson() => ClaimJson.Read(_cleanJson);

    [Benchmark(Description = "evaluate clean ESI claim (2 lines)")]
    public ClaimEvaluation EvaluateClean() => _evaluator.Evaluate(_clean);

    [Benchmark(Description = "evaluate denied ESI claim (3 lines)")]
    public ClaimEvaluation EvaluateDenied() => _evaluator.Evaluate(_denied);

    [Benchmark(Description = "evaluate facet claim (2 lines)")]
    public ClaimEvaluation EvaluateFacet() => _evaluator.Evaluate(_facet);
}
