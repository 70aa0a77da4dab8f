using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules;

/// <summary>
/// Checks a professional claim for interventional pain management before it is submitted and says, line by line,
/// what a payer would deny and why. Implementations are thread-safe; register one as a singleton.
/// </summary>
/// <remarks>
/// <para>
/// Bad input never throws: a claim missing required members, JSON that cannot be read, and a <see langword="null"/>
/// claim, JSON string or stream are all answered with a <see cref="EvaluationOutcome.Reject"/> evaluation naming the
/// JSON path (<c>$</c> for a missing claim). A defect in a rule set fails the task with
/// <see cref="RuleSets.RuleEvaluationException"/> rather than returning a clean result.
/// </para>
/// <para>
/// Every member reports through its task: a token that is already cancelled gives a cancelled task, and a rule
/// failure a faulted one; nothing is thrown synchronously. Evaluation is CPU-bound and short (well under a
/// millisecond for a typical claim once the rules are loaded), so the tasks usually complete synchronously.
/// </para>
/// </remarks>
public interface IClaimEvaluator
{
    /// <summary>Evaluates one claim against the rules in force on each line's date of service.</summary>
    /// <param name="claim">The claim; <see langword="null"/> gets a <c>Reject</c> at <c>$</c>.</param>
    /// <param name="cancellationToken">Cancels between lines.</param>
    /// <returns>The evaluation.</returns>
    Task<ClaimEvaluation> EvaluateAsync(Claim claim, CancellationToken cancellationToken = default);

    /// <summary>Reads one claim in the contract's JSON form and evaluates it; a claim that cannot be read gets a reject evaluation.</summary>
    /// <param name="claimJson">The claim JSON; <see langword="null"/> gets a <c>Reject</c> at <c>$</c>.</param>
    /// <param name="cancellationToken">Cancels between lines.</param>
    /// <returns>The evaluation.</returns>
    Task<ClaimEvaluation> EvaluateJsonAsync(string claimJson, CancellationToken cancellationToken = default);

    /// <summary>Reads one claim from UTF-8 JSON bytes (a leading byte-order mark is allowed) and evaluates it.</summary>
    /// <param name="utf8Json">The claim JSON as UTF-8; invalid UTF-8 gets a <c>Reject</c>.</param>
    /// <param name="cancellationToken">Cancels between lines.</param>
    /// <returns>The evaluation.</returns>
    /// <remarks>The default implementation decodes the bytes and calls <see cref="EvaluateJsonAsync(string, CancellationToken)"/>.</remarks>
    Task<ClaimEvaluation> EvaluateJsonAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ClaimEvaluation>(cancellationToken);
        }

        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(utf8Json.Span);
        }
        catch (System.Text.DecoderFallbackException)
        {
            text = "\"not valid UTF-8\"";
        }

        return EvaluateJsonAsync(text, cancellationToken);
    }

    /// <summary>Reads one claim from a stream of UTF-8 JSON (read to its end; <see cref="ClaimEvaluator"/> reads at most 1 MiB) and evaluates it.</summary>
    /// <param name="utf8Json">The stream; it is read, not disposed. <see langword="null"/> gets a <c>Reject</c> at <c>$</c>.</param>
    /// <param name="cancellationToken">Cancels the read and the evaluation.</param>
    /// <returns>The evaluation.</returns>
    /// <remarks>The default implementation reads the stream into a string and calls <see cref="EvaluateJsonAsync(string, CancellationToken)"/>.</remarks>
    async Task<ClaimEvaluation> EvaluateJsonAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (utf8Json is null)
        {
            return await EvaluateAsync(null!, cancellationToken).ConfigureAwait(false);
        }

        using var reader = new StreamReader(utf8Json, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        string text;
        try
        {
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.DecoderFallbackException)
        {
            text = "\"not valid UTF-8\"";
        }

        return await EvaluateJsonAsync(text, cancellationToken).ConfigureAwait(false);
    }
}
