using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Fixtures;

/// <summary>
/// Runs the rule fixtures under <c>rules-json/fixtures</c>: claims (a base claim plus a JSON merge patch per case) with the
/// rule ids each must fire and must not fire. This is how a maintainer tests a rule change without writing C#
/// (<c>painrules test --rules rules-json</c>); the test suite runs the same cases.
/// </summary>
public static class RuleFixtureRunner
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
    };

    /// <summary>Reads every fixture case in a folder (recursively, <c>*.json</c>), ordered by file and position.</summary>
    /// <param name="fixturesFolder">The folder, e.g. <c>rules-json/fixtures</c>.</param>
    /// <returns>The cases.</returns>
    /// <exception cref="InvalidDataException">A fixture file is malformed; the message names the file.</exception>
    public static IReadOnlyList<RuleFixtureCase> ReadCases(string fixturesFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fixturesFolder);
        var cases = new List<RuleFixtureCase>();
        foreach (var file in Directory.EnumerateFiles(fixturesFolder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(fixturesFolder, file).Replace('\\', '/');
            FixtureFile document;
            try
            {
                document = JsonSerializer.Deserialize<FixtureFile>(File.ReadAllText(file), Options)
                    ?? throw new InvalidDataException($"{relative}: empty fixture file");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{relative}: {ex.Message}", ex);
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in document.Cases)
            {
                if (!names.Add(item.Name))
                {
                    throw new InvalidDataException($"{relative}: case name '{item.Name}' is used twice");
                }

                if (item.Expect.Fires.Count == 0 && item.Expect.DoesNotFire.Count == 0 && item.Expect.Outcome is null)
                {
                    throw new InvalidDataException($"{relative}: case '{item.Name}' expects nothing; give fires, doesNotFire or outcome");
                }

                var claim = item.Patch is null ? document.Base?.DeepClone() : JsonMergePatch.Apply(document.Base, item.Patch);
                cases.Add(new RuleFixtureCase(relative, item.Name, claim?.ToJsonString() ?? "null", item.Expect.Fires, item.Expect.DoesNotFire, item.Expect.Outcome));
            }
        }

        return cases;
    }

    /// <summary>Evaluates one case and compares the findings with its expectations.</summary>
    /// <param name="evaluator">The evaluator (over the rules under test).</param>
    /// <param name="fixture">The case.</param>
    /// <returns>The result, with every unmet expectation spelled out.</returns>
    public static RuleFixtureResult Run(ClaimEvaluator evaluator, RuleFixtureCase fixture)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(fixture);
        var evaluation = evaluator.Evaluate(ClaimJson.Read(fixture.ClaimJson));
        var problems = new List<string>();
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
                problems.Add($"expected {unexpected} not to fire; it fired on line {hit.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(claim)"}: {hit.Message}");
            }
        }

        if (fixture.Outcome is { } outcome && evaluation.Outcome != outcome)
        {
            problems.Add($"expected outcome {outcome}; got {evaluation.Outcome} ({Describe(evaluation)})");
        }

        return new RuleFixtureResult(fixture, evaluation, problems);
    }

    private static bool Matches(Finding finding, string expectation)
    {
        var at = expectation.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return finding.RuleId == expectation;
        }

        return finding.RuleId == expectation[..at]
            && int.TryParse(expectation[(at + 1)..], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var line)
            && finding.Line == line;
    }

    private static string Describe(ClaimEvaluation evaluation)
        => evaluation.Findings.Count == 0
            ? "no findings"
            : string.Join(", ", evaluation.Findings.Select(f => f.Line is null ? f.RuleId : $"{f.RuleId}@{f.Line}"));

#pragma warning disable CA1812 // Instantiated by System.Text.Json.
    private sealed class FixtureFile
    {
        [JsonPropertyName("$schema")]
        public string? Schema { get; init; }

        public string? Description { get; init; }

        public JsonNode? Base { get; init; }

        public required IReadOnlyList<FixtureCaseDocument> Cases { get; init; }
    }

    private sealed class FixtureCaseDocument
    {
        public required string Name { get; init; }

        public JsonNode? Patch { get; init; }

        public required ExpectationDocument Expect { get; init; }
    }

    private sealed class ExpectationDocument
    {
        public IReadOnlyList<string> Fires { get; init; } = [];

        public IReadOnlyList<string> DoesNotFire { get; init; } = [];

        public EvaluationOutcome? Outcome { get; init; }
    }
#pragma warning restore CA1812
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
