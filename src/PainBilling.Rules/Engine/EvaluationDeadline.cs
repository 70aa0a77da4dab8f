using System.Diagnostics;

namespace PainBilling.Rules.Engine;

/// <summary>
/// The point in monotonic time (<see cref="Stopwatch"/>, not the wall clock) after which a claim's evaluation stops.
/// Checked before each rule, so no rule edit can make one evaluation run on for ever.
/// </summary>
internal readonly struct EvaluationDeadline
{
    private readonly long _deadline;
    private readonly TimeSpan _budget;

    private EvaluationDeadline(long deadline, TimeSpan budget)
    {
        _deadline = deadline;
        _budget = budget;
    }

    /// <summary>No deadline.</summary>
    public static EvaluationDeadline None => new(long.MaxValue, Timeout.InfiniteTimeSpan);

    /// <summary>A deadline <paramref name="budget"/> from now; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public static EvaluationDeadline After(TimeSpan budget)
        => budget == Timeout.InfiniteTimeSpan
            ? None
            : new(Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency), budget);

    /// <summary>Whether the deadline has passed.</summary>
    public bool Passed => _deadline != long.MaxValue && Stopwatch.GetTimestamp() > _deadline;

    /// <summary>Throws <see cref="EvaluationBudgetExceededException"/> once the deadline has passed.</summary>
    public void ThrowIfPassed()
    {
        if (Passed)
        {
            throw new EvaluationBudgetExceededException();
        }
    }

    /// <summary>The reason given when the budget runs out.</summary>
    public string Describe()
        => $"the evaluation ran over its budget of {_budget.TotalMilliseconds:0.###} ms; the claim was not evaluated (raise ClaimEvaluatorOptions.EvaluationBudget only if the rules are meant to be this slow)";
}

/// <summary>Thrown inside a compiled rule unit when the evaluation's deadline has passed.</summary>
internal sealed class EvaluationBudgetExceededException : Exception
{
    public EvaluationBudgetExceededException()
        : base("evaluation budget exceeded")
    {
    }

    public EvaluationBudgetExceededException(string message)
        : base(message)
    {
    }

    public EvaluationBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
