using System.Runtime.CompilerServices;

namespace PainBilling.Rules.Batches;

/// <summary>Maps an asynchronous sequence with bounded parallelism, yielding results in input order.</summary>
internal static class OrderedParallel
{
    /// <summary>The default degree of parallelism: one per processor.</summary>
    public static int DefaultDegree => Environment.ProcessorCount;

    /// <summary>
    /// Starts <paramref name="map"/> for at most <paramref name="maxDegreeOfParallelism"/> items at a time and yields the
    /// results in input order; at most that many results wait for an earlier, slower one. The first failure is thrown
    /// in order, and the items still running are cancelled and awaited before the enumeration ends.
    /// </summary>
    public static async IAsyncEnumerable<TOut> SelectAsync<TIn, TOut>(
        IAsyncEnumerable<TIn> source,
        Func<TIn, CancellationToken, Task<TOut>> map,
        int maxDegreeOfParallelism,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new Queue<Task<TOut>>(maxDegreeOfParallelism);
        var enumerator = source.GetAsyncEnumerator(stop.Token);
        try
        {
            var more = true;
            while (true)
            {
                while (more && running.Count < maxDegreeOfParallelism)
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                    if (more)
                    {
                        var item = enumerator.Current;
                        var token = stop.Token;
                        running.Enqueue(Task.Run(() => map(item, token), token));
                    }
                }

                if (running.Count == 0)
                {
                    yield break;
                }

                yield return await running.Dequeue().ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var task in running)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // Already failed or cancelled because the enumeration ended early; the caller saw the first failure.
                }
            }

            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
