using System.Runtime.CompilerServices;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Tests.Embedding;

/// <summary>EvaluateManyAsync: input order, bounded parallelism, cancellation.</summary>
public sealed class EvaluateManyTests
{
    private static readonly Claim[] SampleClaims = Directory.EnumerateFiles(Repository.Samples, "*.json").Order(StringComparer.Ordinal)
        .Select(f => ClaimJson.Read(File.ReadAllText(f)).Claim!).ToArray();

    [Fact]
    public async Task Evaluations_come_back_in_input_order_and_equal_one_by_one_evaluation()
    {
        var claims = Enumerable.Range(0, 5).SelectMany(_ => SampleClaims).ToArray();
        var expected = claims.Select(c => ClaimJson.Write(TestRules.Evaluator.Evaluate(c))).ToArray();

        var actual = new List<string>();
        await foreach (var evaluation in TestRules.Evaluator.EvaluateManyAsync(claims.ToAsyncEnumerable(), maxDegreeOfParallelism: 4))
        {
            actual.Add(ClaimJson.Write(evaluation));
        }

        actual.Should().Equal(expected);
    }

    [Fact]
    public async Task At_most_the_given_number_of_claims_run_at_once_and_a_slow_claim_keeps_its_place()
    {
        var fake = new DelayingEvaluator();
        var claims = Enumerable.Range(0, 24).Select(i => SampleClaims[0] with { ClaimId = "C" + i }).ToArray();

        var ids = new List<string>();
        await foreach (var evaluation in fake.EvaluateManyAsync(claims.ToAsyncEnumerable(), maxDegreeOfParallelism: 3))
        {
            ids.Add(evaluation.ClaimId);
        }

        ids.Should().Equal(claims.Select(c => c.ClaimId));
        fake.MaxConcurrent.Should().BeLessThanOrEqualTo(3).And.BeGreaterThan(1);
    }

    [Fact]
    public async Task Cancelling_stops_the_batch_and_cancels_the_claims_still_running()
    {
        var fake = new DelayingEvaluator { Delay = TimeSpan.FromSeconds(30) };
        using var cts = new CancellationTokenSource();
        var claims = Endless(cts.Token);

        var enumerate = async () =>
        {
            await foreach (var unused in fake.EvaluateManyAsync(claims, 2, cts.Token))
            {
            }
        };
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));

        var started = System.Diagnostics.Stopwatch.StartNew();
        await enumerate.Should().ThrowAsync<OperationCanceledException>();
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        fake.Running.Should().Be(0);
    }

    [Fact]
    public async Task A_null_claim_in_the_batch_gets_a_reject_and_bad_arguments_throw_at_once()
    {
        var results = new List<ClaimEvaluation>();
        await foreach (var evaluation in TestRules.Evaluator.EvaluateManyAsync(new Claim[] { null!, SampleClaims[0] }.ToAsyncEnumerable()))
        {
            results.Add(evaluation);
        }

        results[0].Outcome.Should().Be(EvaluationOutcome.Reject);
        results[1].ClaimId.Should().Be(SampleClaims[0].ClaimId);
        var nullSource = () => TestRules.Evaluator.EvaluateManyAsync(null!);
        nullSource.Should().Throw<ArgumentNullException>();
        var zero = () => TestRules.Evaluator.EvaluateManyAsync(SampleClaims.ToAsyncEnumerable(), 0);
        zero.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static async IAsyncEnumerable<Claim> Endless([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; ; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return SampleClaims[i % SampleClaims.Length];
        }
    }

    /// <summary>Takes longer for earlier claims (so later ones finish first) and counts how many run at once.</summary>
    private sealed class DelayingEvaluator : IClaimEvaluator
    {
        private int _running;
        private int _max;
        private int _calls;

        public TimeSpan? Delay { get; init; }

        public int MaxConcurrent => Volatile.Read(ref _max);

        public int Running => Volatile.Read(ref _running);

        public async Task<ClaimEvaluation> EvaluateAsync(Claim claim, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref _running);
            var call = Interlocked.Increment(ref _calls);
            int seen;
            while ((seen = Volatile.Read(ref _max)) < now && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(Delay ?? TimeSpan.FromMilliseconds(call % 3 == 1 ? 60 : 5), cancellationToken);
                return ClaimEvaluation.Create(claim.ClaimId, [], []);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        public Task<ClaimEvaluation> EvaluateJsonAsync(string claimJson, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();
    }
}
