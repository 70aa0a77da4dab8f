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

    public static void Run(int seconds, string[] samples)
    {
        var library = RuleLibrary.Load(RulesSource.Embedded);
        var compiled = new ClaimEvaluator(library, EvaluationPath.Compiled);
        var claims = (samples.Length > 0 ? samples : SampleNames)
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

/// <summary><c>quick profile</c>: per rule-set unit, the time and allocation of what one evaluation actually runs.</summary>
internal static class QuickProfile
{
    public static void Run()
    {
        var library = RuleLibrary.Load(RulesSource.Embedded);
        var evaluator = new ClaimEvaluator(library, EvaluationPath.Compiled);
        foreach (var name in new[] { "medicare-tx-esi-clean", "medicare-tx-esi-denied", "medicare-tx-lumbar-facet" })
        {
            var claim = ClaimJson.Read(File.ReadAllText(Path.Combine(Samples.Folder(), name + ".json"))).Claim!;
            var view = Expressions.ClaimView.From(claim);
            var units = new List<(string Name, Action Run)>();
            var claimLevel = new Dictionary<string, (RuleSets.LoadedRuleSet, Expressions.LineView)>();
            foreach (var line in view.Lines)
            {
                var data = library.DataFor(line.ServiceDate);
                var applicable = new List<RuleSets.LoadedRuleSet>();
                library.Index.Applicable(view, line.ServiceDate, data, applicable);
                var family = data.Family(line.Code);
                foreach (var set in applicable)
                {
                    if (set.Scope.Lines == RuleSets.LineSelection.Covered && !Engine.RuleSetIndex.Covers(set, family)) continue;
                    if (library.Compiled.HasWorkflow(set.LineWorkflow))
                        units.Add((set.LineWorkflow + " L" + line.Line, () => library.Compiled.Execute(set.LineWorkflow, view, line, data, out _)));
                    claimLevel.TryAdd(set.Key, (set, line));
                }
            }
            foreach (var (set, line) in claimLevel.Values)
            {
                var data = library.DataFor(line.ServiceDate);
                if (library.Compiled.HasWorkflow(set.ClaimWorkflow))
                    units.Add((set.ClaimWorkflow, () => library.Compiled.Execute(set.ClaimWorkflow, view, line, data, out _)));
            }
            Console.WriteLine(name);
            double total = 0; long totalBytes = 0;
            var rows = new List<(string, double, long)>();
            foreach (var (n, run) in units)
            {
                var (us, b) = Time(run);
                rows.Add((n, us, b)); total += us; totalBytes += b;
            }
            foreach (var (n, us, b) in rows.OrderByDescending(r => r.Item2)) Console.WriteLine($"  {n,-60} {us,8:0.00} µs {b,8} B");
            Console.WriteLine($"  {"units total (" + units.Count + ")",-60} {total,8:0.00} µs {totalBytes,8} B");
            var eval = evaluator.Evaluate(claim);
            foreach (var (n, a) in new (string, Action)[] {
                ("validate", () => ClaimShapeValidator.Validate(claim)),
                ("ClaimView.From", () => Expressions.ClaimView.From(claim)),
                ("ClaimEvaluation.Create", () => Evaluations.ClaimEvaluation.Create(claim.ClaimId, eval.RuleSets, eval.Findings)),
                ("ClaimJson.Write", () => ClaimJson.Write(eval)),
                ("evaluate (all)", () => evaluator.Evaluate(claim)) })
            {
                var (us, b) = Time(a);
                Console.WriteLine($"  {n,-60} {us,8:0.00} µs {b,8} B");
            }
        }
    }

    private static (double, long) Time(Action action)
    {
        for (var i = 0; i < 3000; i++) action();
        var best = double.MaxValue; long bytes = 0;
        for (var r = 0; r < 3; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 10000; i++) action();
            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / 10000);
            bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / 10000;
        }
        return (best, bytes);
    }
}

