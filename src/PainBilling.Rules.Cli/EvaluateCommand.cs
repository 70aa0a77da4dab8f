using System.Globalization;
using System.Text.Json;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Cli;

/// <summary><c>painrules evaluate PATH</c>: one evaluation per claim, in input order.</summary>
internal static class EvaluateCommand
{
    public static int Run(string path, string format, string? rulesFolder, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<string> claims;
        try
        {
            claims = ReadClaims(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
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
        foreach (var json in claims)
        {
            ClaimEvaluation evaluation;
            try
            {
                evaluation = evaluator.Evaluate(ClaimJson.Read(json));
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
                WriteTable(evaluation, stdout);
            }
            else
            {
                stdout.WriteLine(ClaimJson.Write(evaluation));
            }
        }

        return ruleErrors == 0 ? ExitCodes.Success : ExitCodes.RuleError;
    }

    /// <summary>The claims in a path: a .json file is one claim, a .ndjson file one claim per non-empty line, a folder every .json in it by name.</summary>
    internal static IReadOnlyList<string> ReadClaims(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path, "*.json", SearchOption.TopDirectoryOnly)
                .Order(StringComparer.Ordinal)
                .Select(File.ReadAllText)
                .ToArray();
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException("no such file or folder");
        }

        var extension = Path.GetExtension(path);
        if (extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
        }

        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return [File.ReadAllText(path)];
        }

        throw new NotSupportedException("expected a .json file, a .ndjson file or a folder");
    }

    private static void WriteTable(ClaimEvaluation evaluation, TextWriter stdout)
    {
        var sets = string.Join(", ", evaluation.RuleSets.Where(r => !r.Id.StartsWith("reference/", StringComparison.Ordinal)).Select(r => $"{r.Id}@{r.Version}"));
        stdout.WriteLine($"Claim {(evaluation.ClaimId.Length == 0 ? "(unreadable)" : evaluation.ClaimId)}: {evaluation.Outcome.ToString().ToUpperInvariant()}   rule sets: {(sets.Length == 0 ? "none" : sets)}");
        if (evaluation.Findings.Count == 0)
        {
            stdout.WriteLine("  no findings");
            stdout.WriteLine();
            return;
        }

        var rows = evaluation.Findings.Select(f => new[]
        {
            f.Line?.ToString(CultureInfo.InvariantCulture) ?? "-",
            f.Code ?? "-",
            f.Severity.ToString(),
            f.RuleId,
            f.Carc ?? "-",
            f.Message,
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

    private static string Format(string[] cells, int[] widths)
        => string.Join("  ", cells.Take(widths.Length).Select((c, i) => c.PadRight(widths[i]))) + "  " + cells[^1];

    /// <summary>Writes evaluations as JSON lines (used by tests).</summary>
    internal static string ToJsonLines(IEnumerable<ClaimEvaluation> evaluations)
        => string.Concat(evaluations.Select(e => JsonSerializer.Serialize(e, ClaimJson.Options) + Environment.NewLine));
}
