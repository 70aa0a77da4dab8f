using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Fixtures;

/// <summary>
/// Runs the rule fixtures under <c>rules-json/fixtures</c>: claims (a base claim plus a JSON merge patch per case) with the
/// rule ids each must fire and must not fire. This is how a maintainer tests a rule change without writing C#
/// (<c>painrules test --rules rules-json</c>); the repository's tests call the same checks, so the command is as strict
/// as the test suite: every case's expectations, rule ids that exist, claims that are readable unless a Reject is
/// expected, and a triggering case and a near-miss for every rule (<see cref="CheckCoverage"/>).
/// </summary>
public static class RuleFixtureRunner
{
    private static readonly string[] FileKeys = ["$schema", "description", "base", "cases"];
    private static readonly string[] CaseKeys = ["name", "patch", "expect"];
    private static readonly string[] ExpectKeys = ["fires", "doesNotFire", "outcome", "ruleSets"];

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Reads every fixture case in a folder (recursively, <c>*.json</c>), ordered by file and position.</summary>
    /// <param name="fixturesFolder">The folder, e.g. <c>rules-json/fixtures</c>.</param>
    /// <returns>The cases.</returns>
    /// <exception cref="InvalidDataException">A fixture file is malformed; the message names the file, the JSON path and what is allowed there.</exception>
    public static IReadOnlyList<RuleFixtureCase> ReadCases(string fixturesFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fixturesFolder);
        var cases = new List<RuleFixtureCase>();
        foreach (var file in Directory.EnumerateFiles(fixturesFolder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(fixturesFolder, file).Replace('\\', '/');
            cases.AddRange(ReadFile(relative, File.ReadAllText(file)));
        }

        return cases;
    }

    /// <summary>Whether a JSON text is a fixture file (an object with <c>cases</c>) rather than a claim.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns><see langword="true"/> for a fixture file.</returns>
    public static bool IsFixtureFile(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("cases", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads the cases of one fixture file.</summary>
    /// <param name="name">The file's name in messages (e.g. its path relative to the fixtures folder).</param>
    /// <param name="json">The file's content.</param>
    /// <returns>The cases, in file order.</returns>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the file, the JSON path and what is allowed there.</exception>
    public static IReadOnlyList<RuleFixtureCase> ReadFile(string name, string json)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw Bad(name, $"not valid JSON: {ex.Message.Split(" Path:", 2)[0]}");
        }

        if (root is not JsonObject file)
        {
            throw Bad(name, "a fixture file is a JSON object with \"base\" (a claim) and \"cases\"");
        }

        CheckKeys(name, "$", file, FileKeys);
        if (file["description"] is { } description && description.GetValueKind() != JsonValueKind.String)
        {
            throw Bad(name, "$.description must be a string");
        }

        var baseClaim = file["base"];
        if (baseClaim is not null and not JsonObject)
        {
            throw Bad(name, "$.base must be an object (a claim in the contract's JSON form)");
        }

        if (file["cases"] is not JsonArray items || items.Count == 0)
        {
            throw Bad(name, "$.cases must be a non-empty array of cases ({ \"name\", \"patch\", \"expect\" })");
        }

        var cases = new List<RuleFixtureCase>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"$.cases[{i}]";
            if (items[i] is not JsonObject item)
            {
                throw Bad(name, $"{at} must be an object with \"name\", \"patch\" and \"expect\"");
            }

            CheckKeys(name, at, item, CaseKeys);
            var caseName = RequiredString(name, $"{at}.name", item["name"]);
            if (!names.Add(caseName))
            {
                throw Bad(name, $"case name '{caseName}' is used twice");
            }

            var patch = item["patch"];
            if (patch is not null and not JsonObject)
            {
                throw Bad(name, $"{at}.patch must be an object (a JSON merge patch over base)");
            }

            if (item["expect"] is not JsonObject expect)
            {
                throw Bad(name, $"{at}.expect (case '{caseName}') is required: an object with {Allowed(ExpectKeys)}");
            }

            CheckKeys(name, $"{at}.expect", expect, ExpectKeys);
            var fires = StringList(name, $"{at}.expect.fires", expect["fires"]);
            var doesNotFire = StringList(name, $"{at}.expect.doesNotFire", expect["doesNotFire"]);
            var ruleSets = StringList(name, $"{at}.expect.ruleSets", expect["ruleSets"]);
            EvaluationOutcome? outcome = null;
            if (expect["outcome"] is { } outcomeNode)
            {
                var text = outcomeNode.GetValueKind() == JsonValueKind.String ? outcomeNode.GetValue<string>() : null;
                if (text is null || !Enum.GetNames<EvaluationOutcome>().Contains(text, StringComparer.Ordinal))
                {
                    throw Bad(name, $"{at}.expect.outcome: '{outcomeNode.ToJsonString()}' is not an outcome; allowed: {string.Join(", ", Enum.GetNames<EvaluationOutcome>())}");
                }

                outcome = Enum.Parse<EvaluationOutcome>(text);
            }

            foreach (var (key, list) in new[] { ("fires", fires), ("doesNotFire", doesNotFire) })
            {
                foreach (var expectation in list)
                {
                    if (!IsRuleExpectation(expectation))
                    {
                        throw Bad(name, $"{at}.expect.{key}: '{expectation}' is not a rule id (RULE-ID or RULE-ID@line, e.g. ESI-FREQ-001@1)");
                    }
                }
            }

            foreach (var expectation in ruleSets)
            {
                var parts = expectation.Split('@');
                if (parts.Length > 2 || parts[0].Length == 0 || (parts.Length == 2 && parts[1].Length == 0))
                {
                    throw Bad(name, $"{at}.expect.ruleSets: '{expectation}' is not a rule-set id, optionally with @version (e.g. medicare-esi-lcd@2026.11.0)");
                }
            }

            if (fires.Length == 0 && doesNotFire.Length == 0 && outcome is null && ruleSets.Length == 0)
            {
                throw Bad(name, $"case '{caseName}' expects nothing; give fires, doesNotFire, outcome or ruleSets");
            }

            var claim = patch is null ? baseClaim?.DeepClone() : JsonMergePatch.Apply(baseClaim, patch);
            cases.Add(new RuleFixtureCase(name, caseName, claim?.ToJsonString() ?? "null", fires, doesNotFire, outcome) { RuleSets = ruleSets });
        }

