using PainBilling.Rules.Claims;

namespace PainBilling.Rules.Expressions;

/// <summary>
/// The claim as rule expressions see it (parameter <c>claim</c>): codes normalised (upper case, ICD-10-CM in dotted form),
/// lists never null, enums as their names, and no patient demographics at all.
/// </summary>
internal sealed class ClaimView
{
    private ClaimView(Claim claim)
    {
        ClaimId = claim.ClaimId;
        Payer = new PayerView(claim.Payer.Id.Trim(), claim.Payer.Type.ToString());
        ServiceState = Normalize(claim.ServiceState);
        PlaceOfService = claim.PlaceOfService.Trim();
        // Plain loops (a view is built per claim, on the hot path); the sorts are stable, as OrderBy is.
        var diagnoses = new string[claim.Diagnoses.Count];
        for (var i = 0; i < diagnoses.Length; i++)
        {
            diagnoses[i] = NormalizeDiagnosis(claim.Diagnoses[i]);
        }

        Diagnoses = diagnoses;
        var lines = new LineView[claim.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = new LineView(claim.Lines[i], diagnoses);
        }

        StableSort(lines, static (a, b) => a.Line.CompareTo(b.Line));
        Lines = lines;
        if (lines.Length > 0)
        {
            DateOnly? single = lines[0].ServiceDate;
            foreach (var line in lines)
            {
                if (line.ServiceDate != single)
                {
                    single = null;
                    break;
                }
            }

            SingleLineDate = single;
        }
        var authorizations = claim.PriorAuthorizations ?? [];
        var authorizationViews = authorizations.Count == 0 ? [] : new PriorAuthorizationView[authorizations.Count];
        for (var i = 0; i < authorizationViews.Length; i++)
        {
            authorizationViews[i] = new PriorAuthorizationView(authorizations[i]);
        }

        PriorAuthorizations = authorizationViews;
        Clinical = new ClinicalView(claim.Clinical ?? new ClinicalDocumentation());
        var history = claim.History ?? [];
        var historyViews = history.Count == 0 ? [] : new PriorServiceView[history.Count];
        for (var i = 0; i < historyViews.Length; i++)
        {
            historyViews[i] = new PriorServiceView(history[i]);
        }

        StableSort(historyViews, static (a, b) => a.ServiceDate.CompareTo(b.ServiceDate));
        History = historyViews;
    }

    public string ClaimId { get; }

    public PayerView Payer { get; }

    public string ServiceState { get; }

    public string PlaceOfService { get; }

    public IReadOnlyList<string> Diagnoses { get; }

    public IReadOnlyList<LineView> Lines { get; }

    public IReadOnlyList<PriorAuthorizationView> PriorAuthorizations { get; }

    public ClinicalView Clinical { get; }

    public IReadOnlyList<PriorServiceView> History { get; }

    public static ClaimView From(Claim claim) => new(claim);

    /// <summary>Up to this many entries, the date lookups below scan the list; above it, they use an index built once per claim.</summary>
    private const int ScanLimit = 8;

    /// <summary>The lines dated <paramref name="date"/>, in line order (an index built once per claim: rules that look at
    /// "the other lines of the same day" stay linear in the lines).</summary>
    public IReadOnlyList<LineView> LinesOn(DateOnly date)
    {
        if (SingleLineDate is { } only)
        {
            // Usually every line has one date of service: the answer is all lines or none.
            return only == date ? Lines : [];
        }

        return LinesByDate.TryGetValue(date, out var lines) ? lines : [];
    }

    /// <summary>Whether a line with <paramref name="code"/> (normalised) is dated <paramref name="date"/>; constant time on long claims.</summary>
    public bool HasCodeOn(DateOnly date, string code)
    {
        if (Lines.Count <= ScanLimit)
        {
            foreach (var line in (LineView[])Lines)
            {
                if (line.ServiceDate == date && line.Code == code)
                {
                    return true;
                }
            }

            return false;
        }

        return LineCodes.Contains((date, code));
    }

    /// <summary>The earlier services dated <paramref name="date"/>, oldest first (an index built once per claim).</summary>
    public IReadOnlyList<PriorServiceView> HistoryOn(DateOnly date) => HistoryByDate.TryGetValue(date, out var services) ? services : [];

