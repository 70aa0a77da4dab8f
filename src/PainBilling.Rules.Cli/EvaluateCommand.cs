using System.Globalization;
using System.Text.Json;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.Fixtures;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Cli;

/// <summary><c>painrules evaluate PATH</c>: one evaluation per claim, in input order.</summary>
internal static class EvaluateCommand
{
    public static int Run(string path, string format, string? rulesFolder, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<ClaimInput> claims;
        try
        {
            claims = ReadClaims(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or InvalidDataException)
        {
            stderr.WriteLine($"painrules: cannot read '{path}': {ex.Message}");
            return ExitCodes.Usage;
        }

        var library = PainRulesCommand.LoadRules(rulesFolder, stderr);
        if (library is null)
        {
            return ExitCodes.RuleError;
        }

        var evaluator = new ClaimEvaluator(library);
        var ruleErrors = 0;
        foreach (var claim in claims)
        {
            ClaimEvaluation evaluation;
            try
            {
                evaluation = evaluator.Evaluate(ClaimJson.Read(claim.Json));
            }
            catch (RuleEvaluationException ex)
            {
                // A defect of the rules, not of this claim: say so, write no evaluation for it, and go on with the others.
                stderr.WriteLine($"painrules: {ex.Message}");
                ruleErrors++;
                continue;
            }

            if (format == "table")
            {
                if (claim.IsFixtureCase)
                {
                    stdout.WriteLine($"# fixture {claim.Label}");
                }

                WriteTable(evaluation, stdout);
            }
            else
            {
                stdout.WriteLine(ClaimJson.Write(evaluation));
            }
        }

        return ruleErrors == 0 ? ExitCodes.Success : ExitCodes.RuleError;
    }

    /// <summary>
    /// The claims in a path: a .json file is one claim, or one claim per case when it is a fixture file (an object with
    /// <c>cases</c>: each case's base claim merged with its patch); a .ndjson file one claim per non-empty line; a folder
    /// every .json in it and its subfolders, by path.
    /// </summary>
    internal static IReadOnlyList<ClaimInput> ReadClaims(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories)
                .Select(f => (Relative: Path.GetRelativePath(path, f).Replace('\\', '/'), File: f))
                .OrderBy(f => f.Relative, StringComparer.Ordinal)
                .SelectMany(f => FromJsonFile(f.Relative, File.ReadAllText(f.File)))
                .ToArray();
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException("no such file or folder");
        }

        var extension = Path.GetExtension(path);
        if (extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select((l, i) => new ClaimInput(l, $"{Path.GetFileName(path)}:{i + 1}", false)).ToArray();
        }

        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return FromJsonFile(Path.GetFileName(path), File.ReadAllText(path));
        }

        throw new NotSupportedException("expected a .json file (a claim or a fixture file), a .ndjson file or a folder");
    }

    private static ClaimInput[] FromJsonFile(string name, string json)
        => RuleFixtureRunner.IsFixtureFile(json)
            ? RuleFixtureRunner.ReadFile(name, json).Select(c => new ClaimInput(c.ClaimJson, c.ToString(), true)).ToArray()
            : [new ClaimInput(json, name, false)];

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
internal sealed record ClaimInput(string Json, string Label, bool IsFixtureCase);