/// <summary><c>quick batch FILE</c>: one thread over an NDJSON file: time and allocation to read, evaluate and write each claim.</summary>
internal static class QuickBatch
{
    public static void Run(string path)
    {
        var library = RuleLibrary.Load(RulesSource.Embedded);
        var evaluator = new ClaimEvaluator(library, EvaluationPath.Compiled);
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var bytes = lines.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        for (var pass = 0; pass < 2; pass++)
        {
            long read = 0, eval = 0, write = 0, aRead = 0, aEval = 0, aWrite = 0, findings = 0;
            foreach (var b in bytes)
            {
                var m0 = GC.GetAllocatedBytesForCurrentThread();
                var t0 = Stopwatch.GetTimestamp();
                var r = ClaimJson.Read(b);
                var t1 = Stopwatch.GetTimestamp();
                var m1 = GC.GetAllocatedBytesForCurrentThread();
                var e = evaluator.Evaluate(r);
                var t2 = Stopwatch.GetTimestamp();
                var m2 = GC.GetAllocatedBytesForCurrentThread();
                var w = ClaimJson.Write(e);
                var t3 = Stopwatch.GetTimestamp();
                var m3 = GC.GetAllocatedBytesForCurrentThread();
                read += t1 - t0; eval += t2 - t1; write += t3 - t2;
                aRead += m1 - m0; aEval += m2 - m1; aWrite += m3 - m2;
                findings += e.Findings.Count;
            }

            var n = bytes.Length;
            double U(long t) => t * 1e6 / Stopwatch.Frequency / n;
            Console.WriteLine($"pass {pass}: {n} claims, {findings / (double)n:0.0} findings each; read {U(read):0.0} µs {aRead / n} B, evaluate {U(eval):0.0} µs {aEval / n} B, write {U(write):0.0} µs {aWrite / n} B; total {U(read + eval + write):0.0} µs = {n / ((read + eval + write) / (double)Stopwatch.Frequency):0} claims/s per core");
        }
    }
}

/// <summary><c>quick load</c>: a cold load of the embedded rules in this process, then the first evaluations (what a host pays at start).</summary>
internal static class QuickLoad
{
    public static void Run()
    {
        var process = Stopwatch.StartNew();
        var watch = Stopwatch.StartNew();
        var library = RuleLibrary.Load(RulesSource.Embedded);
        var load = watch.Elapsed;
        var claim = ClaimJson.Read(File.ReadAllText(Path.Combine(Samples.Folder(), "medicare-tx-lumbar-facet.json"))).Claim!;
        watch.Restart();
        var evaluator = new ClaimEvaluator(library);
        evaluator.Evaluate(claim);
        var first = watch.Elapsed;
        watch.Restart();
        evaluator.Evaluate(claim);
        var second = watch.Elapsed;
        Console.WriteLine($"load {load.TotalMilliseconds:0} ms, first evaluation {first.TotalMilliseconds:0.0} ms, second {second.TotalMilliseconds:0.00} ms (process {process.Elapsed.TotalMilliseconds:0} ms since Main)");
    }
}

/// <summary><c>quick parallel FILE</c>: read, evaluate and write every claim of an NDJSON file on 1 thread, then on every core (in memory, no CLI).</summary>
internal static class QuickParallel
{
    public static void Run(string path)
    {
        var library = RuleLibrary.Load(RulesSource.Embedded);
        var evaluator = new ClaimEvaluator(library, EvaluationPath.Compiled);
        var bytes = File.ReadAllLines(path).Where(l => l.Length > 0).Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        void One(int i) => ClaimJson.Write(evaluator.Evaluate(ClaimJson.Read(bytes[i])));
        for (var i = 0; i < bytes.Length; i++)
        {
            One(i);
        }

        foreach (var threads in new[] { 1, Environment.ProcessorCount, 1, Environment.ProcessorCount })
        {
            var gcs = GC.CollectionCount(0);
            var watch = Stopwatch.StartNew();
            Parallel.For(0, bytes.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, One);
            Console.WriteLine($"{threads} thread(s): {bytes.Length / watch.Elapsed.TotalSeconds:0} claims/s, {GC.CollectionCount(0) - gcs} gen0 GCs");
        }
    }
}
