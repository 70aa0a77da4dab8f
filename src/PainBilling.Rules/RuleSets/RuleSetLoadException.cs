namespace PainBilling.Rules.RuleSets;

/// <summary>A rule file could not be loaded: it names the file, the rule (when one is concerned) and the reason.</summary>
public sealed class RuleSetLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The rule file, relative to the rules root (e.g. <c>rule-sets/esi/medicare-esi.json</c>).</param>
    /// <param name="ruleId">The rule concerned, or <see langword="null"/>.</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public RuleSetLoadException(string file, string? ruleId, string reason, Exception? innerException = null)
        : base(Format(file, ruleId, reason), innerException)
    {
        File = file;
        RuleId = ruleId;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public RuleSetLoadException()
        : this("(unknown)", null, "rule files could not be loaded")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public RuleSetLoadException(string message)
        : this("(unknown)", null, message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying error.</param>
    public RuleSetLoadException(string message, Exception innerException)
        : this("(unknown)", null, message, innerException)
    {
    }

    /// <summary>The rule file, relative to the rules root.</summary>
    public string File { get; }

    /// <summary>The rule concerned, or <see langword="null"/> for a file-level problem.</summary>
    public string? RuleId { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    private static string Format(string file, string? ruleId, string reason)
        => ruleId is null ? $"{file}: {reason}" : $"{file}: rule {ruleId}: {reason}";
}
