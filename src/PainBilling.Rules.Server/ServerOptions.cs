namespace PainBilling.Rules.Server;

/// <summary>Settings of <c>painrules serve</c>.</summary>
public sealed class ServerOptions
{
    /// <summary>The largest body of <c>POST /v1/claims/evaluate</c>: one claim (the reader's own limit is 1 MiB).</summary>
    public long MaxClaimBytes { get; set; } = 1024 * 1024 + 1024;

    /// <summary>The largest body of <c>POST /v1/claims/evaluate-batch</c> (64 MiB).</summary>
    public long MaxBatchBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How many claims of a batch are evaluated at once; <c>-1</c> means one per processor.</summary>
    public int BatchParallelism { get; set; } = -1;
}
