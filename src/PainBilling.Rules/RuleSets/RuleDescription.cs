using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.RuleSets;

/// <summary>What one rule checks, for catalogues a biller can read.</summary>
public sealed record RuleDescription
{
    /// <summary>The stable rule id.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule set (id) that holds it.</summary>
    public required string RuleSet { get; init; }

    /// <summary>The versions of that rule set that contain the rule.</summary>
    public required IReadOnlyList<string> Versions { get; init; }

    /// <summary>Procedure family (e.g. <c>ESI</c>) or <c>Cross-cutting</c>.</summary>
    public required string Family { get; init; }

    /// <summary>Denial cause.</summary>
    public required FindingCategory Category { get; init; }

    /// <summary>Severity of its findings.</summary>
    public required FindingSeverity Severity { get; init; }

    /// <summary>Claim adjustment reason code, when there is one.</summary>
    public string? Carc { get; init; }

    /// <summary>Payers, states, jurisdictions and places of service the rule applies to.</summary>
    public required string Scope { get; init; }

    /// <summary>When it applies (first version's start to last version's end).</summary>
    public required EffectiveWindow Effective { get; init; }

    /// <summary>The rule's message template.</summary>
    public required string Message { get; init; }

    /// <summary>The rule's source template.</summary>
    public required string Source { get; init; }
}
