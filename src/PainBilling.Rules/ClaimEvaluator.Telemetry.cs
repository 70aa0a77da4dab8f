using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.RuleSets;
using PainBilling.Rules.Telemetry;

namespace PainBilling.Rules;

/// <content>The synchronous entry points, which record metrics, an activity and rule-failure logs around each evaluation.</content>
public sealed partial class ClaimEvaluator
{
    /// <summary>Where rule failures are logged (set by dependency injection; silent otherwise).</summary>
    internal ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Evaluates a claim read with <see cref="ClaimJson.Read(string)"/>: a reject evaluation when it could not be read.</summary>
    /// <param name="read">The read result.</param>
    /// <param name="cancellationToken">Cancels between lines.</param>
    /// <returns>The evaluation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="read"/> is <see langword="null"/>.</exception>
    /// <exception cref="RuleEvaluationException">A rule failed; the claim gets no evaluation.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ClaimEvaluation Evaluate(ClaimReadResult read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Observe(read, static (self, r, ct) => r.Succeeded ? self.EvaluateCore(r.Claim, ct) : self.Reject(r.ClaimId, r.Problems), cancellationToken);
    }

    /// <summary>Evaluates one claim synchronously (evaluation is CPU-bound; the async members wrap this).</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="cancellationToken">Cancels between lines.</param>
    /// <returns>The evaluation.</returns>
    /// <remarks>A <see langword="null"/> claim is answered like any unreadable claim: a <c>Reject</c> at <c>$</c>.</remarks>
    /// <exception cref="RuleEvaluationException">A rule failed; the claim gets no evaluation.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ClaimEvaluation Evaluate(Claim claim, CancellationToken cancellationToken = default)
    {
        return Observe(claim, static (self, c, ct) => self.EvaluateCore(c, ct), cancellationToken);
    }

    private ClaimEvaluation Observe<T>(T input, Func<ClaimEvaluator, T, CancellationToken, ClaimEvaluation> evaluate, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var activity = RulesTelemetry.StartEvaluation();
        ClaimEvaluation evaluation;
        try
        {
            evaluation = evaluate(this, input, cancellationToken);
        }
        catch (Exception ex) when (ex is RuleEvaluationException or OperationCanceledException)
        {
            RulesTelemetry.RecordFailure(activity, started, ex);
            if (ex is RuleEvaluationException rule)
            {
                Log.RuleFailed(Logger, rule.RuleId, rule.RuleSet, rule.Line);
            }

            throw;
        }

        RulesTelemetry.RecordEvaluation(activity, started, evaluation, _library.Loaded.System.NotEvaluated.RuleId);
        return evaluation;
    }

    /// <summary>Runs one synthetic claim per payer type through the evaluation path (no telemetry), so that the first real claim finds it warm.</summary>
    internal void WarmUp()
    {
        var date = _library.RuleSets.Count == 0 ? new DateOnly(2026, 1, 1) : _library.RuleSets.Max(s => s.Effective.From);
        foreach (var payer in Enum.GetValues<PayerType>())
        {
            var claim = new Claim
            {
                ClaimId = "WARM-UP",
                Payer = new Payer { Id = "WARM-UP", Type = payer },
                ServiceState = "TX",
                PlaceOfService = "11",
                Diagnoses = ["M54.16"],
                Lines = [new ClaimLine { Line = 1, Code = "62323", Units = 1, DiagnosisPointers = [1], ServiceDate = date, SpinalLevels = ["L4-L5"] }],
            };
            try
            {
                EvaluateCore(claim, CancellationToken.None);
            }
            catch (RuleEvaluationException)
            {
                // A rule that fails on this claim fails on the real one too, where it is reported; warming up goes on.
            }
        }
    }
}
