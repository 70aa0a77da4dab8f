using System.Text.Json;
using Json.Schema;

namespace PainBilling.Rules.Tests.Rules;

/// <summary>The shipped JSON schemas (for maintainers' editors) accept every shipped file and catch typos.</summary>
public sealed class RuleFileSchemaTests
{
    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Repository.RulesJson, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Repository.RulesJson, file).Replace('\\', '/');
            var schema = relative switch
            {
                _ when relative.StartsWith("schema/", StringComparison.Ordinal) => null,
                "system.json" => "system.schema.json",
                _ when relative.StartsWith("rule-sets/", StringComparison.Ordinal) => "rule-set.schema.json",
                _ when relative.StartsWith("reference/", StringComparison.Ordinal) => "reference-table.schema.json",
                _ when relative.StartsWith("fixtures/", StringComparison.Ordinal) => "fixtures.schema.json",
                _ => "unknown",
            };
            if (schema is not null)
            {
                data.Add(relative, schema);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Shipped_file_matches_its_schema(string file, string schema)
    {
        schema.Should().NotBe("unknown", "every file under rules-json must be a rule set, a reference table, a fixture or system.json");

        var result = Validate(file, schema, File.ReadAllText(Path.Combine(Repository.RulesJson, file)));

        result.IsValid.Should().BeTrue(Describe(result));
    }

    public static TheoryData<string> Samples() => Repository.SampleFileNames();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_claim_matches_the_claim_schema(string sample)
    {
        var result = Validate(sample, "claim.schema.json", File.ReadAllText(Path.Combine(Repository.Samples, sample)));

        result.IsValid.Should().BeTrue(Describe(result));
    }

    [Fact]
    public void Claim_schema_rejects_a_misspelt_member_as_the_claim_reader_does()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-clean.json"))
            .Replace("\"serviceState\"", "\"servicestate\"", StringComparison.Ordinal);

        Validate("claim", "claim.schema.json", text).IsValid.Should().BeFalse();
        PainBilling.Rules.Claims.ClaimJson.Read(text).Succeeded.Should().BeFalse();
    }

    [Fact]
    public void Every_property_of_every_schema_has_a_description()
    {
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.RulesJson, "schema"), "*.schema.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            FindUndescribed(Path.GetFileName(file), "#", document.RootElement, missing);
        }

        missing.Should().BeEmpty("editors show the description of every key a maintainer types");
    }

    private static void FindUndescribed(string file, string at, JsonElement schema, List<string> missing)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var member in schema.EnumerateObject())
        {
            if (member.Name is "properties")
            {
                foreach (var property in member.Value.EnumerateObject())
                {
                    if (!property.Value.TryGetProperty("description", out _))
                    {
                        missing.Add($"{file} {at}/properties/{property.Name}");
                    }

                    FindUndescribed(file, $"{at}/properties/{property.Name}", property.Value, missing);
                }
            }
            else if (member.Value.ValueKind == JsonValueKind.Object)
            {
                FindUndescribed(file, $"{at}/{member.Name}", member.Value, missing);
            }
            else if (member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in member.Value.EnumerateArray())
                {
                    FindUndescribed(file, $"{at}/{member.Name}", item, missing);
                }
            }
        }
    }

    [Fact]
    public void Schema_rejects_a_camel_case_slip()
    {
        var text = File.ReadAllText(Path.Combine(Repository.RulesJson, "rule-sets", "common", "claim-data.json"))
            .Replace("\"RuleName\": \"CD-UNITS-001\"", "\"ruleName\": \"CD-UNITS-001\"", StringComparison.Ordinal);

        Validate("claim-data.json", "rule-set.schema.json", text).IsValid.Should().BeFalse();
    }

    // Schemas register their $id globally in JsonSchema.Net: load each once per test run.
    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(() => Directory
        .EnumerateFiles(Path.Combine(Repository.RulesJson, "schema"), "*.schema.json")
        .ToDictionary(f => Path.GetFileName(f), f => JsonSchema.FromText(File.ReadAllText(f)), StringComparer.Ordinal));

    private static EvaluationResults Validate(string file, string schemaFile, string json)
    {
        var schema = Schemas.Value[schemaFile];
        using var document = JsonDocument.Parse(json);
        _ = file;
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static string Describe(EvaluationResults result)
        => string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
