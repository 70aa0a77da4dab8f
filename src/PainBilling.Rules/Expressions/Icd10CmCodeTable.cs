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
        Description = $"ICD-10-CM {version.Version} ({version.Effective})";
        var rows = version.Rows.Cast<Icd10CmCodeListRow>().ToList();
        _billable = rows.Single(r => r.Status == Icd10CmCodeStatus.Billable);
        _headers = rows.SingleOrDefault(r => r.Status == Icd10CmCodeStatus.Header);
    }

    public ReferenceTableVersion Version { get; }

    /// <summary>E.g. <c>ICD-10-CM FY2026 (2025-10-01..2026-09-30)</c>.</summary>
    public string Describe() => Description;

    private string Description { get; }

    public static Icd10CmCodeTable? From(ReferenceTableVersion? version) => version is null ? null : new Icd10CmCodeTable(version);

    /// <summary><c>Billable</c>, <c>Header</c> or <c>Unknown</c> for a diagnosis with or without the dot.</summary>
    public string StatusOf(string diagnosis)
    {
        // The bare code (no dot, no surrounding space, upper case) without allocating: codes are at most 8 characters.
        var text = (diagnosis ?? string.Empty).AsSpan().Trim();
        if (text.Length > 16)
        {
            return "Unknown";
        }

        Span<char> buffer = stackalloc char[16];
        var length = 0;
        foreach (var c in text)
        {
            if (c != '.')
            {
                buffer[length++] = char.ToUpperInvariant(c);
            }
        }

        var bare = buffer[..length].Trim();
        if (_billable.Contains(bare))
        {
            return "Billable";
        }

        return _headers is not null && _headers.Contains(bare) ? "Header" : "Unknown";
    }
}
