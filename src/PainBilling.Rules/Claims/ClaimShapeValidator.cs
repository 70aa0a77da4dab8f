namespace PainBilling.Rules.Claims;

/// <summary>
/// Checks that the members the contract requires are present, so rules can rely on them.
/// Value checks (code formats, pointer ranges, units) are rules in <c>rules-json</c>, not here.
/// </summary>
internal static class ClaimShapeValidator
{
    // Plausibility bounds that keep rule arithmetic exact; a value outside them is malformed data, not a finding.
    private const int MaxUnits = 9999;
    private const decimal MaxAmount = 99_999_999m;
    private const decimal MaxMonths = 1200m;
    private const decimal MaxWeeks = 5200m;

    public static IReadOnlyList<ClaimDataProblem> Validate(Claim? claim)
    {
        var problems = new List<ClaimDataProblem>();
        if (claim is null)
        {
            problems.Add(new("$", "the claim is missing"));
            return problems;
        }

        RequireText(claim.ClaimId, "$.claimId", problems);
        if (claim.Payer is null)
        {
            problems.Add(new("$.payer", "is required"));
        }
        else
        {
            RequireText(claim.Payer.Id, "$.payer.id", problems);
            if (!Enum.IsDefined(claim.Payer.Type))
            {
                problems.Add(new("$.payer.type", "is required: one of Medicare, MedicareAdvantage, Medicaid, Commercial"));
            }
        }

        RequireText(claim.ServiceState, "$.serviceState", problems);
        RequireText(claim.PlaceOfService, "$.placeOfService", problems);

        if (claim.Diagnoses is null || claim.Diagnoses.Count == 0)
        {
            problems.Add(new("$.diagnoses", "is required: 1 to 12 ICD-10-CM codes"));
        }
        else
        {
            if (claim.Diagnoses.Count > 12)
            {
                problems.Add(new("$.diagnoses", $"has {claim.Diagnoses.Count} codes; a professional claim carries at most 12"));
            }

            for (var i = 0; i < claim.Diagnoses.Count; i++)
            {
                RequireText(claim.Diagnoses[i], $"$.diagnoses[{i}]", problems);
            }
        }

        if (claim.Lines is null || claim.Lines.Count == 0)
        {
            problems.Add(new("$.lines", "is required: at least one service line"));
        }
        else
        {
            for (var i = 0; i < claim.Lines.Count; i++)
            {
                ValidateLine(claim.Lines[i], $"$.lines[{i}]", problems);
            }
        }

        ValidateClinical(claim.Clinical, problems);

        if (claim.PriorAuthorizations is not null)
        {
            for (var i = 0; i < claim.PriorAuthorizations.Count; i++)
            {
                var authorization = claim.PriorAuthorizations[i];
                if (authorization is null)
                {
                    problems.Add(new($"$.priorAuthorizations[{i}]", "is null"));
                    continue;
                }

                NoNulls(authorization.Codes, $"$.priorAuthorizations[{i}].codes", problems);
                Range(authorization.Units, 0, MaxUnits, $"$.priorAuthorizations[{i}].units", problems);
            }
        }

        if (claim.History is not null)
        {
            for (var i = 0; i < claim.History.Count; i++)
            {
                var service = claim.History[i];
                var path = $"$.history[{i}]";
                if (service is null)
                {
                    problems.Add(new(path, "is null"));
                    continue;
                }

                RequireText(service.Code, path + ".code", problems);
                if (service.ServiceDate == default)
                {
                    problems.Add(new(path + ".serviceDate", "is required"));
                }

                NoNulls(service.Modifiers, path + ".modifiers", problems);
                NoNulls(service.SpinalLevels, path + ".spinalLevels", problems);
                Range(service.ReliefPercent, 0m, 100m, path + ".reliefPercent", problems);
                Range(service.ReliefDurationWeeks, 0m, MaxWeeks, path + ".reliefDurationWeeks", problems);
            }
        }

        return problems;
    }

    private static void ValidateLine(ClaimLine? line, string path, List<ClaimDataProblem> problems)
    {
        if (line is null)
        {
            problems.Add(new(path, "is null"));
            return;
        }

        if (line.Line < 1)
        {
            problems.Add(new(path + ".line", "is required: a line number from 1"));
        }

        RequireText(line.Code, path + ".code", problems);
        if (line.DiagnosisPointers is null || line.DiagnosisPointers.Count == 0)
        {
            problems.Add(new(path + ".diagnosisPointers", "is required: 1 to 4 pointers into diagnoses"));
        }

        if (line.ServiceDate == default)
        {
            problems.Add(new(path + ".serviceDate", "is required"));
        }

        if (line.Modifiers is not null && line.Modifiers.Any(m => m is null))
        {
            problems.Add(new(path + ".modifiers", "contains a null modifier"));
        }

        NoNulls(line.SpinalLevels, path + ".spinalLevels", problems);
        Range(line.Units, 0, MaxUnits, path + ".units", problems);
        Range(line.Charge, 0m, MaxAmount, path + ".charge", problems);
    }

    private static void ValidateClinical(ClinicalDocumentation? clinical, List<ClaimDataProblem> problems)
    {
        if (clinical is null)
        {
            return;
        }

        Range(clinical.PainScore, 0m, 10m, "$.clinical.painScore", problems);
        Range(clinical.PainDurationMonths, 0m, MaxMonths, "$.clinical.painDurationMonths", problems);
        Range(clinical.ConservativeCareWeeks, 0m, MaxWeeks, "$.clinical.conservativeCareWeeks", problems);
        Range(clinical.ScsTrialReliefPercent, 0m, 100m, "$.clinical.scsTrialReliefPercent", problems);
        Range(clinical.MuscleGroupsInjected, 0, MaxUnits, "$.clinical.muscleGroupsInjected", problems);
    }

    private static void NoNulls(IReadOnlyList<string>? values, string path, List<ClaimDataProblem> problems)
    {
        if (values is not null && values.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(new(path, "contains an empty or null entry"));
        }
    }

    private static void Range(decimal? value, decimal min, decimal max, string path, List<ClaimDataProblem> problems)
    {
        if (value is { } v && (v < min || v > max))
        {
            problems.Add(new(path, $"is out of range ({min.ToString(System.Globalization.CultureInfo.InvariantCulture)} to {max.ToString(System.Globalization.CultureInfo.InvariantCulture)})"));
        }
    }

    private static void Range(int? value, int min, int max, string path, List<ClaimDataProblem> problems)
    {
        if (value is { } v && (v < min || v > max))
        {
            problems.Add(new(path, $"is out of range ({min.ToString(System.Globalization.CultureInfo.InvariantCulture)} to {max.ToString(System.Globalization.CultureInfo.InvariantCulture)})"));
        }
    }

    private static void RequireText(string? value, string path, List<ClaimDataProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(path, "is required"));
        }
    }
}
