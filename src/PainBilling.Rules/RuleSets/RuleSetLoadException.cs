namespace PainBilling.Rules.RuleSets;

/// <summary>
/// Rule files could not be loaded. <see cref="Errors"/> lists every problem the load found (file, line and column where
/// known, rule, reason); <see cref="File"/>, <see cref="RuleId"/> and <see cref="Reason"/> describe the first.
/// </summary>
public sealed class RuleSetLoadException : Exception
{
    /// <summary>Creates the exception for every problem a load found.</summary>
    /// <param name="errors">The problems, at least one.</param>
    public RuleSetLoadException(IReadOnlyList<RuleLoadError> errors)
        : base(Format(errors))
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("at least one error is required", nameof(errors));
        }

        Errors = errors;
        File = errors[0].File;
        RuleId = errors[0].RuleId;
        Reason = errors[0].Reason;
    }

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
        Errors = [new RuleLoadError(file, ruleId, reason)];
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

    /// <summary>Every problem the load found, in file order.</summary>
    public IReadOnlyList<RuleLoadError> Errors { get; }

    /// <summary>The rule file, relative to the rules root.</summary>
    public string File { get; }

    /// <summary>The rule concerned, or <see langword="null"/> for a file-level problem.</summary>
    public string? RuleId { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    private static string Format(IReadOnlyList<RuleLoadError>? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return "rule files could not be loaded";
        }

        return errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} problems in the rule files:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }

    private static string Format(string file, string? ruleId, string reason)
        => ruleId is null ? $"{file}: {reason}" : $"{file}: rule {ruleId}: {reason}";
}