    /// <summary>Whether an earlier service with <paramref name="code"/> (normalised) is dated <paramref name="date"/>; constant time on long histories.</summary>
    public bool HistoryHasCodeOn(DateOnly date, string code)
    {
        if (History.Count <= ScanLimit)
        {
            foreach (var service in (PriorServiceView[])History)
            {
                if (service.ServiceDate == date && service.Code == code)
                {
                    return true;
                }
            }

            return false;
        }

        return HistoryCodes.Contains((date, code));
    }

    /// <summary>The one date of service of every line, or null when the lines have several.</summary>
    private DateOnly? SingleLineDate { get; }

    private Dictionary<DateOnly, LineView[]> LinesByDate => field ??= Lines.GroupBy(l => l.ServiceDate).ToDictionary(g => g.Key, g => g.ToArray());

    private HashSet<(DateOnly, string)> LineCodes => field ??= Lines.Select(l => (l.ServiceDate, l.Code)).ToHashSet();

    private Dictionary<DateOnly, PriorServiceView[]> HistoryByDate => field ??= History.GroupBy(h => h.ServiceDate).ToDictionary(g => g.Key, g => g.ToArray());

    private HashSet<(DateOnly, string)> HistoryCodes => field ??= History.Select(h => (h.ServiceDate, h.Code)).ToHashSet();

    internal static string Normalize(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    /// <summary>ICD-10-CM in its dotted form (upper case, the dot after the third character), however it was sent.</summary>
    internal static string NormalizeDiagnosis(string? code)
    {
        var normal = Normalize(code);
        var dot = normal.IndexOf('.', StringComparison.Ordinal);
        if (normal.Length > 4 && dot == 3 && normal.IndexOf('.', 4) < 0)
        {
            // Already in the dotted form (the usual case): no new string.
            return normal;
        }

        var bare = normal.Replace(".", string.Empty, StringComparison.Ordinal);
        return bare.Length > 3 ? string.Concat(bare.AsSpan(0, 3), ".", bare.AsSpan(3)) : bare;
    }

    internal static IReadOnlyList<string> NormalizeAll(IReadOnlyList<string>? codes)
    {
        if (codes is null || codes.Count == 0)
        {
            return [];
        }

        var normal = new string[codes.Count];
        for (var i = 0; i < normal.Length; i++)
        {
            normal[i] = Normalize(codes[i]);
        }

        return normal;
    }

    /// <summary>An insertion sort: stable, and the lists are short (at most the claim limits).</summary>
    private static void StableSort<T>(T[] items, Comparison<T> compare)
    {
        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && compare(items[j], item) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }
}

/// <summary>The payer as expressions see it (<c>claim.Payer</c>).</summary>
internal sealed record PayerView(string Id, string Type);

/// <summary>A service line as expressions see it (parameter <c>line</c>).</summary>
internal sealed class LineView
{
    internal LineView(ClaimLine line, IReadOnlyList<string> claimDiagnoses)
    {
        Line = line.Line;
        Code = ClaimView.Normalize(line.Code);
        Modifiers = ClaimView.NormalizeAll(line.Modifiers);
        Units = line.Units;
        var pointers = line.DiagnosisPointers.ToArray();
        DiagnosisPointers = pointers;
        ServiceDate = line.ServiceDate;
        Charge = line.Charge;
        SpinalLevels = ClaimView.NormalizeAll(line.SpinalLevels);
        var reached = 0;
        foreach (var p in pointers)
        {
            if (p >= 1 && p <= claimDiagnoses.Count)
            {
                reached++;
            }
        }

        var diagnoses = reached == 0 ? [] : new string[reached];
        reached = 0;
        foreach (var p in pointers)
        {
            if (p >= 1 && p <= claimDiagnoses.Count)
            {
                diagnoses[reached++] = claimDiagnoses[p - 1];
            }
        }

        Diagnoses = diagnoses;
    }

    public int Line { get; }

    public string Code { get; }

    public IReadOnlyList<string> Modifiers { get; }

    public int Units { get; }

    public IReadOnlyList<int> DiagnosisPointers { get; }

    public DateOnly ServiceDate { get; }

    public decimal? Charge { get; }

    public IReadOnlyList<string> SpinalLevels { get; }

