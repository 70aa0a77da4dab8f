namespace PainBilling.Rules.Claims;

/// <summary>
/// Patient demographics. Accepted for contract completeness; no shipped rule reads them and they never appear
/// in findings, exceptions or logs.
/// </summary>
public sealed record Patient
{
    /// <summary>Date of birth.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Administrative sex.</summary>
    public Sex? Sex { get; init; }
}
