using PainBilling.Rules.Claims;

namespace PainBilling.Rules.Tests;

/// <summary>Small synthetic claims for engine tests (rule behaviour itself is tested by the JSON fixtures).</summary>
internal static class ClaimBuilder
{
    public static Claim Esi(string claimId, DateOnly date, string state = "TX", PayerType payer = PayerType.Medicare, string code = "62323", IReadOnlyList<PriorAuthorization>? authorizations = null) => new()
    {
        ClaimId = claimId,
        Payer = new Payer { Id = payer.ToString().ToUpperInvariant(), Type = payer },
        ServiceState = state,
        PlaceOfService = "24",
        Diagnoses = ["M54.16"],
        Lines = [new ClaimLine { Line = 1, Code = code, DiagnosisPointers = [1], ServiceDate = date, SpinalLevels = ["L4-L5"] }],
        PriorAuthorizations = authorizations,
        Clinical = new ClinicalDocumentation
        {
            PainScore = 7,
            PainDurationMonths = 3,
            ConservativeCareWeeks = 8,
            FunctionalImpairmentDocumented = true,
            ImagingGuidance = ImagingGuidance.Fluoroscopy,
            ImagingFindingsDocumented = true,
            ProcedureNoteDocumented = true,
        },
    };
}
