using PainBilling.Rules.Claims;
using PainBilling.Rules.Expressions;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Engine;

/// <summary>
/// Claims made up at load time to prove that every rule compiles and runs without throwing, both on a bare claim
/// (nothing documented, no history) and on a full one (codes of the rule set's families, history, authorizations).
/// </summary>
internal static class SyntheticClaims
{
    /// <summary>Codes with letters that every load proof includes (HCPCS level II, CPT category III).</summary>
    internal static readonly string[] LetterCodes = ["G3002", "J1100", "0777T"];

    public static IEnumerable<Claim> For(LoadedRuleSet set, DateOnly date, RuleData data)
    {
        var payer = new Payer { Id = "SYNTHETIC", Type = set.Scope.PayerTypes[0] };
        var state = set.Scope.ServiceStates is { Count: > 0 } states ? states[0] : "TX";
        var pos = set.Scope.PlacesOfService is { Count: > 0 } places ? places[0] : "11";

        yield return new Claim
        {
            ClaimId = "SYNTHETIC-BARE",
            Payer = payer,
            ServiceState = state,
            PlaceOfService = pos,
            Diagnoses = ["R69"],
            Lines = [new ClaimLine { Line = 1, Code = "00000", DiagnosisPointers = [1], ServiceDate = date, Units = 0 }],
        };

        var familyCodes = data.TablesInForce
            .Where(t => t.Name == ReferenceTableNames.ProcedureCodes)
            .SelectMany(t => t.Rows.Cast<ProcedureCodeRow>())
            .Where(r => set.Covers.Contains(r.Family) || r.Family == set.Family)
            .Select(r => r.Code)
            .Take(6)
            .DefaultIfEmpty("64483")
            .ToArray();
        // HCPCS level II and category III codes too, so that no rule can assume a numeric code (int.Parse(line.Code)).
        var codes = familyCodes.Append("99213").Append("77003").Concat(LetterCodes).ToArray();
        var lines = codes.Select((code, i) => new ClaimLine
        {
            Line = i + 1,
            Code = code,
            Modifiers = i % 2 == 0 ? ["RT", "KX", "59", "25"] : ["50", "LT", "XS"],
            Units = i + 1,
            DiagnosisPointers = [1, 2, 3, 9],
            ServiceDate = date,
            Charge = 100m,
            SpinalLevels = i % 2 == 0 ? ["L4-L5", "L5-S1"] : ["C5-C6"],
        }).ToArray();
        yield return new Claim
        {
            ClaimId = "SYNTHETIC-FULL",
            Payer = payer,
            ServiceState = state,
            PlaceOfService = pos,
            Diagnoses = ["M54.16", "M47.816", "G89.29", "M54.5"],
            Lines = lines,
            PriorAuthorizations =
            [
                new PriorAuthorization { Number = "A1", Codes = [codes[0]], ValidFrom = date.AddDays(-10), ValidTo = date.AddDays(10), Units = 1 },
                new PriorAuthorization { Number = "A2", Codes = codes, ValidFrom = null, ValidTo = date.AddDays(-1) },
            ],
            Clinical = new ClinicalDocumentation
            {
                PainScore = 7, PainDurationMonths = 6, ConservativeCareWeeks = 8, FunctionalImpairmentDocumented = true,
                ImagingGuidance = ImagingGuidance.Fluoroscopy, ImagingFindingsDocumented = true, PsychologicalEvaluationDocumented = true,
                ScsTrialReliefPercent = 60, MuscleGroupsInjected = 3, SeparateEvaluationDocumented = false, InjuryDocumented = true,
                MedicationHistoryDocumented = true, ProcedureNoteDocumented = true, ContrastContraindicationDocumented = false,
                AblationNotCandidateReasonDocumented = false,
            },
            History = familyCodes.SelectMany((code, i) => new[]
            {
                new PriorService { Code = code, ServiceDate = date.AddDays(-30 * (i + 1)), Modifiers = ["KX"], SpinalLevels = ["L4-L5"], ReliefPercent = 80, ReliefDurationWeeks = 10 },
                new PriorService { Code = code, ServiceDate = date.AddDays(-200 - i), Modifiers = [], SpinalLevels = [] },
            }).ToArray(),
        };
    }
}
