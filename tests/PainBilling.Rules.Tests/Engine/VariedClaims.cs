using PainBilling.Rules.Claims;

namespace PainBilling.Rules.Tests;

/// <summary>
/// Seeded, varied synthetic claims (no real patient data): every payer type, the five MAC states and others, every code
/// family plus E/M, guidance, add-on and unknown codes, modifiers, units, pointers (some invalid), spinal levels,
/// authorizations, clinical attestations present or absent, 0-4 history entries, and dates from 2020 to 2027 so that
/// every rule-set version is reached. Used by the differential test of the two evaluation paths and by the benchmarks.
/// </summary>
internal static class VariedClaims
{
    private static readonly string[] Codes =
    [
        "62320", "62321", "62322", "62323", "64479", "64480", "64483", "64484",
        "64490", "64491", "64492", "64493", "64494", "64495", "64633", "64634", "64635", "64636",
        "20552", "20553", "64400", "64405", "64415", "64418", "64445", "64447", "64450", "64505", "64510", "64520", "64530",
        "63650", "63685", "63688", "G3002", "G3003", "99202", "99203", "99204", "99205", "99211", "99212", "99213", "99214", "99215",
        "77003", "77012", "72275", "64999", "J1040", "01992", "27096", "64488",
    ];

    private static readonly string[] Diagnoses =
    [
        "M54.16", "M54.17", "M47.816", "M47.817", "M47.812", "M47.813", "M54.50", "M54.51", "M54.59", "M54.2", "M54.12",
        "M54.5", "M51.16", "M51.36", "M48.061", "M48.062", "M79.18", "M79.7", "M79.11", "M79.12", "M62.830", "G89.4",
        "G89.21", "G89.29", "G90.521", "G90.511", "G90.512", "G44.209", "M96.1", "M53.86", "M54.81", "B02.29", "M5416",
        "m47.816", "M4781", "Z00.00", "R69",
    ];

    private static readonly string[] Modifiers = ["50", "LT", "RT", "25", "59", "XS", "XU", "KX", "GA", "GZ", "26", "TC", "76"];

    private static readonly string[] Levels = ["C5-C6", "C6-C7", "T12-L1", "L1-L2", "L3-L4", "L4-L5", "L5-S1", "S1"];

    private static readonly string[] States = ["TX", "CA", "FL", "NY", "IL", "TX", "CA", "FL", "NY", "IL", "WA", "OH", "XX"];

    private static readonly string[] Places = ["11", "22", "24", "19", "21", "23", "49", "02"];

    private static readonly PayerType[] PayerTypes = [PayerType.Medicare, PayerType.Medicare, PayerType.MedicareAdvantage, PayerType.Commercial, PayerType.Commercial, PayerType.Medicaid];

    private static readonly string[] CommercialPayers = ["BLUE-CA", "UHC", "AETNA", "CIGNA", "HUMANA", "ANTHEM"];