    /// <summary>The diagnosis codes the line's valid pointers reach (normalised, dotted form).</summary>
    public IReadOnlyList<string> Diagnoses { get; }
}

/// <summary>A prior authorization as expressions see it.</summary>
internal sealed class PriorAuthorizationView
{
    internal PriorAuthorizationView(PriorAuthorization authorization)
    {
        Number = authorization.Number ?? string.Empty;
        Codes = ClaimView.NormalizeAll(authorization.Codes);
        ValidFrom = authorization.ValidFrom;
        ValidTo = authorization.ValidTo;
        Units = authorization.Units;
    }

    public string Number { get; }

    public IReadOnlyList<string> Codes { get; }

    public DateOnly? ValidFrom { get; }

    public DateOnly? ValidTo { get; }

    public int? Units { get; }

    /// <summary>Whether the authorization is in force on <paramref name="date"/> (both ends inclusive; an open end is unlimited).</summary>
    public bool InForceOn(DateOnly date) => (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}

/// <summary>Clinical documentation as expressions see it (<c>claim.Clinical</c>); never null, members null when not documented.</summary>
internal sealed class ClinicalView
{
    internal ClinicalView(ClinicalDocumentation c)
    {
        PainScore = c.PainScore;
        PainDurationMonths = c.PainDurationMonths;
        ConservativeCareWeeks = c.ConservativeCareWeeks;
        FunctionalImpairmentDocumented = c.FunctionalImpairmentDocumented;
        ImagingGuidance = c.ImagingGuidance?.ToString();
        ImagingFindingsDocumented = c.ImagingFindingsDocumented;
        PsychologicalEvaluationDocumented = c.PsychologicalEvaluationDocumented;
        ScsTrialReliefPercent = c.ScsTrialReliefPercent;
        MuscleGroupsInjected = c.MuscleGroupsInjected;
        SeparateEvaluationDocumented = c.SeparateEvaluationDocumented;
        InjuryDocumented = c.InjuryDocumented;
        MedicationHistoryDocumented = c.MedicationHistoryDocumented;
        ProcedureNoteDocumented = c.ProcedureNoteDocumented;
        ContrastContraindicationDocumented = c.ContrastContraindicationDocumented;
        AblationNotCandidateReasonDocumented = c.AblationNotCandidateReasonDocumented;
    }

    public decimal? PainScore { get; }

    public decimal? PainDurationMonths { get; }

    /// <summary><see cref="PainDurationMonths"/> in weeks (months x 52 / 12, two decimals), or null when not documented.</summary>
    public decimal? PainDurationWeeks => PainDurationMonths is { } months ? Math.Round(months * 52m / 12m, 2) : null;

    public decimal? ConservativeCareWeeks { get; }

    public bool? FunctionalImpairmentDocumented { get; }

    public string? ImagingGuidance { get; }

    public bool? ImagingFindingsDocumented { get; }

    public bool? PsychologicalEvaluationDocumented { get; }

    public decimal? ScsTrialReliefPercent { get; }

    public int? MuscleGroupsInjected { get; }

    public bool? SeparateEvaluationDocumented { get; }

    public bool? InjuryDocumented { get; }

    public bool? MedicationHistoryDocumented { get; }

    public bool? ProcedureNoteDocumented { get; }

    public bool? ContrastContraindicationDocumented { get; }

    public bool? AblationNotCandidateReasonDocumented { get; }
}

/// <summary>An earlier service as expressions see it (<c>claim.History</c>).</summary>
internal sealed class PriorServiceView
{
    internal PriorServiceView(PriorService service)
    {
        Code = ClaimView.Normalize(service.Code);
        ServiceDate = service.ServiceDate;
        Modifiers = ClaimView.NormalizeAll(service.Modifiers);
        SpinalLevels = ClaimView.NormalizeAll(service.SpinalLevels);
        ReliefPercent = service.ReliefPercent;
        ReliefDurationWeeks = service.ReliefDurationWeeks;
    }

    public string Code { get; }

    public DateOnly ServiceDate { get; }

    public IReadOnlyList<string> Modifiers { get; }

    public IReadOnlyList<string> SpinalLevels { get; }

    public decimal? ReliefPercent { get; }

    public decimal? ReliefDurationWeeks { get; }
}
