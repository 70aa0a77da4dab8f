using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.RuleSets;
using PainBilling.Rules.Telemetry;

namespace PainBilling.Rules;

/// <summary>
/// An <see cref="IClaimEvaluator"/> over a rules folder that picks up edits while the host runs. When a file under the
/// folder changes, a new snapshot is loaded, validated, compiled and proved in the background (exactly as
/// <see cref="RuleLibrary.Load"/> does, under the same engine-safety limits) and then swapped in atomically. A change
/// that does not load keeps the last good snapshot in force and is reported: a <see cref="LogLevel.Error"/> log entry,
/// the <c>painbilling.rules.load.duration</c> metric with outcome <c>failure</c> and the <see cref="ReloadFailed"/> event.
/// </summary>
/// <remarks>
/// Each evaluation takes the current snapshot once and runs on it to the end, so an evaluation in flight during a swap
/// finishes on the rules it started with and reports their versions. File events are debounced (one reload per burst
/// of edits). Nothing polls: the folder is watched with file-system notifications, and <see cref="Dispose"/> stops the
/// watcher and waits for a reload in progress. Thread-safe; register one as a singleton
/// (<c>o =&gt; o.UseRulesFolder(path, reload: true)</c>).
/// </remarks>
public sealed class ReloadingClaimEvaluator : IClaimEvaluator, IDisposable
{
    private readonly RulesSource _source;
    private readonly string _folder;
    private readonly ClaimEvaluatorOptions _options;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _debounce;
    private readonly TimeSpan _delay;
    private readonly Lock _reloadLock = new();
    private ClaimEvaluator _current;
    private int _disposed;

    /// <summary>Loads the rules in <paramref name="folder"/> and starts watching it.</summary>
    /// <param name="folder">A folder laid out like the repository's <c>rules-json</c>.</param>
    /// <param name="options">Evaluation options (budget, debounce); <see cref="ClaimEvaluatorOptions.RulesSource"/> is ignored.</param>
    /// <param name="logger">Where reloads and failed reloads are logged; silent when <see langword="null"/>.</param>
    /// <exception cref="RuleSetLoadException">The rules do not load now (a host should not start on broken rules).</exception>
    public ReloadingClaimEvaluator(string folder, ClaimEvaluatorOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = Path.GetFullPath(folder);
        _source = RulesSource.FromFolder(_folder);
        _options = options ?? new ClaimEvaluatorOptions();
        _logger = logger ?? NullLogger.Instance;
        _delay = _options.ReloadDebounce;
        var library = RuleLibrary.Load(_source);
        Log.Loaded(_logger, library, library.LoadDuration);
        _current = Create(library);
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(_folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnChanged;
        _watcher.Error += (_, _) => Schedule();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Raised after a change was loaded and swapped in (on a background thread).</summary>
    public event EventHandler<RulesReloadedEventArgs>? Reloaded;

    /// <summary>Raised when a change did not load; the previous snapshot stays in force (on a background thread).</summary>
    public event EventHandler<RulesReloadFailedEventArgs>? ReloadFailed;

    /// <summary>The snapshot in force now. Take it once and evaluate on it to keep several evaluations on the same rules.</summary>
    public ClaimEvaluator Current => Volatile.Read(ref _current);

    /// <summary>The rules in force now.</summary>
    public RuleLibrary Library => Current.Library;

    /// <inheritdoc/>
    public Task<ClaimEvaluation> EvaluateAsync(Claim claim, CancellationToken cancellationToken = default)
        => Current.EvaluateAsync(claim, cancellationToken);

    /// <inheritdoc/>
    public Task<ClaimEvaluation> EvaluateJsonAsync(string claimJson, CancellationToken cancellationToken = default)
        => Current.EvaluateJsonAsync(claimJson, cancellationToken);

    /// <inheritdoc/>
    public Task<ClaimEvaluation> EvaluateJsonAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default)
        => Current.EvaluateJsonAsync(utf8Json, cancellationToken);

    /// <inheritdoc/>
    public Task<ClaimEvaluation> EvaluateJsonAsync(Stream utf8Json, CancellationToken cancellationToken = default)
        => Current.EvaluateJsonAsync(utf8Json, cancellationToken);

    /// <summary>Loads the folder now (instead of waiting for a file event); the same as a debounced reload.</summary>
    /// <returns><see langword="true"/> when the new snapshot is in force; <see langword="false"/> when it did not load (the previous one stays).</returns>
    public bool ReloadNow() => Reload();

    /// <summary>Stops watching the folder; waits for a reload in progress. Evaluations already started finish normally.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
        using (var done = new ManualResetEvent(false))
        {
            if (_debounce.Dispose(done))
            {
                done.WaitOne();
            }
        }

        lock (_reloadLock)
        {
            // A reload that was running has finished; none starts after _disposed is set.
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        // Editors write temporary files; anything under the folder may matter (the loader rejects stray files), so any event counts.
        Schedule();
    }

    private void Schedule()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        try
        {
            _debounce.Change(_delay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the call.
        }
    }

    private bool Reload()
    {
        lock (_reloadLock)
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                return false;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            RuleLibrary library;
            try
            {
                library = RuleLibrary.Load(_source);
            }
            catch (Exception ex) when (ex is RuleSetLoadException or IOException or UnauthorizedAccessException)
            {
                // RuleLibrary.Load records the failed load's duration (outcome failure) for RuleSetLoadException; IO errors are recorded here.
                if (ex is not RuleSetLoadException)
                {
                    RulesTelemetry.RecordLoad(started, succeeded: false);
                }

                Log.RulesReloadFailed(_logger, _source.Description, ex);
                Raise(ReloadFailed, nameof(ReloadFailed), new RulesReloadFailedEventArgs(ex));
                return false;
            }

            var evaluator = Create(library);
            var previous = Interlocked.Exchange(ref _current, evaluator);
            Log.Loaded(_logger, library, library.LoadDuration, reload: true);
            Raise(Reloaded, nameof(Reloaded), new RulesReloadedEventArgs(previous.Library, library));
            return true;
        }
    }

    private void Raise<T>(EventHandler<T>? handler, string name, T args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
#pragma warning disable CA1031 // A host's handler must not take down the timer thread (and the process) with it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReloadHandlerFailed(_logger, name, ex);
        }
    }

    private ClaimEvaluator Create(RuleLibrary library) => new(library, _options) { Logger = _logger };
}

/// <summary>A new snapshot of the rules is in force.</summary>
public sealed class RulesReloadedEventArgs : EventArgs
{
    internal RulesReloadedEventArgs(RuleLibrary previous, RuleLibrary current)
    {
        Previous = previous;
        Current = current;
    }

    /// <summary>The snapshot that was replaced (evaluations that started on it finish on it).</summary>
    public RuleLibrary Previous { get; }

    /// <summary>The snapshot now in force.</summary>
    public RuleLibrary Current { get; }
}

/// <summary>A change to the rules folder did not load; the previous snapshot stays in force.</summary>
public sealed class RulesReloadFailedEventArgs : EventArgs
{
    internal RulesReloadFailedEventArgs(Exception error) => Error = error;

    /// <summary>Why: usually a <see cref="RuleSetLoadException"/> naming every file, rule and reason.</summary>
    public Exception Error { get; }
}
