using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.Expressions;

namespace PainBilling.Rules.RuleSets;

/// <summary>One validated version of one rule set.</summary>
internal sealed class LoadedRuleSet
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    /// <summary>This version as reported in an evaluation's rule sets.</summary>
    public Evaluations.RuleSetReference Reference => _reference ??= new(Id, Version);

    private Evaluations.RuleSetReference? _reference;

    public required string Title { get; init; }

    public required string Family { get; init; }

    public required string File { get; init; }

    public required EffectiveWindow Effective { get; init; }

    /// <summary>Why coverage pauses before this version, when a gap before it is intended.</summary>
    public string? GapBefore { get; init; }

    public required ScopeDocument Scope { get; init; }

    public required IReadOnlyList<string> Covers { get; init; }

    /// <summary><see cref="Covers"/> as a lookup set (built once).</summary>
    internal HashSet<string> CoversSet => field ??= new HashSet<string>(Covers, StringComparer.Ordinal);

    public required IReadOnlyList<string> Sources { get; init; }

    public required IReadOnlyList<ScopedParamDocument> GlobalParams { get; init; }

    public required IReadOnlyList<RuleDefinition> Rules { get; init; }

    /// <summary>The version this one was written as a change to, if any.</summary>
    public string? Extends { get; init; }

    /// <summary>Payer policy: rule-set ids and rule ids this set replaces for its payers (empty for other sets).</summary>
    public IReadOnlyList<string> ReplacesRuleSets { get; init; } = [];

    /// <summary>Payer policy: rule ids of other rule sets this set replaces for its payers.</summary>
    public IReadOnlyList<string> ReplacesRules { get; init; } = [];

    /// <summary>Whether this set replaces anything.</summary>
    public bool IsPayerPolicy => ReplacesRuleSets.Count > 0 || ReplacesRules.Count > 0;

    public string Key => field ??= $"{Id}@{Version}";

    public string LineWorkflow => field ??= Key + "/line";

    public string ClaimWorkflow => field ??= Key + "/claim";

    public bool HasLineRules => Rules.Any(r => r.Scope == RuleScope.Line);

    public bool HasClaimRules => Rules.Any(r => r.Scope == RuleScope.Claim);

    /// <summary>Whether this version applies to a claim's line dated <paramref name="date"/>.</summary>
    public bool AppliesTo(ClaimView claim, DateOnly date, RuleData data)
    {
        if (!Effective.Contains(date))
        {
            return false;
        }

        if (!Scope.PayerTypes.Any(t => t.ToString() == claim.Payer.Type))
        {
            return false;
        }

        if (Scope.PayerIds is { Count: > 0 } ids && !ids.Contains(claim.Payer.Id, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Scope.ServiceStates is { Count: > 0 } states && !states.Contains(claim.ServiceState, StringComparer.Ordinal))
        {
            return false;
        }

        if (Scope.Jurisdictions is { Count: > 0 } jurisdictions && !jurisdictions.Contains(data.Jurisdiction(claim.ServiceState), StringComparer.Ordinal))
        {
            return false;
        }

        return Scope.PlacesOfService is not { Count: > 0 } places || places.Contains(claim.PlaceOfService, StringComparer.Ordinal);
    }

    /// <summary>A one-line description of the scope for catalogues.</summary>
    public string DescribeScope()
    {
        var parts = new List<string> { string.Join("/", Scope.PayerTypes) };
        if (Scope.PayerIds is { Count: > 0 })
        {
            parts.Add("payers " + string.Join(",", Scope.PayerIds));
        }

        if (Scope.ServiceStates is { Count: > 0 })
        {
            parts.Add("states " + string.Join(",", Scope.ServiceStates));
        }

        if (Scope.Jurisdictions is { Count: > 0 })
        {
            parts.Add("MAC " + string.Join(",", Scope.Jurisdictions));
        }

        if (Scope.PlacesOfService is { Count: > 0 })
        {
            parts.Add("POS " + string.Join(",", Scope.PlacesOfService));
        }

        return string.Join("; ", parts);
    }
}

/// <summary>One rule: its expression and the finding it raises when the expression is true.</summary>
internal sealed record RuleDefinition(
    string RuleId,
    RuleScope Scope,
    FindingCategory Category,
    FindingSeverity Severity,
    string? Carc,
    string Message,
    string Remediation,
    string Source,
    string Expression,
    IReadOnlyList<ScopedParamDocument> LocalParams);

/// <summary>Everything loaded from a rules source, validated and ready to compile.</summary>
internal sealed record LoadedRules(string SystemVersion, SystemFindings System, ReferenceTableSet Tables, IReadOnlyList<LoadedRuleSet> RuleSets)
{
    /// <summary>The text of each rule-set file, so that errors found after reading (compiling, proving) can name a line.</summary>
    public IReadOnlyDictionary<string, string> RuleSetContents { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A collector of load errors that can locate rules in these files.</summary>
    public LoadErrors NewErrors()
    {
        var errors = new LoadErrors();
        foreach (var (file, content) in RuleSetContents)
        {
            errors.Remember(file, content);
        }

        return errors;
    }
}
