using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules;

/// <summary>
/// Checks a professional claim for interventional pain management before it is submitted and says, line by line,
/// what a payer would deny and why. Implementations are thread-safe; register one as a singleton.
/// </summary>
/// <remarks>
/// Bad input never throws: a claim missing required members is answered with a <see cref="EvaluationOutcome.Reject"/>
/// evaluation naming the JSON path. A defect in a rule set throws <see cref="RuleSets.RuleEvaluationException"/>
/// rather than returning a clean result.
/// </remarks>
public interface IClaimEvaluator
{
    /// <summary>Evaluates one claim against the rules in force on each line's date of service.</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="cancellationToken">Cancels between lines.</param>
    /// <returns>The evaluation.</returns>
    Task<ClaimEvaluation> EvaluateAsync(Claim claim, CancellationToken cancellationToken = default);

    /// <summary>Reads one claim in the contract's JSON form and evaluates it; a claim that cannot be read gets a reject evaluation.</summary>
    /// <param name="claimJson">The claim JSON.</param>
    /// <param name="cancellationToken">Cancels between lines.</param>
    /// <returns>The evaluation.</returns>
    Task<ClaimEvaluation> EvaluateJsonAsync(string claimJson, CancellationToken cancellationToken = default);
}
