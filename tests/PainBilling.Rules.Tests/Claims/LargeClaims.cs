using System.Text.Json.Nodes;
using PainBilling.Rules.Claims;

namespace PainBilling.Rules.Tests.Claims;

/// <summary>
/// Claims at the contract's limits, built from the shipped samples: lines of every family (cycled), 12 diagnoses,
/// 4 pointers per line, 100 history entries and 20 authorizations, all on one date of service.
/// </summary>
internal static class LargeClaims
{
    private static readonly Lazy<(JsonObject[] Lines, JsonObject[] History, string[] Diagnoses)> Pool = new(LoadPool);

    public static string Json(int lineCount)
    {
        var (lines, history, diagnoses) = Pool.Value;
        var claim = new JsonObject
        {
            ["claimId"] = $"LARGE-{lineCount}",
            ["payer"] = new JsonObject { ["id"] = "MEDICARE", ["type"] = "Medicare" },
            ["serviceState"] = "TX",
            ["placeOfService"] = "24",
            ["patient"] = new JsonObject { ["birthDate"] = "1950-01-01", ["sex"] = "F" },
            ["diagnoses"] = new JsonArray(diagnoses.Select(d => (JsonNode)d).ToArray()),
            ["lines"] = new JsonArray(Enumerable.Range(0, lineCount).Select(i =>
            {
                var line = (JsonObject)lines[i % lines.Length].DeepClone();
                line["line"] = i + 1;
                line["serviceDate"] = "2026-06-10";
                line["diagnosisPointers"] = new JsonArray(1 + (i % 9), 2 + (i % 9), 3 + (i % 9), 4 + (i % 9));
                return (JsonNode)line;
            }).ToArray()),
            ["priorAuthorizations"] = new JsonArray(Enumerable.Range(0, ClaimLimits.MaxAuthorizations).Select(i => (JsonNode)new JsonObject
            {
                ["number"] = $"PA-{i}",
                ["codes"] = new JsonArray(lines.Select(l => (JsonNode)l["code"]!.GetValue<string>()).Distinct().Take(ClaimLimits.MaxAuthorizationCodes).ToArray()),
                ["validFrom"] = "2026-01-01",
                ["validTo"] = "2026-12-31",
            }).ToArray()),
            ["clinical"] = JsonNode.Parse("""{"painScore":7,"painDurationMonths":9,"conservativeCareWeeks":12,"functionalImpairmentDocumented":true,"imagingGuidance":"Fluoroscopy","imagingFindingsDocumented":true,"medicationHistoryDocumented":true,"procedureNoteDocumented":true,"psychologicalEvaluationDocumented":true,"muscleGroupsInjected":3}"""),
            ["history"] = new JsonArray(Enumerable.Range(0, ClaimLimits.MaxHistory).Select(i =>
            {
                var service = (JsonObject)history[i % history.Length].DeepClone();
                service["serviceDate"] = new DateOnly(2026, 6, 9).AddDays(-7 * (i / history.Length) - (i % 5)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                return (JsonNode)service;
            }).ToArray()),
        };
        return claim.ToJsonString();
    }

    private static (JsonObject[] Lines, JsonObject[] History, string[] Diagnoses) LoadPool()
    {
        var samples = Directory.GetFiles(Repository.Samples, "*.json").Order(StringComparer.Ordinal).Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject()).ToList();
        var lines = samples.SelectMany(s => s["lines"]!.AsArray().Select(l => (JsonObject)l!.DeepClone())).ToArray();
        var history = samples.SelectMany(s => s["history"]?.AsArray().Select(h => (JsonObject)h!.DeepClone()) ?? []).ToArray();
        var diagnoses = samples.SelectMany(s => s["diagnoses"]!.AsArray().Select(d => d!.GetValue<string>())).Distinct().Take(ClaimLimits.MaxDiagnoses).ToArray();
        return (lines, history, diagnoses);
    }
}
