namespace PainBilling.Rules.Claims;

/// <summary>
/// Checks that the members the contract requires are present, so rules can rely on them.
/// Value checks (code formats, pointer ranges, units) are rules in <c>rules-json</c>, not here.
/// </summary>
internal static class ClaimShapeValidator
{
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

        if (claim.PriorAuthorizations is not null)
        {
            for (var i = 0; i < claim.PriorAuthorizations.Count; i++)
            {
                if (claim.PriorAuthorizations[i] is null)
                {
                    problems.Add(new($"$.priorAuthorizations[{i}]", "is null"));
                }
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
    }

    private static void RequireText(string? value, string path, List<ClaimDataProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(path, "is required"));
        }
    }
}
