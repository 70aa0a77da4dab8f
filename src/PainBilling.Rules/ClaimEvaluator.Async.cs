using System.Buffers;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules;

/// <content>The asynchronous members: cancelled tokens and failures surface through the returned task, never synchronously.</content>
public sealed partial class ClaimEvaluator
{
    /// <summary>The largest claim document read from a stream, in bytes (1 MiB); a larger one is a <c>Reject</c>.</summary>
    internal const int MaxStreamBytes = ClaimLimits.MaxJsonBytes;

    /// <inheritdoc/>
    public Task<ClaimEvaluation> EvaluateAsync(Claim claim, CancellationToken cancellationToken = default)
        => Run(claim, static (self, c, ct) => self.Evaluate(c, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<ClaimEvaluation> EvaluateJsonAsync(string claimJson, CancellationToken cancellationToken = default)
        => Run(claimJson, static (self, json, ct) => json is null ? self.Missing() : self.Evaluate(ClaimJson.Read(json), ct), cancellationToken);

    /// <inheritdoc/>
    public Task<ClaimEvaluation> EvaluateJsonAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default)
        => Run(utf8Json, static (self, json, ct) => self.Evaluate(ReadUtf8(json.Span), ct), cancellationToken);

    /// <inheritdoc/>
    public async Task<ClaimEvaluation> EvaluateJsonAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (utf8Json is null)
        {
            return Missing();
        }

        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > MaxStreamBytes)
                    {
                        // Read no further: the reader answers an oversized claim by its size alone.
                        break;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await utf8Json.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return Evaluate(ReadUtf8(buffer.AsSpan(0, length)), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a claim from UTF-8 (a leading byte-order mark is allowed); invalid UTF-8 is a problem naming its JSON path.</summary>
    private static ClaimReadResult ReadUtf8(ReadOnlySpan<byte> utf8) => ClaimJson.Read(utf8);

    /// <summary>The answer for a null claim, null JSON or null stream: like any unreadable claim, a Reject at <c>$</c>.</summary>
    private ClaimEvaluation Missing() => Evaluate(new ClaimReadResult(null, string.Empty, [new ClaimDataProblem("$", "the claim is missing")]));

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Every failure is handed to the caller through the task, as async methods do.")]
    private Task<ClaimEvaluation> Run<T>(T input, Func<ClaimEvaluator, T, CancellationToken, ClaimEvaluation> evaluate, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ClaimEvaluation>(cancellationToken);
        }

        try
        {
            return Task.FromResult(evaluate(this, input, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ClaimEvaluation>(cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<ClaimEvaluation>(ex);
        }
    }
}
