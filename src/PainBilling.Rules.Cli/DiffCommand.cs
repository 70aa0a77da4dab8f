using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.Maintenance;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Cli;

/// <summary>
/// <c>painrules diff --rules A --against B [CLAIMS...]</c>: what an edit of the rules changes. Lists rule-set versions,
/// rules and reference rows added, removed and changed (A compared with B), then evaluates a claim set under both and
/// shows every claim whose outcome or findings change. Exit 0 when no claim's behaviour changed, 1 when some did.
/// </summary>
internal static class DiffCommand
{
    private static readonly JsonSerializerOptions JsonOptions = CreateOptions();

    public static int Run(string rulesFolder, string againstFolder, IReadOnlyList<string> claimPaths, string format, TextWriter stdout, TextWriter stderr)
    {
        var watch = Stopwatch.StartNew();
        ClaimInput[] claims;
        try
        {
            claims = claimPaths.Count > 0
                ? claimPaths.SelectMany(EvaluateCommand.ReadClaims).ToArray()
                : DefaultClaims(rulesFolder, againstFolder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or InvalidDataException)
        {
            stderr.WriteLine($"painrules: cannot read the claims: {ex.Message}");
            return ExitCodes.Usage;
        }

        var after = PainRulesCommand.LoadRules(rulesFolder, stderr);
        var before = after is null ? null : PainRulesCommand.LoadRules(againstFolder, stderr);
        if (after is null || before is null)
        {
            return ExitCodes.RuleError;
        }

        var changes = RuleChanges.Compare(before, after);
        var changed = new List<ClaimChange>();
        var errors = new List<string>();
        var beforeEvaluator = new ClaimEvaluator(before);
        var afterEvaluator = new ClaimEvaluator(after);
        foreach (var claim in claims)
        {
            ClaimEvaluation was;
            ClaimEvaluation now;
            try
            {
                was = beforeEvaluator.Evaluate(ClaimJson.Read(claim.Json));
                now = afterEvaluator.Evaluate(ClaimJson.Read(claim.Json));
            }
            catch (RuleEvaluationException ex)
            {
                errors.Add($"{claim.Label}: {ex.Message}");
                continue;
            }

            var wasFindings = was.Findings.Select(Describe).ToList();
            var nowFindings = now.Findings.Select(Describe).ToList();
            var removed = Minus(wasFindings, nowFindings);
            var added = Minus(nowFindings, wasFindings);
            if (was.Outcome != now.Outcome || removed.Count > 0 || added.Count > 0)
            {
                changed.Add(new ClaimChange(claim.Label, now.ClaimId, was.Outcome, now.Outcome, removed, added));
            }
        }

        watch.Stop();
        var report = new DiffReport(Path.GetFullPath(rulesFolder), Path.GetFullPath(againstFolder), changes, claims.Length, changed, errors, watch.ElapsedMilliseconds);
        if (format == "json")
        {
            stdout.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
        }
        else
        {
            WriteTable(report, stdout);
        }

        foreach (var error in errors)
        {
            stderr.WriteLine($"painrules: {error}");
        }

        return errors.Count > 0 ? ExitCodes.RuleError : changed.Count > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }

    /// <summary>
    /// Every fixture case under A/fixtures and B/fixtures (each case once) and every sample claim in samples/claims
    /// (next to A, or under the current directory).
    /// </summary>
    private static ClaimInput[] DefaultClaims(string rulesFolder, string againstFolder)
    {
        var claims = new List<ClaimInput>();
        var seen = new HashSet<(string, string)>();
        foreach (var folder in new[] { rulesFolder, againstFolder })
        {
            var fixtures = Path.Combine(folder, "fixtures");
            if (Directory.Exists(fixtures))
            {
                claims.AddRange(EvaluateCommand.ReadClaims(fixtures).Where(c => seen.Add((c.Label, c.Json))));
            }
        }

        var samples = new[]
        {
            Path.Combine(Path.GetFullPath(rulesFolder), "..", "samples", "claims"),
            Path.Combine(Directory.GetCurrentDirectory(), "samples", "claims"),
        }.FirstOrDefault(Directory.Exists);
        if (samples is not null)
        {
            claims.AddRange(EvaluateCommand.ReadClaims(samples).Select(c => new ClaimInput(c.Json, "samples/" + c.Label, c.IsFixtureCase)));
        }

        return claims.ToArray();
    }

    private static string Describe(Finding f)
        => $"{f.RuleId}@{(f.Line is null ? "claim" : f.Line.Value.ToString(CultureInfo.InvariantCulture))} {f.Severity}{(f.Carc is null ? string.Empty : " CARC " + f.Carc)}: {f.Message}";

    private static List<string> Minus(List<string> left, List<string> right)
    {
        var remaining = right.ToList();
        var result = new List<string>();
        foreach (var item in left)
        {
            if (!remaining.Remove(item))
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static void WriteTable(DiffReport report, TextWriter stdout)
    {
        stdout.WriteLine($"painrules diff: {report.Rules}");
        stdout.WriteLine($"       against: {report.Against}");
        stdout.WriteLine();
        stdout.WriteLine(report.Changes.Count == 0 ? "Rules: no differences." : $"Rules: {report.Changes.Count} difference(s)");
        foreach (var change in report.Changes)
        {
            var sign = change.Kind switch { ChangeKind.Added => "+", ChangeKind.Removed => "-", _ => "~" };
            var where = change.In is null ? string.Empty : $" in {change.In}";
            stdout.WriteLine($"  {sign} {change.What} {change.Id}{where}{(change.Detail is null ? string.Empty : ": " + change.Detail)}");
            foreach (var field in change.Fields)
            {
                stdout.WriteLine($"      {field.Field}: {field.Before}");
                stdout.WriteLine($"      {new string(' ', field.Field.Length)}  -> {field.After}");
            }
        }

        stdout.WriteLine();
        stdout.WriteLine($"Behaviour: {report.ChangedClaims.Count} of {report.Claims} claim(s) change");
        foreach (var claim in report.ChangedClaims)
        {
            stdout.WriteLine($"  {claim.Claim} ({claim.ClaimId}): {claim.Before} -> {claim.After}");
            foreach (var finding in claim.Removed)
            {
                stdout.WriteLine($"      - {finding}");
            }

            foreach (var finding in claim.Added)
            {
                stdout.WriteLine($"      + {finding}");
            }
        }

        stdout.WriteLine();
        stdout.WriteLine($"{(report.ChangedClaims.Count == 0 ? "No behaviour changed" : "Behaviour changed")} ({report.Claims} claims evaluated under both rule folders in {report.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture)} ms).");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(ClaimJson.Options) { WriteIndented = true };
        return options;
    }

    private sealed record DiffReport(string Rules, string Against, IReadOnlyList<RuleChange> Changes, int Claims, IReadOnlyList<ClaimChange> ChangedClaims, IReadOnlyList<string> Errors, long ElapsedMilliseconds);

    private sealed record ClaimChange(string Claim, string ClaimId, EvaluationOutcome Before, EvaluationOutcome After, IReadOnlyList<string> Removed, IReadOnlyList<string> Added);
}
