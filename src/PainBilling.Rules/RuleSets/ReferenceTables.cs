namespace PainBilling.Rules.RuleSets;

/// <summary>The names of the reference tables the engine knows, and the row type of each.</summary>
internal static class ReferenceTableNames
{
    public const string ProcedureCodes = "procedure-codes";
    public const string CodeSets = "code-sets";
    public const string AddOnCodes = "add-on-codes";
    public const string Mue = "mue-practitioner";
    public const string BilateralIndicators = "bilateral-indicators";
    public const string GlobalDays = "global-days";
    public const string MacJurisdictions = "mac-jurisdictions";
    public const string HeaderCodes = "icd10-header-codes";
    public const string DiagnosisGroups = "diagnosis-groups";
    public const string LcdDocuments = "lcd-documents";
    public const string NcciPtp = "ncci-ptp";
    public const string Icd10CmCodes = "icd10cm-codes";
    public const string PayerPriorAuthorization = "payer-prior-authorization";

    public static readonly IReadOnlyDictionary<string, Type> RowTypes = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [ProcedureCodes] = typeof(ProcedureCodeRow),
        [CodeSets] = typeof(CodeSetRow),
        [AddOnCodes] = typeof(AddOnCodeRow),
        [Mue] = typeof(MueRow),
        [BilateralIndicators] = typeof(BilateralIndicatorRow),
        [GlobalDays] = typeof(GlobalDaysRow),
        [MacJurisdictions] = typeof(MacJurisdictionRow),
        [HeaderCodes] = typeof(HeaderCodeRow),
        [DiagnosisGroups] = typeof(DiagnosisGroupRow),
        [LcdDocuments] = typeof(LcdDocumentRow),
        [NcciPtp] = typeof(PtpEditRow),
        [Icd10CmCodes] = typeof(Icd10CmCodeListRow),
        [PayerPriorAuthorization] = typeof(PayerPriorAuthorizationRow),
    };
}

/// <summary>One version of one reference table, as loaded from a file.</summary>
internal sealed record ReferenceTableVersion(string Name, string Version, EffectiveWindow Effective, IReadOnlyList<string> Sources, string File, IReadOnlyList<object> Rows);

/// <summary>All loaded versions of all reference tables.</summary>
internal sealed class ReferenceTableSet
{
    private readonly IReadOnlyList<ReferenceTableVersion> _versions;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlySet<string>> _definedIds = new(StringComparer.Ordinal);

    public ReferenceTableSet(IReadOnlyList<ReferenceTableVersion> versions) => _versions = versions;

    public IReadOnlyList<ReferenceTableVersion> Versions => _versions;

    /// <summary>The version of each table in force on <paramref name="date"/> (tables without one are absent).</summary>
    public IReadOnlyList<ReferenceTableVersion> InForce(DateOnly date)
        => _versions.Where(v => v.Effective.Contains(date)).OrderBy(v => v.Name, StringComparer.Ordinal).ToArray();

    /// <summary>Every id a table of <paramref name="table"/> defines in any version (code-set ids, diagnosis-group ids, procedure families),
    /// computed once per table: the loader asks for every expression it lints.</summary>
    public IReadOnlySet<string> DefinedIds(string table) => _definedIds.GetOrAdd(table, name => _versions
        .Where(v => v.Name == name)
        .SelectMany(v => v.Rows)
        .Select(r => r switch { CodeSetRow c => c.Id, DiagnosisGroupRow d => d.Id, ProcedureCodeRow p => p.Family, _ => string.Empty })
        .Where(id => id.Length > 0)
        .ToHashSet(StringComparer.Ordinal));
}
