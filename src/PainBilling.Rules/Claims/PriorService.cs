namespace PainBilling.Rules.Claims;

/// <summary>An earlier service of the patient, used by frequency and sequencing rules (the contract's <c>history[]</c>).</summary>
public sealed record PriorService
{
    /// <summary>CPT or HCPCS code of the earlier service.</summary>
    public required string Code { get; init; }

    /// <summary>Its date of service.</summary>
    public required DateOnly ServiceDate { get; init; }

    /// <summary>Modifiers it was billed with (e.g. <c>KX</c> for a diagnostic facet block).</summary>
    public IReadOnlyList<string>? Modifiers { get; init; }

    /// <summary>Spinal levels treated.</summary>
    public IReadOnlyList<string>? SpinalLevels { get; init; }

    /// <summary>Pain relief the service gave, in percent.</summary>
    public decimal? ReliefPercent { get; init; }

    /// <summary>How long that relief lasted, in weeks.</summary>
    public decimal? ReliefDurationWeeks { get; init; }
}
