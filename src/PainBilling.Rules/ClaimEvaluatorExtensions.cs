using PainBilling.Rules.Batches;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules;

/// <summary>Batch evaluation for any <see cref="IClaimEvaluator"/>.</summary>
public static class ClaimEvaluatorExtensions
{
    /// <summary>
    /// Evaluates a stream of claims with bounded parallelism and yields one evaluation per claim, in input order.
    /// </summary>
    /// <param name="evaluator">The evaluator.</param>
    /// <param name="claims">The claims; a <see langword="null"/> element gets a <c>Reject</c> at <c>$</c>, like any unreadable claim.</param>
    /// <param name="maxDegreeOfParallelism">
    /// How many claims are evaluated at once, and so how many evaluations at most wait for an earlier, slower one;
    /// <c>-1</c> (the default) means one per processor.
    /// </param>
    /// <param name="cancellationToken">Stops reading claims and cancels the evaluations still running.</param>
    /// <returns>The evaluations, in the order of <paramref name="claims"/>.</returns>
    /// <remarks>
    /// A rule failure (<see cref="RuleSets.RuleEvaluationException"/>) ends the enumeration at that claim's position,
    /// after the evaluations before it have been yielded; the claims still running are cancelled.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="evaluator"/> or <paramref name="claims"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or less than -1.</exception>
    public static IAsyncEnumerable<ClaimEvaluation> EvaluateManyAsync(
        this IClaimEvaluator evaluator,
        IAsyncEnumerable<Claim> claims,
        int maxDegreeOfParallelism = -1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(claims);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "must be positive, or -1 for one per processor");
        }

        return OrderedParallel.SelectAsync(
            claims,
            (claim, token) => evaluator.EvaluateAsync(claim, token),
            maxDegreeOfParallelism == -1 ? OrderedParallel.DefaultDegree : maxDegreeOfParallelism,
            cancellationToken);
    }
}
