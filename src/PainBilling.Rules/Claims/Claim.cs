namespace PainBilling.Rules.Claims;

/// <summary>
/// A professional claim (X12 837P / CMS-1500 shape) as a host hands it to <see cref="IClaimEvaluator"/>.
/// </summary>
/// <remarks>
/// The JSON form is the contract documented in the repository README (camelCase names, ISO dates).
/// Required members are marked <c>required</c>; a claim read from JSON that lacks one is answered with a
/// <see cref="Evaluations.FindingSeverity.Reject"/> evaluation naming the JSON path rather than an exception.
/// </remarks>
public sealed record Claim
{
    /// <summary>The host's identifier, echoed back and never interpreted.</summary>
    public required string ClaimId { get; init; }

    /// <summary>The payer the claim is billed to.</summary>
    public required Payer Payer { get; init; }

    /// <summary>Two-letter US state code where the service was rendered; for Medicare it selects the MAC jurisdiction.</summary>
    public required string ServiceState { get; init; }

    /// <summary>Two-digit CMS place-of-service code (<c>11</c> office, <c>22</c> hospital outpatient, <c>24</c> ASC).</summary>
    public required string PlaceOfService { get; init; }

    /// <summary>Optional patient demographics. Never used in findings, messages or logs.</summary>
    public Patient? Patient { get; init; }

    /// <summary>ICD-10-CM codes, 1 to 12; the first is pointer 1. With or without the dot.</summary>
    public required IReadOnlyList<string> Diagnoses { get; init; }

    /// <summary>Service lines, at least one.</summary>
    public required IReadOnlyList<ClaimLine> Lines { get; init; }

    /// <summary>Authorizations the host holds for this patient.</summary>
    public IReadOnlyList<PriorAuthorization>? PriorAuthorizations { get; init; }

    /// <summary>What the medical record documents for this encounter; absent members mean "not documented".</summary>
    public ClinicalDocumentation? Clinical { get; init; }

    /// <summary>Earlier services of this patient that matter for frequency and sequencing rules.</summary>
    public IReadOnlyList<PriorService>? History { get; init; }
}
