using System.Diagnostics;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;
using Xunit.Abstractions;

namespace PainBilling.Rules.Tests.Claims;

/// <summary>What the largest accepted claim costs (the numbers are written to the test output).</summary>
public sealed class ClaimCostTests(ITestOutputHelper output)
{
    [Fact]
    public void The_largest_accepted_claim_is_read_and_evaluated()
    {
        var read = ClaimJson.Read(LargeClaims.Json(ClaimLimits.MaxLines));

        read.Problems.Should().BeEmpty();
        var evaluation = TestRules.Evaluator.Evaluate(read);
        evaluation.Outcome.Should().NotBe(EvaluationOutcome.Reject);
        evaluation.Findings.Select(f => f.Line).Distinct().Should().HaveCountGreaterThan(1);
    }

    /// <summary>
    /// The largest accepted claim (50 lines, 12 diagnoses, 4 pointers per line, 100 history entries, 20 authorizations)
    /// stays far inside the default evaluation budget, and doubling the lines from 25 to 50 costs at most 6 times as much
    /// (quadratic growth would be 4; the cubic same-day scans of the facet rules, now indexed, were 8).
    /// </summary>
    [Fact]
    public void The_largest_accepted_claim_is_evaluated_well_within_the_budget_and_cost_grows_at_most_quadratically()
    {
        var one = ClaimJson.Read(LargeClaims.Json(1)).Claim!;
        var half = ClaimJson.Read(LargeClaims.Json(ClaimLimits.MaxLines / 2)).Claim!;
        var fifty = ClaimJson.Read(LargeClaims.Json(ClaimLimits.MaxLines)).Claim!;
        var evaluator = TestRules.Evaluator;
        evaluator.Evaluate(one);
        evaluator.Evaluate(half);
        evaluator.Evaluate(fifty);

        var oneTime = Fastest(() => evaluator.Evaluate(one), 40);
        var halfTime = Fastest(() => evaluator.Evaluate(half), 10);
        var fiftyTime = Fastest(() => evaluator.Evaluate(fifty), 10);
        var before = GC.GetAllocatedBytesForCurrentThread();
        evaluator.Evaluate(fifty);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"1 line: {oneTime.TotalMilliseconds:0.000} ms; 25 lines: {halfTime.TotalMilliseconds:0.000} ms; 50 lines: {fiftyTime.TotalMilliseconds:0.000} ms; "
            + $"50/1 = {fiftyTime / oneTime:0.0}; 50/25 = {fiftyTime / halfTime:0.0}; 50 lines allocate {allocated / 1024.0 / 1024.0:0.0} MiB");
        fiftyTime.Should().BeLessThan(ClaimEvaluatorOptions.DefaultEvaluationBudget / 2);
        (fiftyTime / halfTime).Should().BeLessThanOrEqualTo(6);
    }

    private static TimeSpan Fastest(Action action, int runs)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        return best;
    }
}
