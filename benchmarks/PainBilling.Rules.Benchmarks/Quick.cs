using System.Diagnostics;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Engine;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Benchmarks;

/// <summary><c>quick</c>: a Stopwatch check of both paths per sample (seconds, not minutes; BenchmarkDotNet gives the committed numbers).</summary>
internal static class Quick
{
    public static void Run()
    {
        var library = RuleLibrary.Load(RulesSource.Embedded);
        var compiled = new ClaimEvaluator(library, EvaluationPath.Compiled);
        var standard = new ClaimEvaluator(library, EvaluationPath.RulesEngine);
        foreach (var sample in new[] { "medicare-tx-esi-clean", "medicare-tx-esi-denied", "medicare-tx-lumbar-facet" })
        {
            var claim = ClaimJson.Read(File.ReadAllText(Path.Combine(Samples.Folder(), sample + ".json"))).Claim!;
            var s = Measure(() => standard.Evaluate(claim), 2_000);
            var c = Measure(() => compiled.Evaluate(claim), 20_000);
            Console.WriteLine($"{sample,-28} standard {s.Micro,8:0.0} µs {s.Bytes,8} B   compiled {c.Micro,8:0.00} µs {c.Bytes,8} B   ratio {s.Micro / c.Micro,5:0.0}x");
        }
    }

    private static (double Micro, long Bytes) Measure(Action action, int iterations)
    {
        for (var i = 0; i < iterations / 4; i++)
        {
            action();
        }

        var best = double.MaxValue;
        long bytes = 0;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                action();
            }

            watch.Stop();
            bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / iterations;
            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / iterations);
        }

        return (best, bytes);
    }
}

/// <summary><c>quick units</c>: where the time goes outside the rules.</summary>
internal static class QuickUnits
{
    public static void Run()
    {
        var library = RuleLibrary.Load(RulesSource.Embedded);
        var evaluator = new ClaimEvaluator(library, EvaluationPath.Compiled);
        foreach (var name in new[] { "medicare-tx-esi-clean", "medicare-tx-esi-denied" })
        {
            var claim = ClaimJson.Read(File.ReadAllText(Path.Combine(Samples.Folder(), name + ".json"))).Claim!;
            var evaluation = evaluator.Evaluate(claim);
            Console.WriteLine(name);
            Time("validate", () => ClaimShapeValidator.Validate(claim));
            Time("ClaimView.From", () => Expressions.ClaimView.From(claim));
            Time("ClaimEvaluation.Create", () => Evaluations.ClaimEvaluation.Create(claim.ClaimId, evaluation.RuleSets, evaluation.Findings));
            var view = Expressions.ClaimView.From(claim);
            Time("format 1 finding", () => FindingFormatter.Format(evaluation.Findings[0].Message, FindingFormatter.BuiltIns(view, view.Lines[0], "x")));
            Time("DataFor", () => library.DataFor(view.Lines[0].ServiceDate));
            Time("Applicable", () => library.Index.Applicable(view, view.Lines[0].ServiceDate, library.DataFor(view.Lines[0].ServiceDate), new List<RuleSets.LoadedRuleSet>()));
            Time("evaluate", () => evaluator.Evaluate(claim));
            var applicable = new List<RuleSets.LoadedRuleSet>();
            library.Index.Applicable(view, view.Lines[0].ServiceDate, library.DataFor(view.Lines[0].ServiceDate), applicable);
            foreach (var set in applicable)
            {
                foreach (var ln in view.Lines)
                {
                    var d = library.DataFor(ln.ServiceDate);
                    Time(set.LineWorkflow + " L" + ln.Line, () => library.Compiled.Execute(set.LineWorkflow, view, ln, d, out _));
                }

                Time(set.ClaimWorkflow, () => library.Compiled.Execute(set.ClaimWorkflow, view, view.Lines[0], library.DataFor(view.Lines[0].ServiceDate), out _));
            }
            Console.WriteLine($"  findings {evaluation.Findings.Count}");
        }
    }

    private static void Time(string what, Action action)
    {
        for (var i = 0; i < 2000; i++) action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 10000; i++) action();
        Console.WriteLine($"  {what,-24} {watch.Elapsed.TotalMicroseconds / 10000,8:0.00} µs {(GC.GetAllocatedBytesForCurrentThread() - before) / 10000,8} B");
    }
}

/// <summary><c>quick loop</c>: the compiled path in a loop (for a profiler).</summary>
internal static class QuickLoop
{
    private static readonly string[] SampleNames = ["medicare-tx-esi-clean", "medicare-tx-esi-denied", "medicare-tx-lumbar-facet"];

    public static void Run(int seconds)
    {
        var library = RuleLibrary.Load(RulesSource.Embedded);
        var compiled = new ClaimEvaluator(library, EvaluationPath.Compiled);
        var claims = SampleNames
            .Select(s => ClaimJson.Read(File.ReadAllText(Path.Combine(Samples.Folder(), s + ".json"))).Claim!).ToArray();
        var watch = Stopwatch.StartNew();
        var n = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            foreach (var claim in claims)
            {
                compiled.Evaluate(claim);
                n++;
            }
        }

        Console.WriteLine($"{n} evaluations, {watch.Elapsed.TotalMicroseconds / n:0.0} µs each");

    }
}

/// <summary><c>quick claim SEED</c>: both paths' answers for one generated claim (a differential-test failure, reproduced).</summary>
internal static class QuickClaim
{
    public static void Run(int seed)
    {
        var library = RuleLibrary.Load(RulesSource.Embedded);
        var json = ClaimJson.Write(Tests.VariedClaims.Create(seed));
        Console.WriteLine(json);
        foreach (var path in new[] { EvaluationPath.Compiled, EvaluationPath.RulesEngine })
        {
            try
            {
                Console.WriteLine($"{path}: {ClaimJson.Write(new ClaimEvaluator(library, path).Evaluate(ClaimJson.Read(json)))}");
            }
            catch (RuleEvaluationException ex)
            {
                Console.WriteLine($"{path}: {ex.Message}");
            }
        }
    }
}

/// <summary><c>generate N FILE</c>: writes N seeded, varied claims as NDJSON (for measuring the CLI on a batch, outside the repository).</summary>
internal static class GenerateBatch
{
    public static void Run(int count, string path)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        foreach (var claim in Tests.VariedClaims.Generate(count))
        {
            writer.WriteLine(ClaimJson.Write(claim));
        }
    }
}
