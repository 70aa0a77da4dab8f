namespace PainBilling.Rules.Claims;

/// <summary>
/// The bounds a claim must stay within to be evaluated (documented in the README's claim contract, where a test keeps
/// them current). Exceeding one is a <c>Reject</c> naming the JSON path; none of them is a payer policy.
/// </summary>
/// <remarks>
/// Counts follow the X12 005010X222A1 (837P) loop and element repeats; string lengths follow the 837P element maximums
/// where the contract member maps onto one, and are generous hard bounds (well above any valid value) where a rule in
/// <c>rules-json</c> judges the format, so that the rule, not the reader, answers a merely malformed code.
/// </remarks>
internal static class ClaimLimits
{
    /// <summary>Largest claim document, in UTF-8 bytes (1 MiB; a claim at every other limit is far smaller).</summary>
    public const int MaxJsonBytes = 1024 * 1024;

    /// <summary>Deepest nesting of objects and arrays (the contract itself needs 3: <c>$.lines[0].modifiers</c>).</summary>
    public const int MaxDepth = 8;

    /// <summary>Service lines per claim: 837P loop 2400 repeats at most 50 times.</summary>
    public const int MaxLines = 50;

    /// <summary>Diagnoses per claim: 837P HI segment, 12 codes.</summary>
    public const int MaxDiagnoses = 12;

    /// <summary>Modifiers per line: 837P SV101-3 to SV101-6.</summary>
    public const int MaxModifiers = 4;

    /// <summary>Diagnosis pointers per line: 837P SV107-1 to SV107-4.</summary>
    public const int MaxPointers = 4;

    /// <summary>Spinal levels per line (the spine has 23 motion segments from C2-C3 to L5-S1; 24 leaves room for S1-S2).</summary>
    public const int MaxSpinalLevels = 24;

    /// <summary>Earlier services in <c>history[]</c> (enough for two years of weekly services).</summary>
    public const int MaxHistory = 100;

    /// <summary>Prior authorizations per claim.</summary>
    public const int MaxAuthorizations = 20;

    /// <summary>Codes listed on one prior authorization (at least one per service line).</summary>
    public const int MaxAuthorizationCodes = 50;

    /// <summary><c>claimId</c>: 837P CLM01 (Claim Submitter's Identifier) is at most 38 characters.</summary>
    public const int MaxClaimIdLength = 38;

    /// <summary><c>payer.id</c>: 837P loop 2010BB NM109 (payer identifier) is at most 80 characters.</summary>
    public const int MaxPayerIdLength = 80;

    /// <summary><c>payer.name</c>: 837P loop 2010BB NM103 (payer name) is at most 60 characters.</summary>
    public const int MaxPayerNameLength = 60;

    /// <summary><c>priorAuthorizations[].number</c>: 837P REF02 (prior authorization number) is at most 50 characters.</summary>
    public const int MaxAuthorizationNumberLength = 50;

    /// <summary>
    /// Procedure codes, modifiers and spinal levels: 837P SV101-2 (procedure code) is at most 48 characters.
    /// Their format (5-character codes, 2-character modifiers, <c>L4-L5</c>) is judged by the claim-data rules.
    /// </summary>
    public const int MaxCodeLength = 48;

    /// <summary>Diagnoses: 837P HI C022-2 is at most 30 characters; the structure is judged by rule CD-DX-001.</summary>
    public const int MaxDiagnosisLength = 30;

    /// <summary>
    /// No date in a claim (service dates, history, authorizations) may precede ICD-10-CM, which HHS required for dates
    /// of service on or after 2015-10-01 (45 CFR 162.1002); the scrubber's rules and diagnoses are ICD-10-CM only.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(2015, 10, 1);

    /// <summary>
    /// The service dates of one claim lie within one year of each other: Medicare's filing limit is one calendar year
    /// after the date of service (42 CFR 424.44), so a claim spanning more than a year cannot be timely for all its lines.
    /// </summary>
    public const int MaxServiceSpanYears = 1;

    /// <summary>A birth date more than this many years before the earliest date of service is implausible.</summary>
    public const int MaxAgeYears = 130;

    /// <summary>Days a date of service may lie after the host clock's date (time zones: the host clock may be UTC).</summary>
    public const int ClockToleranceDays = 1;
}
