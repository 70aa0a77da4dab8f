namespace PainBilling.Rules.Evaluations;

/// <summary>One thing a payer would deny, reject or question, and why.</summary>
/// <remarks>Messages name codes, dates, counts and limits only; never patient data.</remarks>
public sealed record Finding
{
    /// <summary>Stable identifier of the rule, e.g. <c>ESI-IMAGING-001</c>; never reused for another meaning.</summary>
    public required string RuleId { get; init; }

    /// <summary>The denial cause.</summary>
    public required FindingCategory Category { get; init; }

    /// <summary>How serious it is.</summary>
    public required FindingSeverity Severity { get; init; }

    /// <summary>Line number, or <see langword="null"/> for a claim-level finding.</summary>
    public int? Line { get; init; }

    /// <summary>The procedure code concerned, when there is one.</summary>
    public string? Code { get; init; }

    /// <summary>What is wrong, in a biller's words, naming the values found.</summary>
    public required string Message { get; init; }

    /// <summary>What to do about it.</summary>
    public string? Remediation { get; init; }

    /// <summary>The Claim Adjustment Reason Code the payer would most likely use (e.g. <c>197</c>), when there is one.</summary>
    public string? Carc { get; init; }

    /// <summary>Where the rule comes from: LCD or article and section, NCCI table, CMS manual chapter, payer policy.</summary>
    public string? Source { get; init; }
}
