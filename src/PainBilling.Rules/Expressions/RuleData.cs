using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Expressions;

/// <summary>
/// The reference data and generic helpers that rule expressions reach through the parameter <c>data</c>.
/// One instance holds the reference-table versions in force on one date of service; it is immutable and thread-safe.
/// </summary>
/// <remarks>
/// Every helper answers "no data" (empty string, <see langword="false"/>, <see langword="null"/>, empty list) when the
/// code is not in the table or no version of the table is in force on the date; rules decide what that means.
/// Unknown set or group names are rejected when rule files load.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Expressions call helpers on the data instance; Dynamic LINQ binds instance methods only.")]
internal sealed partial class RuleData
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private readonly ReferenceIndex _index;

    // An add-on's primaries in force on this date (rules ask once per line of the claim): one list per add-on code.
    private readonly ConcurrentDictionary<string, string[]> _primaries = new(StringComparer.Ordinal);

    // Policy answers per (topic, state): few distinct keys (topics x states), immutable values.
    private readonly ConcurrentDictionary<(string Topic, string State), PolicyDocument?> _policies = new();

    internal RuleData(DateOnly date, ReferenceIndex index)
    {
        Date = date;
        _index = index;
        TableReferences = index.Tables.Select(t => new Evaluations.RuleSetReference("reference/" + t.Name, t.Version)).ToArray();
    }

    /// <summary>The date of service this instance answers for.</summary>
    public DateOnly Date { get; }

    /// <summary>The table versions in force on <see cref="Date"/>.</summary>
    internal IReadOnlyList<ReferenceTableVersion> TablesInForce => _index.Tables;

    /// <summary>The tables in force as they are reported in an evaluation's rule sets (<c>reference/NAME</c>), built once.</summary>
    internal Evaluations.RuleSetReference[] TableReferences { get; }

    /// <summary>Whether a version of the named reference table (e.g. <c>mue-practitioner</c>) is in force on this date.</summary>
    public bool HasTable(string table) => TableNamed(table) is not null;

    /// <summary>The code's family (e.g. <c>ESI</c>, <c>FACET</c>), or an empty string.</summary>
    public string Family(string code) => _index.Procedures.TryGetValue(code, out var row) ? row.Family : string.Empty;

    /// <summary>The code's spinal region (e.g. <c>cervical/thoracic</c>, <c>lumbar/sacral</c>), or an empty string.</summary>
    public string Region(string code) => _index.Procedures.TryGetValue(code, out var row) ? row.Region ?? string.Empty : string.Empty;

    /// <summary>The code's kind within its family (e.g. <c>Interlaminar</c>, <c>Transforaminal</c>), or an empty string.</summary>
    public string Kind(string code) => _index.Procedures.TryGetValue(code, out var row) ? row.Kind ?? string.Empty : string.Empty;

    /// <summary>Whether the named code set contains <paramref name="code"/>.</summary>
    public bool InSet(string setId, string code) => _index.Sets.TryGetValue(setId, out var set) && set.Contains(code);

    /// <summary>Whether any of <paramref name="codes"/> is in the named code set.</summary>
    public bool AnyInSet(string setId, IEnumerable<string> codes)
    {
        if (!_index.Sets.TryGetValue(setId, out var set))
        {
            return false;
        }

        if (codes is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (set.Contains(list[i]))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var code in codes)
        {
            if (set.Contains(code))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="code"/> is an add-on code (a row of the add-on table in force).</summary>
    public bool IsAddOn(string code) => _index.AddOns.ContainsKey(code);

    /// <summary>The primary codes an add-on code may be reported with on this date (edits in force); empty when the code is not an add-on.</summary>
    public IReadOnlyList<string> PrimariesOf(string code)
        => !_index.AddOns.TryGetValue(code, out var row) ? []
            : _primaries.TryGetValue(code, out var cached) ? cached
            : _primaries.GetOrAdd(code, _ => row.Primaries.Where(p => p.InForceOn(Date)).Select(p => p.Code).Distinct().ToArray());

    /// <summary>Whether the add-on row of <paramref name="code"/> comes from an official file for this date (false when unknown).</summary>
    public bool AddOnVerified(string code) => _index.AddOns.TryGetValue(code, out var row) && row.Verified;

    /// <summary>Where the add-on's primary must be: <c>Day</c> (same date of service) or <c>CalendarMonth</c>; empty when not an add-on.</summary>
    public string AddOnPeriod(string code) => _index.AddOns.TryGetValue(code, out var row) ? row.Period.ToString() : string.Empty;

    /// <summary>Whether two dates fall in the same calendar month.</summary>
    public bool SameMonth(DateOnly first, DateOnly second) => first.Year == second.Year && first.Month == second.Month;

    /// <summary>Whether the PTP table in force has at least one row with <paramref name="code"/> as column 1 (a partial table checks only those).</summary>
    public bool PtpHasColumn1(string code) => _index.PtpColumn1.Contains(code);

    /// <summary>The version of the named reference table in force on this date (e.g. <c>2026Q3</c>), or an empty string.</summary>
    public string TableVersion(string table) => TableNamed(table)?.Version ?? string.Empty;

    /// <summary>The table version in force with that name (an index loop: no enumerator is allocated).</summary>
    private ReferenceTableVersion? TableNamed(string table)
    {
        var tables = _index.Tables;
        for (var i = 0; i < tables.Count; i++)
        {
            if (tables[i].Name == table)
            {
                return tables[i];
            }
        }

        return null;
    }

    /// <summary>The practitioner MUE for the code, or <see langword="null"/> when none is loaded.</summary>
    public MueLimit? Mue(string code) => _index.Mue.GetValueOrDefault(code);

    /// <summary>The PFS bilateral-surgery indicator for the code, or <see langword="null"/>.</summary>
    public BilateralIndicator? Bilateral(string code) => _index.Bilateral.GetValueOrDefault(code);

    /// <summary>The PFS global period for the code, or <see langword="null"/>.</summary>
    public GlobalPeriod? Global(string code) => _index.Global.GetValueOrDefault(code);

    /// <summary>The NCCI procedure-to-procedure edit with <paramref name="column1"/> as column 1 and <paramref name="column2"/> as column 2, or <see langword="null"/>.</summary>
    public PtpEdit? Ptp(string column1, string column2) => _index.PtpEdits.GetValueOrDefault((column1, column2));

    /// <summary>The A/B MAC jurisdiction of a state (e.g. <c>JH</c>), or an empty string.</summary>
    public string Jurisdiction(string state) => _index.Macs.TryGetValue(state, out var row) ? row.Jurisdiction : string.Empty;

    /// <summary>The A/B MAC of a state (e.g. <c>Novitas</c>), or an empty string.</summary>
    public string Mac(string state) => _index.Macs.TryGetValue(state, out var row) ? row.Mac : string.Empty;

    /// <summary>Whether the ICD-10-CM code is a non-billable header on this date of service.</summary>
    public bool IsHeader(string diagnosis)
    {
        foreach (var h in _index.Headers)
        {
            if (h.Code == diagnosis && h.HeaderFrom <= Date)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The ICD-10-CM status of a diagnosis in the fiscal year of this date of service: <c>Billable</c>, <c>Header</c>
    /// (a more specific code is required) or <c>Unknown</c> (not a code in that year: invalid, deleted before, or new
    /// after); an empty string when no ICD-10-CM code table is loaded for the date (not checked).
    /// </summary>
    public string Icd10Status(string diagnosis) => _index.Icd10Cm?.StatusOf(diagnosis) ?? string.Empty;

    /// <summary>The ICD-10-CM code table used for this date, e.g. <c>ICD-10-CM FY2026 (2025-10-01..2026-09-30)</c>, or an empty string.</summary>
    public string Icd10Table() => _index.Icd10Cm?.Describe() ?? string.Empty;

    /// <summary>
    /// Where else a diagnosis that is not billable on this date is billable, among the other loaded fiscal years
    /// (e.g. <c>billable in ICD-10-CM FY2027 (2026-10-01..2027-09-30)</c>); an empty string when none.
    /// </summary>
    public string Icd10BillableElsewhere(string diagnosis)
    {
        var years = _index.Icd10CmOtherYears.Where(t => t.StatusOf(diagnosis) == "Billable").Select(t => t.Describe()).ToList();
        return years.Count == 0 ? string.Empty : "billable in " + string.Join(", ", years);
    }

    /// <summary>Whether the ICD-10-CM code belongs to the named diagnosis group.</summary>
    public bool InGroup(string groupId, string diagnosis)
    {
        if (!_index.Groups.TryGetValue(groupId, out var group))
        {
            return false;
        }

        if (group.Codes is { } codes)
        {
            for (var i = 0; i < codes.Count; i++)
            {
                if (string.Equals(codes[i], diagnosis, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        if (group.Prefixes is { } prefixes)
        {
            for (var i = 0; i < prefixes.Count; i++)
            {
                if (diagnosis.StartsWith(prefixes[i], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether any of the codes belongs to the named diagnosis group.</summary>
    public bool AnyInGroup(string groupId, IEnumerable<string> diagnoses)
    {
        if (diagnoses is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (InGroup(groupId, list[i]))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var d in diagnoses)
        {
            if (InGroup(groupId, d))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every one of the codes belongs to the named group (false for an empty list).</summary>
    public bool AllInGroup(string groupId, IEnumerable<string> diagnoses)
    {
        if (diagnoses is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (!InGroup(groupId, list[i]))
                {
                    return false;
                }
            }

            return list.Count > 0;
        }

        var any = false;
        foreach (var d in diagnoses)
        {
            any = true;
            if (!InGroup(groupId, d))
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>Whether the named group's codes are marked verified against their source.</summary>
    public bool GroupVerified(string groupId) => _index.Groups.TryGetValue(groupId, out var group) && group.Verified;

    /// <summary>The LCD and billing article that the state's MAC applies to a topic, or <see langword="null"/>.</summary>
    public PolicyDocument? Policy(string topic, string state)
        => _policies.TryGetValue((topic, state), out var cached) ? cached : _policies.GetOrAdd((topic, state), key => FindPolicy(key.Topic, key.State));

    /// <summary>
    /// Whether <paramref name="text"/> matches the regular expression. Patterns are string literals, compiled once when
    /// the rules load, with the non-backtracking engine (time linear in the text, so no wall-clock time-out is needed).
    /// </summary>
    public bool Matches(string text, string pattern)
    {
        text ??= string.Empty;

        // Rules of one line ask the same question several times (is this code an E/M code?): the last answer on this
        // thread is kept, keyed by the two string instances (a match is a pure function of pattern and text).
        if (ReferenceEquals(t_lastText, text) && ReferenceEquals(t_lastPattern, pattern))
        {
            return t_lastResult;
        }

        var result = CompilePattern(pattern).IsMatch(text);
        t_lastText = text;
        t_lastPattern = pattern;
        t_lastResult = result;
        return result;
    }

    [ThreadStatic]
    private static string? t_lastText;

    [ThreadStatic]
    private static string? t_lastPattern;

    [ThreadStatic]
    private static bool t_lastResult;

    /// <summary>The compiled form of a <see cref="Matches"/> pattern (compiled on first use; the expression guard does it at load).</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    /// <exception cref="NotSupportedException">The pattern uses a construct the non-backtracking engine does not support.</exception>
    internal static Regex CompilePattern(string pattern)
        => Patterns.GetOrAdd(pattern, static p => new Regex(p, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));

    /// <summary>
    /// Earlier services of a family (and region, unless empty) in the rolling window before <paramref name="date"/>:
    /// dated after <c>date - months</c> and before <paramref name="date"/>, newest first.
    /// </summary>
    public IReadOnlyList<PriorServiceView> Prior(ClaimView claim, string family, string region, DateOnly date, int months)
    {
        var start = date.AddMonths(-months);
        List<PriorServiceView>? found = null;
        var history = claim.History;
        for (var i = 0; i < history.Count; i++)
        {
            var h = history[i];
            if (h.ServiceDate > start && h.ServiceDate < date && IsOf(h.Code, family, region))
            {
                // Newest first; services of the same date keep their order (a stable insertion).
                found ??= [];
                var at = found.Count;
                while (at > 0 && found[at - 1].ServiceDate < h.ServiceDate)
                {
                    at--;
                }

                found.Insert(at, h);
            }
        }

        return found is null ? [] : found.ToArray();
    }

    /// <summary>
    /// Sessions (distinct dates of service) of a family and region in the rolling window ending on <paramref name="date"/>
    /// (inclusive), counting history and this claim's lines.
    /// </summary>
    public int Sessions(ClaimView claim, string family, string region, DateOnly date, int months)
    {
        var start = date.AddMonths(-months);
        List<DateOnly>? dates = null;
        var history = claim.History;
        for (var i = 0; i < history.Count; i++)
        {
            var h = history[i];
            if (h.ServiceDate > start && h.ServiceDate <= date && IsOf(h.Code, family, region) && !(dates ??= []).Contains(h.ServiceDate))
            {
                dates.Add(h.ServiceDate);
            }
        }

        var lines = claim.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.ServiceDate > start && l.ServiceDate <= date && IsOf(l.Code, family, region) && !(dates ??= []).Contains(l.ServiceDate))
            {
                dates.Add(l.ServiceDate);
            }
        }

        return dates?.Count ?? 0;
    }

    /// <summary>
    /// How the claim's prior authorizations cover a line: <c>Covered</c>, <c>Missing</c> (none on file),
    /// <c>NotForCode</c> (none lists the code), <c>NotInForce</c> (expired or not yet valid on the date of service),
    /// or <c>UnitsExceeded</c> (the units billed for the code in the authorization's window exceed its units).
    /// </summary>
    public string AuthStatus(ClaimView claim, LineView line)
    {
        var listed = false;
        var inForce = false;
        var authorizations = claim.PriorAuthorizations;
        for (var a = 0; a < authorizations.Count; a++)
        {
            var authorization = authorizations[a];
            if (!Lists(authorization, line.Code))
            {
                continue;
            }

            listed = true;
            if (!authorization.InForceOn(line.ServiceDate))
            {
                continue;
            }

            inForce = true;
            if (authorization.Units is not { } allowed)
            {
                return "Covered";
            }

            var billed = 0;
            var lines = claim.Lines;
            for (var i = 0; i < lines.Count; i++)
            {
                var l = lines[i];
                if (l.Code == line.Code && authorization.InForceOn(l.ServiceDate))
                {
                    billed = checked(billed + l.Units);
                }
            }

            if (billed <= allowed)
            {
                return "Covered";
            }
        }

        if (!listed)
        {
            return claim.PriorAuthorizations.Count == 0 ? "Missing" : "NotForCode";
        }

        return inForce ? "UnitsExceeded" : "NotInForce";

        static bool Lists(PriorAuthorizationView authorization, string code)
        {
            var codes = authorization.Codes;
            for (var i = 0; i < codes.Count; i++)
            {
                if (string.Equals(codes[i], code, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private PolicyDocument? FindPolicy(string topic, string state)
    {
        var jurisdiction = Jurisdiction(state);
        foreach (var row in _index.Lcds)
        {
            if (row.Topic == topic && row.Jurisdiction == jurisdiction)
            {
                return new PolicyDocument(row.Lcd, row.Article, Mac(state), jurisdiction);
            }
        }

        return null;
    }

    private bool IsOf(string code, string family, string region)
        => Family(code) == family && (region.Length == 0 || Region(code) == region);
}

/// <summary>A practitioner MUE: the most units per day, its adjudication indicator and whether the value is verified.</summary>
internal sealed record MueLimit(int Value, int? Mai, bool Verified);

/// <summary>A PFS bilateral-surgery indicator (0, 1, 2, 3 or 9) and whether it is verified.</summary>
internal sealed record BilateralIndicator(int Indicator, bool Verified);

/// <summary>A PFS global period (000, 010, 090, XXX, YYY, ZZZ) and whether it is verified.</summary>
internal sealed record GlobalPeriod(string Days, bool Verified);

/// <summary>An NCCI procedure-to-procedure edit: the pair, its modifier indicator (0, 1, 9) and whether the row is verified.</summary>
internal sealed record PtpEdit(string Column1, string Column2, int ModifierIndicator, bool Verified);

/// <summary>The LCD and billing article a MAC applies to a topic.</summary>
internal sealed record PolicyDocument(string Lcd, string Article, string Mac, string Jurisdiction);
