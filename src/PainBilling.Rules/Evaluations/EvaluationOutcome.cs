namespace PainBilling.Rules.Evaluations;

/// <summary>The worst severity among an evaluation's findings.</summary>
public enum EvaluationOutcome
{
    /// <summary>At least one <see cref="FindingSeverity.Reject"/> finding.</summary>
    Reject = 1,

    /// <summary>At least one <see cref="FindingSeverity.Deny"/> finding and no reject.</summary>
    Deny = 2,

    /// <summary>At least one <see cref="FindingSeverity.Review"/> finding and nothing worse.</summary>
    Review = 3,

    /// <summary>No reject, deny or review finding (<see cref="FindingSeverity.Info"/> findings alone leave a claim clean).</summary>
    Clean = 4,
}
