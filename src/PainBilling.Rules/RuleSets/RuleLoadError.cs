namespace PainBilling.Rules.RuleSets;

/// <summary>One problem found while loading rule files: the file, where in it, the rule (when one is concerned) and the reason.</summary>
/// <param name="File">The file, relative to the rules root (e.g. <c>rule-sets/esi/medicare-esi-lcd.json</c>).</param>
/// <param name="RuleId">The rule concerned, or <see langword="null"/> for a file-level problem.</param>
/// <param name="Reason">What is wrong, in a maintainer's words.</param>
/// <param name="LineNumber">The 1-based line in the file, when known.</param>
/// <param name="Column">The 1-based column in the line, when known.</param>
public sealed record RuleLoadError(string File, string? RuleId, string Reason, int? LineNumber = null, int? Column = null)
{
    /// <summary><c>file(line,column): rule ID: reason</c>, the form editors and CI logs link to.</summary>
    /// <returns>The error as one line.</returns>
    public override string ToString()
    {
        var where = LineNumber is { } line ? Column is { } column ? $"{File}({line},{column})" : $"{File}({line})" : File;
        return RuleId is null ? $"{where}: {Reason}" : $"{where}: rule {RuleId}: {Reason}";
    }
}
