namespace PainBilling.Rules.Claims;

/// <summary>The payer a claim is billed to.</summary>
public sealed record Payer
{
    /// <summary>The host's payer identifier (e.g. <c>MEDICARE</c>, <c>AETNA-TX</c>); payer-specific rule sets match on it.</summary>
    public required string Id { get; init; }

    /// <summary>The kind of payer; selects the family of rule sets.</summary>
    public required PayerType Type { get; init; }

    /// <summary>Display name only.</summary>
    public string? Name { get; init; }
}
