using System.Text.RegularExpressions;

namespace PainBilling.Rules.RuleSets;

/// <summary>Checks of a reference-table file beyond its shape (the row types' own invariants).</summary>
internal static partial class ReferenceTableChecks
{
    /// <summary>Throws <see cref="RuleSetLoadException"/> when a table's rows break an invariant its lookups rely on.</summary>
    public static void Check(ReferenceTableVersion table)
    {
        if (table.Name == ReferenceTableNames.Icd10CmCodes)
        {
            CheckIcd10CmCodes(table);
        }
    }

    private static void CheckIcd10CmCodes(ReferenceTableVersion table)
    {
        var rows = table.Rows.Cast<Icd10CmCodeListRow>().ToList();
        if (rows.Count(r => r.Status == Icd10CmCodeStatus.Billable) != 1)
        {
            throw new RuleSetLoadException(table.File, null, "table 'icd10cm-codes' needs exactly one row with Status Billable (and at most one with Status Header)");
        }

        foreach (var row in rows)
        {
            if (row.Codes.Length != row.Count)
            {
                throw new RuleSetLoadException(table.File, null, $"{row.Status} row: Count is {row.Count} but Codes holds {row.Codes.Length} codes (truncated or edited file?)");
            }

            for (var i = 0; i < row.Codes.Length; i++)
            {
                var code = row.Codes[i];
                if (code is null || !BareIcd10Cm().IsMatch(code))
                {
                    throw new RuleSetLoadException(table.File, null, $"{row.Status} row: Codes[{i}] '{code}' is not an ICD-10-CM code without the dot (e.g. M5416)");
                }

                if (i > 0 && string.CompareOrdinal(row.Codes[i - 1], code) >= 0)
                {
                    throw new RuleSetLoadException(table.File, null, $"{row.Status} row: Codes must be unique and sorted ordinally; '{code}' at index {i} follows '{row.Codes[i - 1]}'");
                }
            }
        }

        if (rows.Count == 2)
        {
            var billable = rows.Single(r => r.Status == Icd10CmCodeStatus.Billable);
            var both = rows.Single(r => r.Status == Icd10CmCodeStatus.Header).Codes.FirstOrDefault(billable.Contains);
            if (both is not null)
            {
                throw new RuleSetLoadException(table.File, null, $"code '{both}' is listed both as Billable and as Header");
            }
        }
    }

    [GeneratedRegex("^[A-Z][0-9A-Z]{2,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex BareIcd10Cm();
}
