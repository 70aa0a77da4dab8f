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
        Diagnoses = claim.Diagnoses.Select(NormalizeDiagnosis).ToArray();
        Lines = claim.Lines.Select(l => new LineView(l, Diagnoses)).OrderBy(l => l.Line).ToArray();
        PriorAuthorizations = (claim.PriorAuthorizations ?? []).Select(a => new PriorAuthorizationView(a)).ToArray();
        Clinical = new ClinicalView(claim.Clinical ?? new ClinicalDocumentation());
        History = (claim.History ?? []).Select(h => new PriorServiceView(h)).OrderBy(h => h.ServiceDate).ToArray();
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

    /// <summary>The lines dated <paramref name="date"/>, in line order (an index built once per claim: rules that look at
    /// "the other lines of the same day" stay linear in the lines).</summary>
    public IReadOnlyList<LineView> LinesOn(DateOnly date) => LinesByDate.TryGetValue(date, out var lines) ? lines : [];

    /// <summary>Whether a line with <paramref name="code"/> (normalised) is dated <paramref name="date"/>; constant time.</summary>
    public bool HasCodeOn(DateOnly date, string code) => LineCodes.Contains((date, code));

    /// <summary>The earlier services dated <paramref name="date"/>, oldest first (an index built once per claim).</summary>
    public IReadOnlyList<PriorServiceView> HistoryOn(DateOnly date) => HistoryByDate.TryGetValue(date, out var services) ? services : [];

    /// <summary>Whether an earlier service with <paramref name="code"/> (normalised) is dated <paramref name="date"/>; constant time.</summary>
    public bool HistoryHasCodeOn(DateOnly date, string code) => HistoryCodes.Contains((date, code));

    private Dictionary<DateOnly, LineView[]> LinesByDate => field ??= Lines.GroupBy(l => l.ServiceDate).ToDictionary(g => g.Key, g => g.ToArray());

    private HashSet<(DateOnly, string)> LineCodes => field ??= Lines.Select(l => (l.ServiceDate, l.Code)).ToHashSet();

    private Dictionary<DateOnly, PriorServiceView[]> HistoryByDate => field ??= History.GroupBy(h => h.ServiceDate).ToDictionary(g => g.Key, g => g.ToArray());

    private HashSet<(DateOnly, string)> HistoryCodes => field ??= History.Select(h => (h.ServiceDate, h.Code)).ToHashSet();

    internal static string Normalize(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    /// <summary>ICD-10-CM in its dotted form (upper case, the dot after the third character), however it was sent.</summary>
    internal static string NormalizeDiagnosis(string? code)
    {
        var bare = Normalize(code).Replace(".", string.Empty, StringComparison.Ordinal);
        return bare.Length > 3 ? string.Concat(bare.AsSpan(0, 3), ".", bare.AsSpan(3)) : bare;
    }

    internal static IReadOnlyList<string> NormalizeAll(IEnumerable<string>? codes) => (codes ?? []).Select(Normalize).ToArray();
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
        DiagnosisPointers = line.DiagnosisPointers.ToArray();
        ServiceDate = line.ServiceDate;
        Charge = line.Charge;
        SpinalLevels = ClaimView.NormalizeAll(line.SpinalLevels);
        Diagnoses = DiagnosisPointers
            .Where(p => p >= 1 && p <= claimDiagnoses.Count)
            .Select(p => claimDiagnoses[p - 1])
            .ToArray();
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
