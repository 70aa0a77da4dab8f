using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Engine;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.Fixtures;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Cli;

/// <summary>
/// <c>painrules evaluate PATH</c>: one evaluation per claim, in input order. Claims are streamed (an NDJSON file is read
/// line by line, a folder file by file), evaluated in parallel on every core in bounded batches (memory does not grow
/// with the input) and written in input order.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>Claims per batch: large enough to keep every core busy, small enough to keep memory flat.</summary>
    private const int BatchSize = 1024;

    public static int Run(string path, string format, string? rulesFolder, TextWriter stdout, TextWriter stderr)
        => Run(new EvaluateRequest(path, format, rulesFolder), stdout, stderr);

    public static int Run(EvaluateRequest request, TextWriter stdout, TextWriter stderr)
    {
        ClaimSource source;
        try
        {
            source = ClaimSource.Open(request.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or InvalidDataException)
        {
            stderr.WriteLine($"painrules: cannot read '{request.Path}': {ex.Message}");
            return ExitCodes.Usage;
        }

        var library = PainRulesCommand.LoadRules(request.RulesFolder, stderr);
        if (library is null)
        {
            return ExitCodes.RuleError;
        }

        // The console's writer flushes every line; evaluations go out as UTF-8 bytes through a buffer flushed per batch.
        using var output = ReferenceEquals(stdout, Console.Out) ? new Output(new BufferedStream(Console.OpenStandardOutput(), 1 << 16)) : new Output(stdout);
        var evaluator = new ClaimEvaluator(library, request.Engine);
        var summary = request.Summary ? new BatchSummary() : null;
        var progress = request.Progress ?? (ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected)
            ? new ProgressReporter(stderr, source.Total)
            : null;
        var ruleErrors = 0;
        try
        {
            foreach (var batch in Pipeline(source, evaluator, request.Format, summary))
            {
                foreach (var result in batch)
                {
                    if (result.Error is not null)
                    {
                        // A defect of the rules, not of this claim: say so, write no evaluation for it, and go on with the others.
                        stderr.WriteLine($"painrules: {result.Error}");
                        ruleErrors++;
                    }
                    else
                    {
                        output.Write(result);
                    }
                }

                output.Flush();
                progress?.Report(batch.Length, source.Position);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"painrules: reading '{request.Path}' failed: {ex.Message}");
            return ExitCodes.Usage;
        }
        finally
        {
            source.Dispose();
            progress?.Finish();
        }

        output.Flush();
        summary?.WriteTo(stderr);
        return ruleErrors == 0 ? ExitCodes.Success : ExitCodes.RuleError;
    }

    /// <summary>
    /// Reads batches on one thread, evaluates each batch in parallel, and hands the results back in input order. At most
    /// two batches are read ahead, one is being evaluated and one written, so memory is bounded whatever the input size.
    /// </summary>
    private static IEnumerable<Result[]> Pipeline(ClaimSource source, ClaimEvaluator evaluator, string format, BatchSummary? summary)
    {
        using var read = new BlockingCollection<ClaimInput[]>(boundedCapacity: 2);
        var reader = Task.Run(() =>
        {
            try
            {
                var batch = new List<ClaimInput>(BatchSize);
                foreach (var claim in source.Claims())
                {
                    batch.Add(claim);
                    if (batch.Count == BatchSize)
                    {
                        read.Add(batch.ToArray());
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    read.Add(batch.ToArray());
                }
            }
            finally
            {
                read.CompleteAdding();
            }
        });

        // While the caller writes one batch, the next is already being evaluated.
        Task<Result[]>? pending = null;
        foreach (var claims in read.GetConsumingEnumerable())
        {
            var next = Task.Run(() =>
            {
                var results = new Result[claims.Length];
                Parallel.For(0, claims.Length, i => results[i] = Evaluate(evaluator, claims[i], format, summary));
                return results;
            });
            if (pending is not null)
            {
                yield return pending.GetAwaiter().GetResult();
            }

            pending = next;
        }

        if (pending is not null)
        {
            yield return pending.GetAwaiter().GetResult();
        }

        reader.GetAwaiter().GetResult();
    }

    private static Result Evaluate(ClaimEvaluator evaluator, ClaimInput claim, string format, BatchSummary? summary)
    {
        var read = claim.Read();
        ClaimEvaluation evaluation;
        try
        {
            evaluation = evaluator.Evaluate(read);
        }
        catch (RuleEvaluationException ex)
        {
            summary?.AddRuleError();
            return new Result(null, ex.Message);
        }

        summary?.Add(read.Claim, evaluation);
        if (format == "table")
        {
            using var table = new StringWriter(CultureInfo.InvariantCulture);
            if (claim.IsFixtureCase)
            {
                table.WriteLine($"# fixture {claim.Label}");
            }

            WriteTable(evaluation, table);
            return new Result(table.ToString(), null);
        }

        // The contract's JSON (ClaimJson.Write's options), as UTF-8: no string and no re-encoding per claim.
        return new Result(null, null, JsonSerializer.SerializeToUtf8Bytes(evaluation, ClaimJson.Options));
    }

    /// <summary>
    /// The claims in a path: a .json file is one claim, or one claim per case when it is a fixture file (an object with
    /// <c>cases</c>: each case's base claim merged with its patch); a .ndjson file one claim per non-empty line; a folder
    /// every .json in it and its subfolders, by path. (Evaluation streams them; this reads them all, for small inputs.)
    /// </summary>
    internal static IReadOnlyList<ClaimInput> ReadClaims(string path)
    {
        using var source = ClaimSource.Open(path);
        return source.Claims().ToArray();
    }

    /// <summary>One claim's answer: text (table format), UTF-8 JSON followed by a new line when written, or a rule error.</summary>
    private sealed record Result(string? Output, string? Error, byte[]? Utf8Json = null);

    /// <summary>Where evaluations go: the console as bytes (JSON written as it was serialised), or a text writer (tests).</summary>
    private sealed class Output : IDisposable
    {
        private static readonly byte[] NewLine = System.Text.Encoding.UTF8.GetBytes(Environment.NewLine);
        private readonly Stream? _bytes;
        private readonly TextWriter? _text;

        public Output(Stream bytes) => _bytes = bytes;

        public Output(TextWriter text) => _text = text;

        public void Write(Result result)
        {
            if (_bytes is not null)
            {
                if (result.Utf8Json is { } json)
                {
                    _bytes.Write(json);
                    _bytes.Write(NewLine);
                }
                else
                {
                    _bytes.Write(System.Text.Encoding.UTF8.GetBytes(result.Output ?? string.Empty));
                }
            }
            else if (result.Utf8Json is { } json)
            {
                _text!.Write(System.Text.Encoding.UTF8.GetString(json));
                _text.Write(Environment.NewLine);
            }
            else
            {
                _text!.Write(result.Output);
            }
        }

        public void Flush()
        {
            _bytes?.Flush();
            _text?.Flush();
        }

        public void Dispose() => _bytes?.Dispose();
    }

    private static void WriteTable(ClaimEvaluation evaluation, TextWriter stdout)
    {
        var sets = string.Join(", ", evaluation.RuleSets.Where(r => !r.Id.StartsWith("reference/", StringComparison.Ordinal)).Select(r => $"{r.Id}@{r.Version}"));
        stdout.WriteLine($"Claim {(evaluation.ClaimId.Length == 0 ? "(unreadable)" : Printable(evaluation.ClaimId))}: {evaluation.Outcome.ToString().ToUpperInvariant()}   rule sets: {(sets.Length == 0 ? "none" : sets)}");
        if (evaluation.Findings.Count == 0)
        {
            stdout.WriteLine("  no findings");
            stdout.WriteLine();
            return;
        }

        var rows = evaluation.Findings.Select(f => new[]
        {
            f.Line?.ToString(CultureInfo.InvariantCulture) ?? "-",
            Printable(f.Code ?? "-"),
            f.Severity.ToString(),
            Printable(f.RuleId),
            Printable(f.Carc ?? "-"),
            Printable(f.Message),
        }).ToList();
        string[] header = ["Line", "Code", "Severity", "Rule", "CARC", "Message"];
        var widths = Enumerable.Range(0, header.Length - 1)
            .Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max())
            .ToArray();
        stdout.WriteLine("  " + Format(header, widths));
        foreach (var row in rows)
        {
            stdout.WriteLine("  " + Format(row, widths));
        }

        stdout.WriteLine();
    }

    /// <summary>Control and invisible formatting characters as <c>\\uXXXX</c>: nothing written to a terminal can be an escape sequence.</summary>
    internal static string Printable(string text)
    {
        if (!text.Any(IsUnprintable))
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnprintable(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsUnprintable(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string Format(string[] cells, int[] widths)
        => string.Join("  ", cells.Take(widths.Length).Select((c, i) => c.PadRight(widths[i]))) + "  " + cells[^1];

    /// <summary>Writes evaluations as JSON lines (used by tests).</summary>
    internal static string ToJsonLines(IEnumerable<ClaimEvaluation> evaluations)
        => string.Concat(evaluations.Select(e => JsonSerializer.Serialize(e, ClaimJson.Options) + Environment.NewLine));
}

/// <summary>One claim to evaluate: its JSON, where it comes from (file, file:line or fixture case) and whether it is a fixture case.</summary>
internal sealed class ClaimInput
{
    private string? _json;

    public ClaimInput(string json, string label, bool isFixtureCase)
    {
        _json = json;
        Label = label;
        IsFixtureCase = isFixtureCase;
    }

    /// <summary>A claim as the UTF-8 bytes of an NDJSON line (read without decoding; invalid UTF-8 is the reader's to report).</summary>
    public ClaimInput(byte[] utf8, string label)
    {
        Utf8 = utf8;
        Label = label;
    }

    /// <summary>The claim's JSON text (decoded from <see cref="Utf8"/> when it was read as bytes).</summary>
    public string Json => _json ??= System.Text.Encoding.UTF8.GetString(Utf8!);

    /// <summary>The claim's JSON as read from an NDJSON file, or <see langword="null"/>.</summary>
    public byte[]? Utf8 { get; }

    public string Label { get; }

    public bool IsFixtureCase { get; }

    /// <summary>Reads the claim (never throws).</summary>
    public ClaimReadResult Read() => Utf8 is { } utf8 ? ClaimJson.Read(utf8) : ClaimJson.Read(Json);
}

/// <summary>What <c>painrules evaluate</c> was asked to do.</summary>
internal sealed record EvaluateRequest(string Path, string Format, string? RulesFolder)
{
    /// <summary>Write outcome counts, top rules and charges at risk to stderr at the end.</summary>
    public bool Summary { get; init; }

    /// <summary>Progress on stderr: null = only when stderr is a terminal.</summary>
    public bool? Progress { get; init; }

    /// <summary>How the rules run (the RulesEngine standard path is kept for comparison).</summary>
    public EvaluationPath Engine { get; init; } = EvaluationPath.Compiled;
}
