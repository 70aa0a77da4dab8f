using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.ReferenceData;

/// <summary>One loaded reference-table version as listed by <c>painrules reference</c>.</summary>
internal sealed record ReferenceTableSummary(string Table, string Version, EffectiveWindow Effective, int Rows, int VerifiedRows, bool HasVerifiedFlag, string File);

/// <summary>Which dates of service one edit checks with official data (certain) and with carried or secondary data (warnings only).</summary>
internal sealed record EditCalendar(string Edit, string Table, IReadOnlyList<(EffectiveWindow Window, string Basis)> Periods, string Note);

/// <summary>The loaded reference tables and the calendar of the edits that depend on them.</summary>
internal static class ReferenceCatalogue
{
    private static readonly (string Edit, string Table, string Note)[] Edits =
    [
        ("ICD-10-CM validity (DX-CODE-001/002)", ReferenceTableNames.Icd10CmCodes, "other dates: only the known header codes (DX-HEADER-001) and an Info (DX-CODE-003)"),
        ("E/M on a 000/010 global day (EM-25-002/003)", ReferenceTableNames.GlobalDays, "Medicare PFS global days"),
        ("Bilateral modifier 50 and units (MOD-50-002/003, MOD-BILAT-001, MOD-UNITS-001)", ReferenceTableNames.BilateralIndicators, "Medicare PFS bilateral indicators"),
        ("Add-on without primary (CPT-ADDON-001/002)", ReferenceTableNames.AddOnCodes, "NCCI add-on code edits, each primary with its own edit dates"),
        ("MUE units (NCCI-MUE-001/002)", ReferenceTableNames.Mue, "partial: codes without a verified row are reported as not checked (NCCI-DATA-002)"),
        ("PTP pairs (NCCI-PTP-001/003)", ReferenceTableNames.NcciPtp, "partial: pairs without a row are reported as not checked (NCCI-DATA-003)"),
    ];

    public static IReadOnlyList<ReferenceTableSummary> Tables(RuleLibrary library) => library.Loaded.Tables.Versions
        .OrderBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.Effective.From)
        .Select(v =>
        {
            var flags = v.Rows.Select(Verified).ToList();
            var rows = v.Rows is [Icd10CmCodeListRow, ..] ? v.Rows.Cast<Icd10CmCodeListRow>().Sum(r => r.Codes.Length) : v.Rows.Count;
            return new ReferenceTableSummary(v.Name, v.Version, v.Effective, rows, flags.Count(f => f == true), flags.Any(f => f is not null), v.File);
        })
        .ToArray();

    public static IReadOnlyList<EditCalendar> Calendar(RuleLibrary library)
    {
        var tables = Tables(library);
        return Edits.Select(e =>
        {
            var versions = tables.Where(t => t.Table == e.Table).ToList();
            var periods = new List<(EffectiveWindow Window, string Basis)>();
            foreach (var v in versions)
            {
                var basis = !v.HasVerifiedFlag || v.VerifiedRows == v.Rows ? $"checked ({v.Version})"
                    : v.VerifiedRows == 0 ? $"warnings only, unverified ({v.Version})"
                    : $"checked for {v.VerifiedRows} of {v.Rows} rows, warnings for the rest ({v.Version})";
                if (periods.Count > 0 && periods[^1].Basis == basis && periods[^1].Window.To is { } end && end.AddDays(1) == v.Effective.From)
                {
                    periods[^1] = (periods[^1].Window with { To = v.Effective.To }, basis);
                }
                else
                {
                    periods.Add((v.Effective, basis));
                }
            }

            return new EditCalendar(e.Edit, e.Table, periods, e.Note);
        }).ToArray();
    }

    private static bool? Verified(object row) => row switch
    {
        MueRow r => r.Verified,
        BilateralIndicatorRow r => r.Verified,
        GlobalDaysRow r => r.Verified,
        PtpEditRow r => r.Verified,
        AddOnCodeRow r => r.Verified,
        DiagnosisGroupRow r => r.Verified,
        _ => null,
    };
}
