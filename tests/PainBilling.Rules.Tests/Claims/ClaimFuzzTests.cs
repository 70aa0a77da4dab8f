using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Cli;
using PainBilling.Rules.Evaluations;
using Xunit.Abstractions;

namespace PainBilling.Rules.Tests.Claims;

/// <summary>
/// A seeded fuzz of the shipped sample claims: members deleted, types changed, huge and negative numbers, odd Unicode,
/// duplicated keys, truncation, random bytes, deep nesting, lists over their limits and implausible dates. Every mutant
/// is read and evaluated in process (string and UTF-8 overloads) and the whole batch goes through the CLI's NDJSON path.
/// </summary>
public sealed class ClaimFuzzTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Mutants per run (a fixed seed: every run tries the same claims).</summary>
    private const int Count = 2400;

    private const int Seed = 20261201;

    // Planted patient values: none may appear in any output.
    private const string BirthDate = "1937-04-19";
    private const string PatientName = "Zebulon Quaxworthy";
    private const string MemberId = "MBR8675309Q";

    // Lone surrogates cannot be written by a JSON writer: markers in the tree, replaced by escapes in the text.
    private const string LoneHigh = "@@LONE-HIGH@@";
    private const string LoneLow = "@@LONE-LOW@@";

    private static readonly string[] OddStrings =
    [
        LoneHigh, LoneLow, "\u202EM54.16", "\u0000", "ＴＸ", "\u00A0TX", "T\u0301X", "\U0001F600", "M54..16", ".M5116", "M54.",
        "\u001b[31mRED\u001b[0m", "\u2028", "\uFEFF62323", "6232\u0000", "\uFFFD", new string('9', 10_000), "", " ", "null",
    ];

    private static readonly JsonNode?[] OddNumbers = [1e300, -1, 2147483648L, -9999999999L, 0.5, 1e-300, 0, long.MaxValue, decimal.MaxValue];

    private static readonly string[] OddDates = ["1026-03-10", "0001-01-02", "2015-09-30", "9999-12-31", "2026-02-30", "2026-13-01", "20260310"];

    private readonly string _temp = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "painrules-fuzz-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Mutated_claims_never_throw_malformed_ones_are_rejects_naming_a_path_and_no_patient_value_is_echoed()
    {
        var mutants = Mutants().ToList();
        mutants.Should().HaveCount(Count);
        var evaluator = TestRules.Evaluator;
        var malformed = 0;
        var rejected = 0;
        foreach (var (bytes, isMalformed, description) in mutants)
        {
            var fromBytes = ClaimJson.Read(bytes);
            var fromText = ClaimJson.Read(Encoding.UTF8.GetString(bytes));
            ClaimEvaluation evaluation;
            try
            {
                evaluation = evaluator.Evaluate(fromBytes);
                evaluator.Evaluate(fromText);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"{description}: {ex.GetType().Name} escaped: {ex.Message}");
            }

            if (isMalformed)
            {
                malformed++;
                fromBytes.Succeeded.Should().BeFalse(description);
            }

            if (!fromBytes.Succeeded)
            {
                rejected++;
                evaluation.Outcome.Should().Be(EvaluationOutcome.Reject, description);
                evaluation.Findings.Should().NotBeEmpty(description)
                    .And.OnlyContain(f => f.RuleId == "CLAIM-READ-001" && f.Message.Contains('$', StringComparison.Ordinal), description);
            }

            NoPatientValue(ClaimJson.Write(evaluation), description);
        }

        output.WriteLine($"{mutants.Count} mutants: {malformed} malformed by construction, {rejected} rejected as unreadable, {mutants.Count - rejected} evaluated");
        malformed.Should().BeGreaterThan(Count / 2);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("table")]
    public void A_batch_of_mutants_through_the_cli_gives_one_answer_per_line_and_echoes_no_patient_value(string format)
    {
        var mutants = Mutants().ToList();
        var path = Path.Combine(_temp, "fuzz.ndjson");
        using (var file = File.Create(path))
        {
            foreach (var (bytes, _, _) in mutants)
            {
                file.Write(bytes);
                file.WriteByte((byte)'\n');
            }
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = PainRulesCommand.Run(["evaluate", path, "--rules", Repository.RulesJson, "--format", format], stdout, stderr);

        var text = stdout.ToString();
        exit.Should().Be(0, stderr.ToString());
        stderr.ToString().Should().BeEmpty();
        if (format == "json")
        {
            var answers = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            answers.Should().HaveCount(mutants.Count, "one evaluation per input line");
            answers.Should().OnlyContain(a => JsonDocument.Parse(a, default).RootElement.GetProperty("outcome").GetString()!.Length > 0);
        }
        else
        {
            text.Split('\n').Count(l => l.StartsWith("Claim ", StringComparison.Ordinal)).Should().Be(mutants.Count, "one table per input line");
            text.Should().NotContain("\u001b", "no escape sequence reaches a terminal");
        }

        NoPatientValue(text, "CLI output");
    }

    private static void NoPatientValue(string output, string because)
        => output.Should().NotContain(BirthDate, because).And.NotContain(PatientName, because).And.NotContain(MemberId, because)
            .And.NotContain("1937", because);

    /// <summary>The mutants, always the same: UTF-8 bytes without line breaks, whether a mutation made them malformed, and what was done.</summary>
    private static IEnumerable<(byte[] Bytes, bool Malformed, string Description)> Mutants()
    {
        var random = new Random(Seed);
        var samples = Directory.GetFiles(Repository.Samples, "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Json: JsonNode.Parse(File.ReadAllText(f))!.AsObject()))
            .ToList();
        foreach (var (_, json) in samples)
        {
            json["patient"] = new JsonObject { ["birthDate"] = BirthDate, ["sex"] = "F" };
        }

        for (var i = 0; i < Count; i++)
        {
            var (name, sample) = samples[i % samples.Count];
            var claim = (JsonObject)sample.DeepClone();
            var malformed = false;
            var done = new List<string>();
            var steps = 1 + random.Next(3);
            byte[]? bytes = null;
            for (var step = 0; step < steps; step++)
            {
                var kind = random.Next(14);
                if (bytes is not null && kind < 11)
                {
                    continue; // tree mutations only before the text ones
                }

                if (malformed && kind is < 11 and not (5 or 8))
                {
                    continue; // no later tree mutation may undo what made the claim malformed
                }

                switch (kind)
                {
                    case 0:
                        done.Add("delete " + DeleteMember(claim, random));
                        break;
                    case 1:
                        var (typePath, typeMalformed) = ChangeType(claim, random);
                        malformed |= typeMalformed;
                        done.Add("retype " + typePath);
                        break;
                    case 2:
                        done.Add("number " + Replace(claim, random, n => n.GetValueKind() == JsonValueKind.Number, () => OddNumbers[random.Next(OddNumbers.Length)]?.DeepClone()));
                        break;
                    case 3:
                        var odd = OddStrings[random.Next(OddStrings.Length)];
                        var where = Replace(claim, random, n => n.GetValueKind() == JsonValueKind.String && !IsPatient(n), () => odd);
                        malformed |= where.Length > 0 && MakesStringMalformed(odd, where);
                        done.Add($"string {where}");
                        break;
                    case 4:
                        var date = OddDates[random.Next(OddDates.Length)];
                        var line = (claim["lines"] as JsonArray)?.FirstOrDefault() as JsonObject;
                        if (line is not null)
                        {
                            line["serviceDate"] = date;
                            malformed |= date != "9999-12-31"; // far future: only implausible against other dates or a host clock
                            done.Add("serviceDate " + date);
                        }

                        break;
                    case 5:
                        if (claim["patient"] is not JsonObject)
                        {
                            claim["patient"] = new JsonObject { ["birthDate"] = BirthDate };
                        }

                        claim["patient"]!.AsObject()[random.Next(2) == 0 ? "name" : "memberId"] = random.Next(2) == 0 ? PatientName : MemberId;
                        malformed = true;
                        done.Add("patient member");
                        break;
                    case 6:
                        malformed |= OverLimit(claim, random, done);
                        break;
                    case 7:
                        var nested = (JsonNode)new JsonArray();
                        for (var d = 0; d < 20 + random.Next(200); d++)
                        {
                            nested = new JsonArray(nested);
                        }

                        claim["clinical"] = new JsonObject { ["painScore"] = nested };
                        malformed = true;
                        done.Add("deep nesting");
                        break;
                    case 8:
                        claim["unexpected" + random.Next(100)] = true;
                        malformed = true;
                        done.Add("unknown member");
                        break;
                    case 9:
                        var lines = claim["lines"] as JsonArray;
                        if (lines is { Count: > 0 } && lines[0] is JsonObject first)
                        {
                            lines.Add(first.DeepClone());
                            done.Add("duplicate line");
                        }

                        break;
                    case 10:
                        done.Add("delete " + DeleteMember(claim, random));
                        break;
                    case 11:
                        if (claim.Count == 0)
                        {
                            break;
                        }

                        var (key, member) = claim.First();
                        var duplicate = JsonSerializer.Serialize(key) + ":" + (member?.ToJsonString() ?? "null") + ",";
                        bytes = Utf8(Markers("{" + duplicate + claim.ToJsonString()[1..]));
                        malformed = true;
                        done.Add("duplicate key " + key);
                        break;
                    case 12:
                        var full = bytes ?? Utf8(Text(claim));
                        bytes = full[..(1 + random.Next(full.Length - 2))];
                        malformed = true;
                        done.Add("truncate");
                        break;
                    default:
                        bytes = (byte[])(bytes ?? Utf8(Text(claim))).Clone();
                        for (var k = 0; k < 1 + random.Next(4); k++)
                        {
                            var value = (byte)random.Next(256);
                            bytes[random.Next(bytes.Length)] = value is (byte)'\n' or (byte)'\r' ? (byte)0xFF : value;
                        }

                        done.Add("random bytes");
                        break;
                }
            }

            bytes ??= Utf8(Text(claim));
            if (bytes.All(b => b is (byte)' ' or (byte)'\t'))
            {
                bytes = "{"u8.ToArray();
            }

            yield return (bytes, malformed, $"#{i} {name}: {string.Join("; ", done)}");
        }
    }

    private static string Text(JsonObject claim) => Markers(claim.ToJsonString());

    private static string Markers(string text) => text.Replace(LoneHigh, "\\ud800X", StringComparison.Ordinal).Replace(LoneLow, "X\\udfff", StringComparison.Ordinal);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static bool IsPatient(JsonNode node) => node.GetPath().StartsWith("$.patient", StringComparison.Ordinal);

    /// <summary>Whether putting <paramref name="value"/> at <paramref name="path"/> is always a read problem.</summary>
    private static bool MakesStringMalformed(string value, string path)
    {
        if (value is "" && (path.EndsWith(".name", StringComparison.Ordinal) || path.EndsWith(".number", StringComparison.Ordinal)))
        {
            return false; // an empty optional display text is accepted
        }

        if (value is LoneHigh or LoneLow || value.Contains('\u0000') || value.Contains('\u001b')
            || value.Contains('\u202E') || value.Contains('\u2028') || value.Contains('\uFEFF') || value.Contains('\uFFFD') || value.Length > 100 || value.Trim().Length == 0)
        {
            return true;
        }

        // Code-like members: ASCII without spaces only; diagnoses with at most one dot after the third character.
        var codeLike = path.EndsWith(".serviceState", StringComparison.Ordinal) || path.Contains(".diagnoses[", StringComparison.Ordinal)
            || path.EndsWith(".code", StringComparison.Ordinal) || path.Contains(".modifiers[", StringComparison.Ordinal)
            || path.Contains(".spinalLevels[", StringComparison.Ordinal) || path.EndsWith(".placeOfService", StringComparison.Ordinal)
            || path.Contains(".codes[", StringComparison.Ordinal);
        if (codeLike && value.Any(c => c is <= ' ' or > '~'))
        {
            return true;
        }

        if (path.EndsWith(".serviceState", StringComparison.Ordinal) && !(value.Length == 2 && value.All(char.IsAsciiLetter)))
        {
            return true;
        }

        return path.Contains(".diagnoses[", StringComparison.Ordinal) && value is "M54..16" or ".M5116" or "M54.";
    }

    private static string DeleteMember(JsonObject claim, Random random)
    {
        var objects = Descendants(claim).OfType<JsonObject>().Where(o => o.Count > 0).ToList();
        var target = objects[random.Next(objects.Count)];
        var name = target.Select(p => p.Key).ElementAt(random.Next(target.Count));
        var path = target.GetPath() + "." + name;
        target.Remove(name);
        return path;
    }

    private static (string Path, bool Malformed) ChangeType(JsonObject claim, Random random)
    {
        var values = Descendants(claim).Where(n => n.Parent is not null && !IsPatient(n)).ToList();
        var target = values[random.Next(values.Count)];
        var kind = target.GetValueKind();
        JsonNode? replacement = random.Next(6) switch
        {
            0 => "text",
            1 => 42,
            2 => true,
            3 => new JsonArray(1, "two"),
            4 => new JsonObject { ["x"] = 1 },
            _ => null,
        };
        var path = target.GetPath();
        ReplaceNode(target, replacement);
        var newKind = replacement?.GetValueKind() ?? JsonValueKind.Null;
        var sameKind = newKind == kind || (kind is JsonValueKind.True or JsonValueKind.False && newKind is JsonValueKind.True or JsonValueKind.False);
        // A string where an enum or date is expected is malformed too, but a string where a string is expected may be fine.
        return (path, !sameKind && newKind != JsonValueKind.Null);
    }

    private static string Replace(JsonObject claim, Random random, Func<JsonNode, bool> match, Func<JsonNode?> value)
    {
        var candidates = Descendants(claim).Where(n => n.Parent is not null && match(n)).ToList();
        if (candidates.Count == 0)
        {
            return string.Empty;
        }

        var target = candidates[random.Next(candidates.Count)];
        var path = target.GetPath();
        ReplaceNode(target, value());
        return path;
    }

    private static bool OverLimit(JsonObject claim, Random random, List<string> done)
    {
        switch (random.Next(4))
        {
            case 0:
                var lines = claim["lines"] as JsonArray;
                if (lines is not { Count: > 0 })
                {
                    return false;
                }

                var template = lines[0]!;
                while (lines.Count <= ClaimLimits.MaxLines)
                {
                    lines.Add(template.DeepClone());
                }

                done.Add("51 lines");
                return true;
            case 1:
                claim["diagnoses"] = new JsonArray(Enumerable.Range(0, 13).Select(_ => (JsonNode)"M54.16").ToArray());
                done.Add("13 diagnoses");
                return true;
            case 2:
                if ((claim["lines"] as JsonArray)?.FirstOrDefault() is not JsonObject line)
                {
                    return false;
                }

                line["modifiers"] = new JsonArray("RT", "LT", "59", "XS", "KX");
                done.Add("5 modifiers");
                return true;
            default:
                claim["history"] = new JsonArray(Enumerable.Range(0, ClaimLimits.MaxHistory + 1).Select(_ => JsonNode.Parse("""{"code":"64493","serviceDate":"2025-01-02"}""")).ToArray());
                done.Add("101 history entries");
                return true;
        }
    }

    private static void ReplaceNode(JsonNode target, JsonNode? replacement)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                break;
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.ToList())
        {
            if (child is not null)
            {
                foreach (var descendant in Descendants(child))
                {
                    yield return descendant;
                }
            }
        }
    }
}
