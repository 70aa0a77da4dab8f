namespace PainBilling.Rules.Claims;

/// <summary>One service line of a professional claim.</summary>
public sealed record ClaimLine
{
    /// <summary>Line number, from 1; findings refer to it.</summary>
    public required int Line { get; init; }

    /// <summary>CPT or HCPCS code, 5 characters (e.g. <c>64493</c>, <c>G3002</c>).</summary>
    public required string Code { get; init; }

    /// <summary>Up to four 2-character modifiers (e.g. <c>RT</c>, <c>50</c>, <c>25</c>, <c>XS</c>).</summary>
    public IReadOnlyList<string>? Modifiers { get; init; }

    /// <summary>Units of service.</summary>
    /// <value>1 when not given.</value>
    public int Units { get; init; } = 1;

    /// <summary>1 to 4 pointers (1..12) into <see cref="Claim.Diagnoses"/>.</summary>
    public required IReadOnlyList<int> DiagnosisPointers { get; init; }

    /// <summary>Date of service. The rules in force on this date apply to the line.</summary>
    public required DateOnly ServiceDate { get; init; }

    /// <summary>Amount billed.</summary>
    public decimal? Charge { get; init; }

    /// <summary>Spinal levels treated on this line, as <c>L4-L5</c>, <c>L5-S1</c>, <c>C5-C6</c>, <c>T12-L1</c>.</summary>
    public IReadOnlyList<string>? SpinalLevels { get; init; }
}
