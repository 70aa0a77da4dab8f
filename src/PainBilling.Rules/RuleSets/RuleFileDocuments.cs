using System.Text.Json;
using System.Text.Json.Serialization;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.RuleSets;

// The exact shapes of the files under rules-json. Keys are PascalCase; unknown keys are load errors.
#pragma warning disable CA1812 // Instantiated by System.Text.Json.

/// <summary>A rule-set file: one version of one rule set around a RulesEngine workflow.</summary>
internal sealed class RuleSetFile
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Id { get; init; }

    public required string Version { get; init; }

    public required string Title { get; init; }

    public required string Family { get; init; }

    public required EffectiveWindowDocument Effective { get; init; }

    public required ScopeDocument Scope { get; init; }

    public IReadOnlyList<string> Covers { get; init; } = [];

    public required IReadOnlyList<string> Sources { get; init; }

    public required WorkflowDocument Workflow { get; init; }

    /// <summary>The version of the same rule set this file was written as a change to (resolved before loading; see <c>RuleSetExtends</c>).</summary>
    public string? Extends { get; init; }

    /// <summary>Payer policy: what this payer-specific rule set replaces for the payers in its scope.</summary>
    public ReplacesDocument? Replaces { get; init; }
}

/// <summary>What a payer policy replaces for its payers: whole rule sets and single rules of other rule sets, by id.</summary>
internal sealed class ReplacesDocument
{
    public IReadOnlyList<string> RuleSets { get; init; } = [];

    public IReadOnlyList<string> Rules { get; init; } = [];
}

internal sealed class EffectiveWindowDocument
{
    public required DateOnly From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>Rule sets only: why coverage pauses before this version (a gap between versions is otherwise a load error).</summary>
    public string? GapBefore { get; init; }
}

internal sealed class ScopeDocument
{
    public required IReadOnlyList<PayerType> PayerTypes { get; init; }

    public IReadOnlyList<string>? PayerIds { get; init; }

    public IReadOnlyList<string>? ServiceStates { get; init; }

    public IReadOnlyList<string>? Jurisdictions { get; init; }

    public IReadOnlyList<string>? PlacesOfService { get; init; }

    public LineSelection Lines { get; init; } = LineSelection.All;
}

/// <summary>The RulesEngine part: the subset of its Workflow model that rule files may use.</summary>
internal sealed class WorkflowDocument
{
    public IReadOnlyList<ScopedParamDocument> GlobalParams { get; init; } = [];

    public required IReadOnlyList<RuleDocument> Rules { get; init; }
}

internal sealed class RuleDocument
{
    public required string RuleName { get; init; }

    public bool Enabled { get; init; } = true;

    public IReadOnlyList<ScopedParamDocument> LocalParams { get; init; } = [];

    public required string Expression { get; init; }

    public required RulePropertiesDocument Properties { get; init; }
}

internal sealed class ScopedParamDocument
{
    public required string Name { get; init; }

    public required string Expression { get; init; }
}

internal sealed class RulePropertiesDocument
{
    public RuleScope Scope { get; init; } = RuleScope.Line;

    public required FindingCategory Category { get; init; }

    public required FindingSeverity Severity { get; init; }

    public string? Carc { get; init; }

    public required string Message { get; init; }

    public required string Remediation { get; init; }

    public required string Source { get; init; }
}

/// <summary>A reference-table file: one version of one table.</summary>
internal sealed class ReferenceTableFile
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Table { get; init; }

    public required string Version { get; init; }

    public required EffectiveWindowDocument Effective { get; init; }

    public required IReadOnlyList<string> Sources { get; init; }

    public required JsonElement Rows { get; init; }
}

/// <summary>The system file: findings the engine itself raises, worded by maintainers.</summary>
internal sealed class SystemFile
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Version { get; init; }

    public required SystemFindings Findings { get; init; }
}

internal sealed class SystemFindings
{
    public required FindingTemplate ClaimUnreadable { get; init; }

    public required FindingTemplate NotEvaluated { get; init; }
}

internal sealed class FindingTemplate
{
    public required string RuleId { get; init; }

    public required FindingCategory Category { get; init; }

    public required FindingSeverity Severity { get; init; }

    public string? Carc { get; init; }

    public required string Message { get; init; }

    public required string Remediation { get; init; }

    public required string Source { get; init; }
}

#pragma warning restore CA1812