        return cases;
    }

    /// <summary>Evaluates one case and compares the findings with its expectations.</summary>
    /// <param name="evaluator">The evaluator (over the rules under test).</param>
    /// <param name="fixture">The case.</param>
    /// <returns>The result, with every unmet expectation spelled out.</returns>
    /// <remarks>
    /// Beyond <c>fires</c>, <c>doesNotFire</c>, <c>outcome</c> and <c>ruleSets</c>, a case fails when it names a rule id
    /// that no loaded rule has (it would prove nothing) and when its claim is rejected as unreadable while the case does
    /// not expect a <see cref="EvaluationOutcome.Reject"/> (its <c>doesNotFire</c> would otherwise pass vacuously).
    /// </remarks>
    public static RuleFixtureResult Run(ClaimEvaluator evaluator, RuleFixtureCase fixture)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(fixture);
        var evaluation = evaluator.Evaluate(ClaimJson.Read(fixture.ClaimJson));
        var problems = new List<string>();
        var known = KnownRuleIds(evaluator.Library);
        foreach (var named in fixture.Fires.Concat(fixture.DoesNotFire).Select(RuleIdOf).Distinct(StringComparer.Ordinal))
        {
            if (!known.Contains(named))
            {
                problems.Add($"names rule {named}, which no loaded rule set defines (a typo, or a rule that was removed or disabled){Suggest(named, known)}");
            }
        }

        var unreadableId = evaluator.Library.Loaded.System.ClaimUnreadable.RuleId;
        var unreadable = evaluation.Findings.Where(f => f.RuleId == unreadableId).ToList();
        if (unreadable.Count > 0 && fixture.Outcome != EvaluationOutcome.Reject && !fixture.Fires.Any(f => RuleIdOf(f) == unreadableId))
        {
            problems.Add($"the claim was rejected as unreadable, so no rule ran ({string.Join("; ", unreadable.Select(f => f.Message))}); fix the patch, or expect \"outcome\": \"Reject\" if that is the point of the case");
        }

        foreach (var expected in fixture.Fires)
        {
            if (!evaluation.Findings.Any(f => Matches(f, expected)))
            {
                problems.Add($"expected {expected} to fire; found {Describe(evaluation)}");
            }
        }

        foreach (var unexpected in fixture.DoesNotFire)
        {
            var hit = evaluation.Findings.FirstOrDefault(f => Matches(f, unexpected));
            if (hit is not null)
            {
                problems.Add($"expected {unexpected} not to fire; it fired on line {hit.Line?.ToString(CultureInfo.InvariantCulture) ?? "(claim)"}: {hit.Message}");
            }
        }

        if (fixture.Outcome is { } outcome && evaluation.Outcome != outcome)
        {
            problems.Add($"expected outcome {outcome}; got {evaluation.Outcome} ({Describe(evaluation)})");
        }

        foreach (var expected in fixture.RuleSets)
        {
            var parts = expected.Split('@');
            var applied = evaluation.RuleSets.Where(r => r.Id == parts[0]).ToList();
            if (applied.Count == 0 || (parts.Length == 2 && !applied.Any(r => r.Version == parts[1])))
            {
                var known2 = evaluator.Library.RuleSets.Select(s => $"{s.Id}@{s.Version}")
                    .Concat(evaluator.Library.ReferenceTables.Select(t => $"{t.Id}@{t.Version}"));
                var exists = known2.Any(k => parts.Length == 2 ? k == expected : k.StartsWith(parts[0] + "@", StringComparison.Ordinal));
                problems.Add(exists
                    ? $"expected rule set {expected} to be applied; applied: {string.Join(", ", evaluation.RuleSets.Select(r => $"{r.Id}@{r.Version}"))}"
                    : $"expects rule set {expected}, which is not loaded (loaded versions of {parts[0]}: {string.Join(", ", known2.Where(k => k.StartsWith(parts[0] + "@", StringComparison.Ordinal)).DefaultIfEmpty("none"))})");
            }
        }

        return new RuleFixtureResult(fixture, evaluation, problems);
    }

    /// <summary>
    /// The suite-level checks: every loaded rule needs a case that fires it and a near-miss case that names it in
    /// <c>doesNotFire</c>. Returns one problem per rule that lacks either (empty when complete).
    /// </summary>
    /// <param name="library">The rules under test.</param>
    /// <param name="cases">Every fixture case.</param>
    /// <returns>The problems.</returns>
    public static IReadOnlyList<string> CheckCoverage(RuleLibrary library, IReadOnlyList<RuleFixtureCase> cases)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(cases);
        var fires = cases.SelectMany(c => c.Fires).Select(RuleIdOf).ToHashSet(StringComparer.Ordinal);
        var nearMisses = cases.SelectMany(c => c.DoesNotFire).Select(RuleIdOf).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var rule in library.Rules.OrderBy(r => r.RuleId, StringComparer.Ordinal))
        {
            var lacks = new List<string>();
            if (!fires.Contains(rule.RuleId))
            {
                lacks.Add("a case that fires it (\"fires\")");
            }

            if (!nearMisses.Contains(rule.RuleId))
            {
                lacks.Add("a near-miss case that does not fire it (\"doesNotFire\")");
            }

            if (lacks.Count > 0)
            {
                problems.Add($"rule {rule.RuleId} ({rule.RuleSet}) lacks {string.Join(" and ", lacks)}");
            }
        }

        return problems;
    }

    /// <summary>Runs every case of a fixtures folder and the coverage checks: what <c>painrules test</c> and the repository tests do.</summary>
    /// <param name="evaluator">The evaluator over the rules under test.</param>
    /// <param name="cases">The cases (see <see cref="ReadCases"/>).</param>
    /// <returns>The report.</returns>
    public static RuleFixtureReport RunAll(ClaimEvaluator evaluator, IReadOnlyList<RuleFixtureCase> cases)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(cases);
        var results = cases.Select(c => Run(evaluator, c)).ToArray();
        return new RuleFixtureReport(results, CheckCoverage(evaluator.Library, cases));
    }

    /// <summary>The rule id of an expectation (<c>RULE@line</c> → <c>RULE</c>).</summary>
    internal static string RuleIdOf(string expectation)
    {
        var at = expectation.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? expectation : expectation[..at];
    }

    private static HashSet<string> KnownRuleIds(RuleLibrary library)
    {
        var known = library.Rules.Select(r => r.RuleId).ToHashSet(StringComparer.Ordinal);
        known.Add(library.Loaded.System.ClaimUnreadable.RuleId);
        known.Add(library.Loaded.System.NotEvaluated.RuleId);
        return known;
    }

    private static string Suggest(string named, IEnumerable<string> known)
    {
        var close = known.Where(k => Distance(k, named) <= 2).Order(StringComparer.Ordinal).Take(3).ToList();
        return close.Count == 0 ? string.Empty : $"; did you mean {string.Join(" or ", close)}?";
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return 3;
        }

        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static bool IsRuleExpectation(string expectation)
    {
        var at = expectation.IndexOf('@', StringComparison.Ordinal);
        var id = at < 0 ? expectation : expectation[..at];
        if (id.Length == 0 || !char.IsAsciiLetterUpper(id[0]) || !id.Contains('-', StringComparison.Ordinal)
            || id.Any(c => !(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-')) || id.EndsWith('-'))
        {
            return false;
        }

        return at < 0 || (expectation.Length > at + 1 && expectation[(at + 1)..].All(char.IsAsciiDigit));
    }

    private static void CheckKeys(string file, string at, JsonObject node, string[] allowed)
    {
        foreach (var (key, _) in node)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                var hint = allowed.FirstOrDefault(a => a.Equals(key, StringComparison.OrdinalIgnoreCase) || Distance(a, key) <= 2);
                throw Bad(file, $"unknown key '{key}' at {at}{(hint is null ? string.Empty : $" (did you mean '{hint}'?)")}; allowed here: {Allowed(allowed)}");
            }
        }
    }

    private static string Allowed(string[] keys) => string.Join(", ", keys.Where(k => k != "$schema"));

    private static string RequiredString(string file, string at, JsonNode? node)
        => node is not null && node.GetValueKind() == JsonValueKind.String && node.GetValue<string>().Length > 0
            ? node.GetValue<string>()
            : throw Bad(file, $"{at} is required: a non-empty string");

    private static string[] StringList(string file, string at, JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array || array.Any(n => n is null || n.GetValueKind() != JsonValueKind.String))
        {
            throw Bad(file, $"{at} must be an array of strings");
        }

        return array.Select(n => n!.GetValue<string>()).ToArray();
    }

    private static InvalidDataException Bad(string file, string reason) => new($"{file}: {reason}");

    private static bool Matches(Finding finding, string expectation)
    {
        var at = expectation.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return finding.RuleId == expectation;
        }

        return finding.RuleId == expectation[..at]
            && int.TryParse(expectation[(at + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var line)
            && finding.Line == line;
    }

    private static string Describe(ClaimEvaluation evaluation)
        => evaluation.Findings.Count == 0
            ? "no findings"
            : string.Join(", ", evaluation.Findings.Select(f => f.Line is null ? f.RuleId : $"{f.RuleId}@{f.Line}"));
}

