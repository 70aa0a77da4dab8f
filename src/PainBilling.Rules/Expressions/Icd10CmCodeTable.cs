using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Expressions;

/// <summary>
/// One fiscal year of ICD-10-CM (one version of table <c>icd10cm-codes</c>): lookups are binary searches over the
/// sorted code arrays as loaded, so nothing is built per date and a table version costs its arrays only.
/// </summary>
internal sealed class Icd10CmCodeTable
{
    private readonly Icd10CmCodeListRow _billable;
    private readonly Icd10CmCodeListRow? _headers;

    private Icd10CmCodeTable(ReferenceTableVersion version)
    {
        Version = version;
        var rows = version.Rows.Cast<Icd10CmCodeListRow>().ToList();
        _billable = rows.Single(r => r.Status == Icd10CmCodeStatus.Billable);
        _headers = rows.SingleOrDefault(r => r.Status == Icd10CmCodeStatus.Header);
    }

    public ReferenceTableVersion Version { get; }

    /// <summary>E.g. <c>ICD-10-CM FY2026 (2025-10-01..2026-09-30)</c>.</summary>
    public string Describe() => $"ICD-10-CM {Version.Version} ({Version.Effective})";

    public static Icd10CmCodeTable? From(ReferenceTableVersion? version) => version is null ? null : new Icd10CmCodeTable(version);

    /// <summary><c>Billable</c>, <c>Header</c> or <c>Unknown</c> for a diagnosis with or without the dot.</summary>
    public string StatusOf(string diagnosis)
    {
        var bare = (diagnosis ?? string.Empty).Replace(".", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (_billable.Contains(bare))
        {
            return "Billable";
        }

        return _headers is not null && _headers.Contains(bare) ? "Header" : "Unknown";
    }
}
