using System.Globalization;

namespace PainBilling.Rules.Claims;

/// <summary>
/// Checks that the members the contract requires are present, that the claim stays within <see cref="ClaimLimits"/>,
/// that its dates are plausible and that codes are sent as codes (before anything is normalised), so rules can rely on them.
/// Value checks that have a payer meaning (code formats, pointer ranges, units) are rules in <c>rules-json</c>, not here.
/// No reason echoes the value it is about (it may be patient data).
/// </summary>
internal static class ClaimShapeValidator
{
    // Plausibility bounds that keep rule arithmetic exact; a value outside them is malformed data, not a finding.
    private const int MaxUnits = 9999;
    private const decimal MaxAmount = 99_999_999m;
    private const decimal MaxMonths = 1200m;
    private const decimal MaxWeeks = 5200m;

    public static IReadOnlyList<ClaimDataProblem> Validate(Claim? claim) => Validate(claim, latestServiceDate: null);

    /// <summary>Validates a claim.</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="latestServiceDate">The host's horizon: no date of service may lie after it (null: no host horizon).</param>
    /// <returns>The problems, each naming its JSON path; empty when the claim can be evaluated.</returns>
    public static IReadOnlyList<ClaimDataProblem> Validate(Claim? claim, DateOnly? latestServiceDate)
    {
        var problems = new List<ClaimDataProblem>();
        if (claim is null)
        {
            problems.Add(new("$", "the claim is missing"));
            return problems;
        }

        FreeText(claim.ClaimId, "$.claimId", ClaimLimits.MaxClaimIdLength, required: true, problems);
        if (claim.Payer is null)
        {
            problems.Add(new("$.payer", "is required"));
        }
        else
        {
            FreeText(claim.Payer.Id, "$.payer.id", ClaimLimits.MaxPayerIdLength, required: true, problems);
            FreeText(claim.Payer.Name, "$.payer.name", ClaimLimits.MaxPayerNameLength, required: false, problems);
            if (!Enum.IsDefined(claim.Payer.Type))
            {
                problems.Add(new("$.payer.type", "is required: one of Medicare, MedicareAdvantage, Medicaid, Commercial"));
            }
        }

        if (CodeText(claim.ServiceState, "$.serviceState", 2, required: true, problems) && !IsStateCode(claim.ServiceState))
        {
            problems.Add(new("$.serviceState", "is not a 2-letter state code"));
        }

        CodeText(claim.PlaceOfService, "$.placeOfService", ClaimLimits.MaxCodeLength, required: true, problems);

        if (claim.Diagnoses is null || claim.Diagnoses.Count == 0)
        {
            problems.Add(new("$.diagnoses", $"is required: 1 to {ClaimLimits.MaxDiagnoses} ICD-10-CM codes"));
        }
        else
        {
            if (claim.Diagnoses.Count > ClaimLimits.MaxDiagnoses)
            {
                problems.Add(new("$.diagnoses", $"has {claim.Diagnoses.Count} codes; a professional claim carries at most {ClaimLimits.MaxDiagnoses}"));
            }

            for (var i = 0; i < Math.Min(claim.Diagnoses.Count, ClaimLimits.MaxDiagnoses); i++)
            {
                var path = JsonPath.Root("$.diagnoses").Item(i);
                if (CodeText(claim.Diagnoses[i], path, ClaimLimits.MaxDiagnosisLength, required: true, problems) && !IsDiagnosisAsSent(claim.Diagnoses[i]))
                {
                    problems.Add(new(path, "is not sent as an ICD-10-CM code: letters and digits, with at most one dot, after the third character"));
                }
            }
        }

        var lines = claim.Lines;
        if (lines is null || lines.Count == 0)
        {
            problems.Add(new("$.lines", "is required: at least one service line"));
        }
        else if (lines.Count > ClaimLimits.MaxLines)
        {
            problems.Add(new("$.lines", $"has {lines.Count} service lines; a professional claim carries at most {ClaimLimits.MaxLines}"));
        }
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                ValidateLine(lines[i], JsonPath.Root("$.lines").Item(i), problems);
            }
        }

        ValidateClinical(claim.Clinical, problems);
        var serviceDates = ServiceDates(lines);
        ValidateServiceDates(lines, serviceDates, latestServiceDate, problems);
        ValidateAuthorizations(claim.PriorAuthorizations, problems);
        ValidateHistory(claim.History, serviceDates, latestServiceDate, problems);
        ValidatePatient(claim.Patient, serviceDates, problems);
        return problems;
    }

    /// <summary>Whether a claim id read from JSON may be echoed (within its limit and free of control characters).</summary>
    public static bool IsEchoableClaimId(string claimId)
        => claimId.Length <= ClaimLimits.MaxClaimIdLength && !HasControlCharacter(claimId);

    private static void ValidateLine(ClaimLine? line, JsonPath path, List<ClaimDataProblem> problems)
    {
        if (line is null)
        {
            problems.Add(new(path, "is null"));
            return;
        }

        if (line.Line < 1)
        {
            problems.Add(new(path.Member(".line"), "is required: a line number from 1"));
        }

        CodeText(line.Code, path.Member(".code"), ClaimLimits.MaxCodeLength, required: true, problems);
        if (line.DiagnosisPointers is null || line.DiagnosisPointers.Count == 0)
        {
            problems.Add(new(path.Member(".diagnosisPointers"), $"is required: 1 to {ClaimLimits.MaxPointers} pointers into diagnoses"));
        }
        else if (line.DiagnosisPointers.Count > ClaimLimits.MaxPointers)
        {
            problems.Add(new(path.Member(".diagnosisPointers"), $"has {line.DiagnosisPointers.Count} pointers; a professional claim line carries at most {ClaimLimits.MaxPointers}"));
        }

        if (line.ServiceDate == default)
        {
            problems.Add(new(path.Member(".serviceDate"), "is required"));
        }

        if (line.Modifiers is not null && AnyNull(line.Modifiers))
        {
            problems.Add(new(path.Member(".modifiers"), "contains a null modifier"));
        }
        else
        {
            CodeList(line.Modifiers, path.Member(".modifiers"), ClaimLimits.MaxModifiers, "a professional claim line carries at most", problems);
        }

        if (line.SpinalLevels is not null && AnyBlank(line.SpinalLevels))
        {
            problems.Add(new(path.Member(".spinalLevels"), "contains an empty or null entry"));
        }
        else
        {
            CodeList(line.SpinalLevels, path.Member(".spinalLevels"), ClaimLimits.MaxSpinalLevels, "a line may list at most", problems);
        }
        Range(line.Units, 0, MaxUnits, path.Member(".units"), problems);
        Range(line.Charge, 0m, MaxAmount, path.Member(".charge"), problems);
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

    /// <summary>The earliest and latest plausible dates of service on the lines, or null when there is none.</summary>
    private static (DateOnly Earliest, DateOnly Latest)? ServiceDates(IReadOnlyList<ClaimLine?>? lines)
    {
        if (lines is null || lines.Count > ClaimLimits.MaxLines)
        {
            return null;
        }

        (DateOnly Earliest, DateOnly Latest)? span = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is { } line && line.ServiceDate >= ClaimLimits.EarliestDate)
            {
                var date = line.ServiceDate;
                span = span is { } s ? (date < s.Earliest ? date : s.Earliest, date > s.Latest ? date : s.Latest) : (date, date);
            }
        }

        return span;
    }

    private static void ValidateServiceDates(IReadOnlyList<ClaimLine?>? lines, (DateOnly Earliest, DateOnly Latest)? span, DateOnly? horizon, List<ClaimDataProblem> problems)
    {
        if (lines is null || lines.Count > ClaimLimits.MaxLines)
        {
            return;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line is null || line.ServiceDate == default)
            {
                continue;
            }

            var path = JsonPath.Root("$.lines").Item(i).Member(".serviceDate");
            if (line.ServiceDate < ClaimLimits.EarliestDate)
            {
                problems.Add(new(path, BeforeIcd10));
            }
            else if (span is { } s && line.ServiceDate > s.Earliest.AddYears(ClaimLimits.MaxServiceSpanYears))
            {
                problems.Add(new(path, $"lies more than {ClaimLimits.MaxServiceSpanYears} year after the claim's earliest date of service; one claim's lines lie within a year (the Medicare filing limit, 42 CFR 424.44)"));
            }
            else if (horizon is { } h && line.ServiceDate > h)
            {
                problems.Add(new(path, "lies in the future (after the host's latest plausible date of service)"));
            }
        }
    }

    private static void ValidateAuthorizations(IReadOnlyList<PriorAuthorization?>? authorizations, List<ClaimDataProblem> problems)
    {
        if (authorizations is null)
        {
            return;
        }

        if (authorizations.Count > ClaimLimits.MaxAuthorizations)
        {
            problems.Add(new("$.priorAuthorizations", $"has {authorizations.Count} entries; a claim may carry at most {ClaimLimits.MaxAuthorizations}"));
            return;
        }

        for (var i = 0; i < authorizations.Count; i++)
        {
            var authorization = authorizations[i];
            var path = JsonPath.Root("$.priorAuthorizations").Item(i);
            if (authorization is null)
            {
                problems.Add(new(path, "is null"));
                continue;
            }

            FreeText(authorization.Number, path.Member(".number"), ClaimLimits.MaxAuthorizationNumberLength, required: false, problems);
            if (authorization.Codes is not null && AnyBlank(authorization.Codes))
            {
                problems.Add(new(path.Member(".codes"), "contains an empty or null entry"));
            }
            else
            {
                CodeList(authorization.Codes, path.Member(".codes"), ClaimLimits.MaxAuthorizationCodes, "an authorization may list at most", problems);
            }

            Range(authorization.Units, 0, MaxUnits, path.Member(".units"), problems);
            AuthorizationDate(authorization.ValidFrom, path.Member(".validFrom"), problems);
            AuthorizationDate(authorization.ValidTo, path.Member(".validTo"), problems);
        }
    }

    /// <summary>An authorization date only has the floor: one valid in the future does not cover a line, which the rules report.</summary>
    private static void AuthorizationDate(DateOnly? date, JsonPath path, List<ClaimDataProblem> problems)
    {
        if (date is { } d && d < ClaimLimits.EarliestDate)
        {
            problems.Add(new(path, BeforeIcd10));
        }
    }

    private static void ValidateHistory(IReadOnlyList<PriorService?>? history, (DateOnly Earliest, DateOnly Latest)? span, DateOnly? horizon, List<ClaimDataProblem> problems)
    {
        if (history is null)
        {
            return;
        }

        if (history.Count > ClaimLimits.MaxHistory)
        {
            problems.Add(new("$.history", $"has {history.Count} entries; a claim may carry at most {ClaimLimits.MaxHistory} earlier services"));
            return;
        }

        for (var i = 0; i < history.Count; i++)
        {
            var service = history[i];
            var path = JsonPath.Root("$.history").Item(i);
            if (service is null)
            {
                problems.Add(new(path, "is null"));
                continue;
            }

            CodeText(service.Code, path.Member(".code"), ClaimLimits.MaxCodeLength, required: true, problems);
            if (service.ServiceDate == default)
            {
                problems.Add(new(path.Member(".serviceDate"), "is required"));
            }
            else if (service.ServiceDate < ClaimLimits.EarliestDate)
            {
                problems.Add(new(path.Member(".serviceDate"), BeforeIcd10));
            }
            else if (span is { } s && service.ServiceDate > s.Latest)
            {
                problems.Add(new(path.Member(".serviceDate"), "lies after the claim's latest date of service; history lists earlier services"));
            }
            else if (horizon is { } h && service.ServiceDate > h)
            {
                problems.Add(new(path.Member(".serviceDate"), "lies in the future (after the host's latest plausible date of service)"));
            }

            if (service.Modifiers is not null && AnyBlank(service.Modifiers))
            {
                problems.Add(new(path.Member(".modifiers"), "contains an empty or null entry"));
            }
            else
            {
                CodeList(service.Modifiers, path.Member(".modifiers"), ClaimLimits.MaxModifiers, "a service carries at most", problems);
            }

            if (service.SpinalLevels is not null && AnyBlank(service.SpinalLevels))
            {
                problems.Add(new(path.Member(".spinalLevels"), "contains an empty or null entry"));
            }
            else
            {
                CodeList(service.SpinalLevels, path.Member(".spinalLevels"), ClaimLimits.MaxSpinalLevels, "a service may list at most", problems);
            }

            Range(service.ReliefPercent, 0m, 100m, path.Member(".reliefPercent"), problems);
            Range(service.ReliefDurationWeeks, 0m, MaxWeeks, path.Member(".reliefDurationWeeks"), problems);
        }
    }

    private static void ValidatePatient(Patient? patient, (DateOnly Earliest, DateOnly Latest)? span, List<ClaimDataProblem> problems)
    {
        if (patient?.BirthDate is not { } birth || span is not { } s)
        {
            return;
        }

        if (birth > s.Earliest || birth < s.Earliest.AddYears(-ClaimLimits.MaxAgeYears))
        {
            problems.Add(new("$.patient.birthDate", $"is not a plausible birth date (after the date of service, or more than {ClaimLimits.MaxAgeYears} years before it)"));
        }
    }

    private const string BeforeIcd10 = "is before 2015-10-01, when ICD-10-CM took effect (45 CFR 162.1002); the scrubber checks ICD-10-CM claims only";

    private static void CodeList(IReadOnlyList<string?>? values, JsonPath path, int maxCount, string limitText, List<ClaimDataProblem> problems)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > maxCount)
        {
            problems.Add(new(path, $"has {values.Count} entries; {limitText} {maxCount}"));
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } value)
            {
                CodeText(value, path.Item(i), ClaimLimits.MaxCodeLength, required: true, problems);
            }
        }
    }

    /// <summary>A code-like value (code, modifier, state, place of service, level): visible ASCII only, no spaces.</summary>
    /// <returns>Whether the value passed (so a more specific check may follow).</returns>
    private static bool CodeText(string? value, JsonPath path, int maxLength, bool required, List<ClaimDataProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add(new(path, "is required"));
            }

            return false;
        }

        if (value!.Length > maxLength)
        {
            problems.Add(new(path, $"is longer than {maxLength.ToString(CultureInfo.InvariantCulture)} characters"));
            return false;
        }

        if (!IsVisibleAscii(value))
        {
            problems.Add(new(path, "contains spaces, control characters or characters outside ASCII; codes are sent as letters, digits and punctuation only"));
            return false;
        }

        return true;
    }

    /// <summary>A free-text value (claim id, payer id and name, authorization number): bounded, no control or invisible formatting characters.</summary>
    private static void FreeText(string? value, JsonPath path, int maxLength, bool required, List<ClaimDataProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required || value is { Length: > 0 })
            {
                problems.Add(new(path, "is required"));
            }

            return;
        }

        if (value.Length > maxLength)
        {
            problems.Add(new(path, $"is longer than {maxLength.ToString(CultureInfo.InvariantCulture)} characters"));
        }
        else if (HasControlCharacter(value))
        {
            problems.Add(new(path, "contains control, invisible formatting or invalid Unicode characters"));
        }
    }

    private static bool HasControlCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (c == '\uFFFD')
            {
                return true; // the replacement character: text that was not valid UTF-8 or UTF-16 before it was decoded
            }

            if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStateCode(string value) => value.Length == 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]);

    /// <summary>ICD-10-CM as sent: letters and digits, optionally one dot right after the third character and followed by more.</summary>
    private static bool IsDiagnosisAsSent(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0 && (dot != 3 || value.Length == 4 || value.IndexOf('.', dot + 1) >= 0))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c != '.' && !char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void Range(decimal? value, decimal min, decimal max, JsonPath path, List<ClaimDataProblem> problems)
    {
        if (value is { } v && (v < min || v > max))
        {
            problems.Add(new(path, $"is out of range ({min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)})"));
        }
    }

    private static void Range(int? value, int min, int max, JsonPath path, List<ClaimDataProblem> problems)
    {
        if (value is { } v && (v < min || v > max))
        {
            problems.Add(new(path, $"is out of range ({min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)})"));
        }
    }

    private static bool IsVisibleAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyNull(IReadOnlyList<string?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyBlank(IReadOnlyList<string?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A JSON path built only when a problem names it (<c>$.lines[1].modifiers[0]</c>): a valid claim's check allocates
    /// no path text.
    /// </summary>
    private readonly struct JsonPath
    {
        private readonly string _root;
        private readonly int _index;
        private readonly string? _member;
        private readonly int _memberIndex;

        private JsonPath(string root, int index, string? member, int memberIndex)
        {
            _root = root;
            _index = index;
            _member = member;
            _memberIndex = memberIndex;
        }

        public static JsonPath Root(string path) => new(path, -1, null, -1);

        public static implicit operator string(JsonPath path) => path.ToString();

        public static implicit operator JsonPath(string path) => Root(path);

        /// <summary>An item of the array at this path (of the member's array once a member is named).</summary>
        public JsonPath Item(int index) => _member is null ? new(_root, index, null, -1) : new(_root, _index, _member, index);

        /// <summary>A member of the object at this path (written with its leading dot, e.g. <c>.code</c>).</summary>
        public JsonPath Member(string member) => new(_root, _index, member, -1);

        public override string ToString()
        {
            var text = _index < 0 ? _root : _root + "[" + _index.ToString(CultureInfo.InvariantCulture) + "]";
            if (_member is not null)
            {
                text += _member;
            }

            return _memberIndex < 0 ? text : text + "[" + _memberIndex.ToString(CultureInfo.InvariantCulture) + "]";
        }
    }
}