/// <summary>One fixture case: a claim and what the rules must and must not say about it.</summary>
/// <param name="File">Fixture file, relative to the fixtures folder.</param>
/// <param name="Name">Case name, unique in its file.</param>
/// <param name="ClaimJson">The claim (base merged with the case's patch).</param>
/// <param name="Fires">Rule ids (optionally <c>RULE@line</c>) that must fire.</param>
/// <param name="DoesNotFire">Rule ids (optionally <c>RULE@line</c>) that must not fire: near-misses.</param>
/// <param name="Outcome">The expected outcome, when stated.</param>
public sealed record RuleFixtureCase(string File, string Name, string ClaimJson, IReadOnlyList<string> Fires, IReadOnlyList<string> DoesNotFire, EvaluationOutcome? Outcome)
{
    /// <summary>Rule-set versions (<c>id@version</c>, or <c>id</c> for any version) the evaluation must report as applied.</summary>
    public IReadOnlyList<string> RuleSets { get; init; } = [];

    /// <inheritdoc/>
    public override string ToString() => $"{File}: {Name}";
}

/// <summary>The result of one fixture case.</summary>
/// <param name="Case">The case.</param>
/// <param name="Evaluation">What the evaluator said.</param>
/// <param name="Problems">Unmet expectations; empty when the case passed.</param>
public sealed record RuleFixtureResult(RuleFixtureCase Case, ClaimEvaluation Evaluation, IReadOnlyList<string> Problems)
{
    /// <summary>Whether every expectation was met.</summary>
    public bool Passed => Problems.Count == 0;
}

/// <summary>The result of a whole fixture run: every case, and the rules that lack a firing or a near-miss case.</summary>
/// <param name="Results">One result per case, in case order.</param>
/// <param name="CoverageProblems">Rules without a firing case or a near-miss case.</param>
public sealed record RuleFixtureReport(IReadOnlyList<RuleFixtureResult> Results, IReadOnlyList<string> CoverageProblems)
{
    /// <summary>Whether every case passed and every rule is covered.</summary>
    public bool Passed => CoverageProblems.Count == 0 && Results.All(r => r.Passed);

    /// <summary>The number of failing cases.</summary>
    public int FailedCases => Results.Count(r => !r.Passed);
}
