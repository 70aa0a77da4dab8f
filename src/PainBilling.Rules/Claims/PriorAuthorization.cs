namespace PainBilling.Rules.Claims;

/// <summary>A prior authorization the host holds for the patient.</summary>
public sealed record PriorAuthorization
{
    /// <summary>The payer's authorization (or UTN) number.</summary>
    public string? Number { get; init; }

    /// <summary>Procedure codes the authorization covers.</summary>
    public IReadOnlyList<string>? Codes { get; init; }

    /// <summary>First day the authorization is valid (inclusive).</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>Last day the authorization is valid (inclusive).</summary>
    public DateOnly? ValidTo { get; init; }

    /// <summary>The most units it allows, when limited.</summary>
    public int? Units { get; init; }
}