    /// <summary>The claims for seeds <c>first</c>..<c>first+count-1</c>; the same seed gives the same claim.</summary>
    public static IEnumerable<Claim> Generate(int count, int first = 1)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Create(first + i);
        }
    }

    /// <summary>One claim from a seed.</summary>
    public static Claim Create(int seed)
    {
        var random = new Random(seed);
        var payerType = Pick(random, PayerTypes);
        var payerId = payerType switch
        {
            PayerType.Medicare => "MEDICARE",
            PayerType.MedicareAdvantage => Pick(random, ["HUMANA-MA", "UHC-MA", "AETNA-MA"]),
            PayerType.Medicaid => "MEDICAID-" + Pick(random, ["TX", "CA"]),
            _ => Pick(random, CommercialPayers),
        };

        // Dates from 2020-06 to 2027-06: every version window of the rule sets and tables is reached.
        var start = new DateOnly(2020, 6, 1).AddDays(random.Next(0, 7 * 365));
        var diagnoses = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Pick(random, Diagnoses)).ToArray();
        var family = random.Next(0, 8);
        var lineCount = random.Next(1, 6) switch { 1 => 1, 2 or 3 => 2, 4 => 3, _ => random.Next(4, 7) };
        var lines = new List<ClaimLine>();
        for (var n = 1; n <= lineCount; n++)
        {
            var code = random.Next(0, 10) < 7 ? Pick(random, FamilyCodes(family)) : Pick(random, Codes);
            lines.Add(new ClaimLine
            {
                Line = n,
                Code = random.Next(0, 20) == 0 ? code.ToLowerInvariant() : code,
                Modifiers = random.Next(0, 3) == 0 ? null : Enumerable.Range(0, random.Next(0, 3)).Select(_ => Pick(random, Modifiers)).Distinct().ToArray(),
                Units = random.Next(0, 10) switch { 0 => 0, < 7 => 1, 7 or 8 => 2, _ => random.Next(3, 9) },
                DiagnosisPointers = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(0, 12) == 0 ? 7 : random.Next(1, diagnoses.Length + 1)).Distinct().ToArray(),
                ServiceDate = random.Next(0, 6) == 0 ? start.AddDays(random.Next(-10, 30)) : start,
                Charge = random.Next(0, 5) == 0 ? null : Math.Round((decimal)(random.NextDouble() * 3000), 2),
                SpinalLevels = random.Next(0, 3) == 0 ? null : Enumerable.Range(0, random.Next(0, 3)).Select(_ => Pick(random, Levels)).Distinct().ToArray(),
            });
        }

        return new Claim
        {
            ClaimId = "GEN-" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Payer = new Payer { Id = payerId, Type = payerType },
            ServiceState = Pick(random, States),
            PlaceOfService = Pick(random, Places),
            Diagnoses = diagnoses,
            Lines = lines,
            PriorAuthorizations = random.Next(0, 3) == 0 ? null : Enumerable.Range(0, random.Next(0, 3)).Select(_ => new PriorAuthorization
            {
                Number = "PA-" + random.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Codes = random.Next(0, 4) == 0 ? [Pick(random, Codes)] : [lines[random.Next(0, lines.Count)].Code.ToUpperInvariant()],
                ValidFrom = random.Next(0, 5) == 0 ? null : start.AddDays(-random.Next(0, 60)),
                ValidTo = random.Next(0, 5) == 0 ? null : start.AddDays(random.Next(-20, 90)),
                Units = random.Next(0, 3) == 0 ? null : random.Next(1, 4),
            }).ToArray(),
            Clinical = random.Next(0, 8) == 0 ? null : new ClinicalDocumentation
            {
                PainScore = Maybe(random, () => (decimal)random.Next(0, 11)),
                PainDurationMonths = Maybe(random, () => (decimal)random.Next(0, 25) / 2m),
                ConservativeCareWeeks = Maybe(random, () => (decimal)random.Next(0, 20)),
                FunctionalImpairmentDocumented = MaybeBool(random),
                ImagingGuidance = random.Next(0, 4) == 0 ? null : (ImagingGuidance)random.Next(1, 5),
                ImagingFindingsDocumented = MaybeBool(random),
                PsychologicalEvaluationDocumented = MaybeBool(random),
                ScsTrialReliefPercent = Maybe(random, () => (decimal)random.Next(0, 101)),
                MuscleGroupsInjected = random.Next(0, 3) == 0 ? null : random.Next(0, 6),
                SeparateEvaluationDocumented = MaybeBool(random),
                InjuryDocumented = MaybeBool(random),
                MedicationHistoryDocumented = MaybeBool(random),
                ProcedureNoteDocumented = MaybeBool(random),
                ContrastContraindicationDocumented = MaybeBool(random),
                AblationNotCandidateReasonDocumented = MaybeBool(random),
            },
            History = Enumerable.Range(0, random.Next(0, 5)).Select(_ => new PriorService
            {
                Code = random.Next(0, 10) < 7 ? Pick(random, FamilyCodes(family)) : Pick(random, Codes),
                ServiceDate = start.AddDays(-random.Next(1, 420)),
                Modifiers = random.Next(0, 2) == 0 ? null : [Pick(random, Modifiers)],
                SpinalLevels = random.Next(0, 2) == 0 ? null : [Pick(random, Levels)],
                ReliefPercent = Maybe(random, () => (decimal)random.Next(0, 101)),
                ReliefDurationWeeks = Maybe(random, () => (decimal)random.Next(0, 30)),
            }).ToArray(),
        };
    }

    private static string[] FamilyCodes(int family) => family switch
    {
        0 => ["62321", "62323", "64479", "64480", "64483", "64484"],
        1 => ["64490", "64491", "64492", "64493", "64494", "64495"],
        2 => ["64633", "64634", "64635", "64636"],
        3 => ["20552", "20553"],
        4 => ["64400", "64415", "64445", "64450", "64510"],
        5 => ["63650", "63685", "63688"],
        6 => ["G3002", "G3003", "99213"],
        _ => ["99213", "99214", "77003", "64483", "64493"],
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(0, items.Length)];

    private static decimal? Maybe(Random random, Func<decimal> value) => random.Next(0, 4) == 0 ? null : value();

    private static bool? MaybeBool(Random random) => random.Next(0, 4) switch { 0 => null, 1 => false, _ => true };
}
