namespace PainBilling.Rules.RuleSets;

// Row shapes of the reference tables under rules-json/reference. Each table file holds one version of one table.
// Property names are the JSON keys (PascalCase); unknown keys are load errors.

/// <summary>A procedure code's family, spinal region and kind (table <c>procedure-codes</c>).</summary>
internal sealed record ProcedureCodeRow(string Code, string Family, string? Region, string? Kind, string Source);

/// <summary>A named list of codes (table <c>code-sets</c>).</summary>
internal sealed record CodeSetRow(string Id, IReadOnlyList<string> Codes, string Source);

/// <summary>
/// An add-on code and the primary codes it may be reported with (table <c>add-on-codes</c>). Each primary carries the
/// window of its edit (NCCI AOC edit effective and deletion dates; <see langword="null"/> = open). <paramref name="Period"/>
/// says where the primary must be: on the same date of service (<c>Day</c>) or in the same calendar month (<c>CalendarMonth</c>,
/// monthly codes such as G3003 with G3002). <paramref name="AocType"/> is the NCCI AOC edit type (1: only the listed primaries).
/// Rows with <paramref name="Verified"/> false are not from an official file for the dates they apply to: rules only warn.
/// </summary>
internal sealed record AddOnCodeRow(string AddOn, IReadOnlyList<AddOnPrimary> Primaries, int? AocType, AddOnPeriod Period, bool Verified, string Source);

/// <summary>A primary code of an add-on and the dates of service its edit applies to (both inclusive).</summary>
internal sealed record AddOnPrimary(string Code, DateOnly? From, DateOnly? To)
{
    /// <summary>Whether the edit applies on <paramref name="date"/>.</summary>
    public bool InForceOn(DateOnly date) => (From is null || From <= date) && (To is null || date <= To);
}

/// <summary>Where an add-on's primary must be reported.</summary>
internal enum AddOnPeriod
{
    /// <summary>On the same date of service.</summary>
    Day,

    /// <summary>In the same calendar month (monthly services).</summary>
    CalendarMonth,
}

/// <summary>A practitioner MUE value (table <c>mue-practitioner</c>).</summary>
internal sealed record MueRow(string Code, int Value, int? Mai, bool Verified, string Source);

/// <summary>A PFS bilateral-surgery indicator (table <c>bilateral-indicators</c>).</summary>
internal sealed record BilateralIndicatorRow(string Code, int Indicator, bool Verified, string Source);

/// <summary>A PFS global period (table <c>global-days</c>): 000, 010, 090, XXX, ZZZ.</summary>
internal sealed record GlobalDaysRow(string Code, string Global, bool Verified, string Source);

/// <summary>The A/B MAC for a state (table <c>mac-jurisdictions</c>).</summary>
internal sealed record MacJurisdictionRow(string State, string Mac, string Jurisdiction, string Source);

/// <summary>An ICD-10-CM code that is a non-billable header from a date (table <c>icd10-header-codes</c>).</summary>
internal sealed record HeaderCodeRow(string Code, DateOnly HeaderFrom, string Source);

/// <summary>A named diagnosis group (table <c>diagnosis-groups</c>): exact codes and code prefixes.</summary>
internal sealed record DiagnosisGroupRow(string Id, IReadOnlyList<string>? Codes, IReadOnlyList<string>? Prefixes, bool Verified, string Source);

/// <summary>The LCD and billing article of a MAC jurisdiction for a topic (table <c>lcd-documents</c>).</summary>
internal sealed record LcdDocumentRow(string Topic, string Jurisdiction, string Lcd, string Article, string Source);

/// <summary>An NCCI procedure-to-procedure edit (table <c>ncci-ptp</c>): column 2 is not paid with column 1 on the same day;
/// modifier indicator 0 = no modifier allowed, 1 = a distinct-service modifier may bypass, 9 = not applicable.</summary>
internal sealed record PtpEditRow(string Column1, string Column2, int ModifierIndicator, bool Verified, string Source);

/// <summary>Whether the codes of an <c>icd10cm-codes</c> row are valid for submission or non-billable headers.</summary>
internal enum Icd10CmCodeStatus
{
    /// <summary>Valid for submission (order-file flag 1).</summary>
    Billable,

    /// <summary>A category or subcategory header that has more specific codes (order-file flag 0).</summary>
    Header,
}

/// <summary>
/// The ICD-10-CM codes of one fiscal year with one status (table <c>icd10cm-codes</c>, one version per fiscal year):
/// codes without the dot, sorted ordinally and unique, so a lookup is a binary search over the array as loaded.
/// <paramref name="Count"/> repeats the number of codes so that a truncated file is a load error.
/// </summary>
internal sealed record Icd10CmCodeListRow(Icd10CmCodeStatus Status, int Count, string Source, string[] Codes)
{
    /// <summary>Whether the list holds <paramref name="bareCode"/> (no dot, upper case).</summary>
    public bool Contains(string bareCode) => Array.BinarySearch(Codes, bareCode, StringComparer.Ordinal) >= 0;

    /// <summary>Whether the list holds <paramref name="bareCode"/> (no dot, upper case), without allocating.</summary>
    public bool Contains(ReadOnlySpan<char> bareCode)
    {
        int low = 0, high = Codes.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = Codes[middle].AsSpan().SequenceCompareTo(bareCode);
            if (order == 0)
            {
                return true;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return false;
    }
}
/// <summary>
/// A payer's prior-authorization policy (table <c>payer-prior-authorization</c>): the codes the payer requires an
/// authorization for on dates of service from <see cref="From"/> to <see cref="To"/> (inclusive; null = open).
/// <see cref="Example"/> marks a documented example that is not a real payer's policy.
/// </summary>
internal sealed record PayerPriorAuthorizationRow(string PayerId, IReadOnlyList<string> Codes, DateOnly From, DateOnly? To, bool Example, string Source);
