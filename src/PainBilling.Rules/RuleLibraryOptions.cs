namespace PainBilling.Rules;

/// <summary>How a <see cref="RuleLibrary"/> compiles its rule expressions.</summary>
public sealed record RuleLibraryOptions
{
    /// <summary>
    /// Compile rule expressions with FastExpressionCompiler instead of <c>Expression.Compile</c>.
    /// </summary>
    /// <value>
    /// <see langword="false"/> by default. FastExpressionCompiler evaluates faster (see benchmarks/results) but has had
    /// wrong-result bugs upstream with nullable comparisons; the test suite runs every rule fixture under both
    /// compilers and requires identical evaluations before this option may be used.
    /// </value>
    public bool UseFastExpressionCompiler { get; init; }
}
