using BenchmarkDotNet.Attributes;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Engine;
using PainBilling.Rules.RuleSets;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Benchmarks;

/// <summary>
/// Warm evaluation of typical sample claims with the full shipped catalogue loaded: the compiled path (the default)
/// as a ratio against RulesEngine's standard execution of the same workflows (the baseline), in the same run.
/// Rules are loaded and compiled once in <see cref="Setup"/>.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private ClaimEvaluator _compiled = null!;
    private ClaimEvaluator _standard = null!;
    private Claim _claim = null!;

    /// <summary>The sample claim: a clean 2-line ESI claim, a denied 3-line ESI claim, a 2-line facet claim.</summary>
    [Params("medicare-tx-esi-clean", "medicare-tx-esi-denied", "medicare-tx-lumbar-facet")]
    public string Sample { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        var library = RuleLibrary.Load(RulesSource.Embedded);
        _compiled = new ClaimEvaluator(library, EvaluationPath.Compiled);
        _standard = new ClaimEvaluator(library, EvaluationPath.RulesEngine);
        _claim = ClaimJson.Read(File.ReadAllText(Path.Combine(Samples.Folder(), Sample + ".json"))).Claim!;
        if (ClaimJson.Write(_compiled.Evaluate(_claim)) != ClaimJson.Write(_standard.Evaluate(_claim)))
        {
            throw new InvalidOperationException("the two paths disagree on " + Sample);
        }
    }

    [Benchmark(Baseline = true, Description = "RulesEngine standard path")]
    public ClaimEvaluation Standard() => _standard.Evaluate(_claim);

    [Benchmark(Description = "compiled path")]
    public ClaimEvaluation Compiled() => _compiled.Evaluate(_claim);
}
