namespace PainBilling.Rules.RuleSets;

/// <summary>One loaded version of a rule set.</summary>
public sealed record RuleSetDescription
{
    /// <summary>Rule-set id.</summary>
    public required string Id { get; init; }

    /// <summary>Version.</summary>
    public required string Version { get; init; }

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>Procedure family or <c>Cross-cutting</c>.</summary>
    public required string Family { get; init; }

    /// <summary>The file it was read from, relative to the rules root.</summary>
    public required string File { get; init; }

    /// <summary>When it is in force.</summary>
    public required EffectiveWindow Effective { get; init; }

    /// <summary>Its scope in words.</summary>
    public required string Scope { get; init; }

    /// <summary>
    /// The procedure families whose coverage it evaluates. Its line rules run on every line of a claim in its scope (a
    /// family rule may judge another line, e.g. an anesthesia code billed with a trigger point injection); a line whose
    /// family no applicable rule set covers is reported as not evaluated.
    /// </summary>
    public required IReadOnlyList<string> Covers { get; init; }

    /// <summary>Its sources.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>Number of enabled rules.</summary>
    public required int RuleCount { get; init; }

    /// <summary>The version this one was written as a change to (<c>Extends</c>), if any.</summary>
    public string? Extends { get; init; }

    /// <summary>For a payer policy: what it replaces for its payers (<c>rule set ID</c> and <c>rule ID</c> entries); empty otherwise.</summary>
    public IReadOnlyList<string> Replaces { get; init; } = [];
}
