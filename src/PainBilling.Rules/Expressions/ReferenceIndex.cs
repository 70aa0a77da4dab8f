using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Expressions;

/// <summary>
/// Lookup structures over one combination of reference-table versions. Built once per combination and shared by
/// every date of service on which that combination is in force (so memory does not grow with the number of dates).
/// </summary>
internal sealed class ReferenceIndex
{
    public ReferenceIndex(IReadOnlyList<ReferenceTableVersion> tables, IReadOnlyList<ReferenceTableVersion>? allVersions = null)
    {
        Tables = tables;
        Icd10Cm = Icd10CmCodeTable.From(tables.FirstOrDefault(t => t.Name == ReferenceTableNames.Icd10CmCodes));
        Icd10CmOtherYears = (allVersions ?? [])
            .Where(t => t.Name == ReferenceTableNames.Icd10CmCodes && !tables.Contains(t))
            .OrderBy(t => t.Effective.From)
            .Select(t => Icd10CmCodeTable.From(t)!)
            .ToArray();
        Procedures = Rows<ProcedureCodeRow>(ReferenceTableNames.ProcedureCodes).ToDictionary(r => r.Code, StringComparer.Ordinal);
        Sets = Rows<CodeSetRow>(ReferenceTableNames.CodeSets).ToDictionary(r => r.Id, r => r.Codes.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        AddOns = Rows<AddOnCodeRow>(ReferenceTableNames.AddOnCodes).ToDictionary(r => r.AddOn, StringComparer.Ordinal);
        Mue = Rows<MueRow>(ReferenceTableNames.Mue).ToDictionary(r => r.Code, r => new MueLimit(r.Value, r.Mai, r.Verified), StringComparer.Ordinal);
        Bilateral = Rows<BilateralIndicatorRow>(ReferenceTableNames.BilateralIndicators).ToDictionary(r => r.Code, r => new BilateralIndicator(r.Indicator, r.Verified), StringComparer.Ordinal);
        Global = Rows<GlobalDaysRow>(ReferenceTableNames.GlobalDays).ToDictionary(r => r.Code, r => new GlobalPeriod(r.Global, r.Verified), StringComparer.Ordinal);
        Macs = Rows<MacJurisdictionRow>(ReferenceTableNames.MacJurisdictions).ToDictionary(r => r.State, StringComparer.Ordinal);
        Headers = Rows<HeaderCodeRow>(ReferenceTableNames.HeaderCodes).Select(r => r with { Code = ClaimView.NormalizeDiagnosis(r.Code) }).ToList();
        Groups = Rows<DiagnosisGroupRow>(ReferenceTableNames.DiagnosisGroups)
            .Select(r => r with { Codes = r.Codes?.Select(ClaimView.NormalizeDiagnosis).ToArray(), Prefixes = r.Prefixes?.Select(ClaimView.NormalizeDiagnosis).ToArray() })
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        Lcds = Rows<LcdDocumentRow>(ReferenceTableNames.LcdDocuments).ToList();
        PtpColumn1 = Rows<PtpEditRow>(ReferenceTableNames.NcciPtp).Select(r => r.Column1).ToHashSet(StringComparer.Ordinal);
        PtpEdits = Rows<PtpEditRow>(ReferenceTableNames.NcciPtp).ToDictionary(r => (r.Column1, r.Column2), r => new PtpEdit(r.Column1, r.Column2, r.ModifierIndicator, r.Verified));
        PayerAuthPolicies = Rows<PayerPriorAuthorizationRow>(ReferenceTableNames.PayerPriorAuthorization).ToList();

        IEnumerable<T> Rows<T>(string table) => tables.FirstOrDefault(t => t.Name == table)?.Rows.Cast<T>() ?? [];
    }

    public IReadOnlyList<ReferenceTableVersion> Tables { get; }

    public Dictionary<string, ProcedureCodeRow> Procedures { get; }

    public Dictionary<string, HashSet<string>> Sets { get; }

    public Dictionary<string, AddOnCodeRow> AddOns { get; }

    public Dictionary<string, MueLimit> Mue { get; }

    public Dictionary<string, BilateralIndicator> Bilateral { get; }

    public Dictionary<string, GlobalPeriod> Global { get; }

    public Dictionary<string, MacJurisdictionRow> Macs { get; }

    public List<HeaderCodeRow> Headers { get; }

    public Dictionary<string, DiagnosisGroupRow> Groups { get; }

    public List<LcdDocumentRow> Lcds { get; }

    /// <summary>PTP edits by (column 1, column 2) code pair (a tuple key: looking a pair up allocates nothing).</summary>
    public Dictionary<(string Column1, string Column2), PtpEdit> PtpEdits { get; }

    /// <summary>The column-1 codes that have at least one row in the PTP table in force.</summary>
    public HashSet<string> PtpColumn1 { get; }

    /// <summary>The ICD-10-CM code table of the fiscal year in force, or <see langword="null"/>.</summary>
    public Icd10CmCodeTable? Icd10Cm { get; }

    /// <summary>The other loaded ICD-10-CM fiscal years (to say when a code was deleted or starts).</summary>
    public IReadOnlyList<Icd10CmCodeTable> Icd10CmOtherYears { get; }

    public List<PayerPriorAuthorizationRow> PayerAuthPolicies { get; }

    /// <summary>A key identifying the combination of table versions.</summary>
    public static string KeyOf(IEnumerable<ReferenceTableVersion> tables) => string.Join("|", tables.Select(t => t.Name + "@" + t.Version));
}
