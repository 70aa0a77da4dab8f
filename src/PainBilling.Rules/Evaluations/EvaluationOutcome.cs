namespace PainBilling.Rules.Evaluations;

/// <summary>The worst severity among an evaluation's findings, from worst to best: Reject, Deny, Review, Incomplete, Clean.</summary>
public enum EvaluationOutcome
{
    /// <summary>At least one <see cref="FindingSeverity.Reject"/> finding.</summary>
    Reject = 1,

    /// <summary>At least one <see cref="FindingSeverity.Deny"/> finding and no reject.</summary>
    Deny = 2,

    /// <summary>At least one <see cref="FindingSeverity.Review"/> finding and nothing worse.</summary>
    Review = 3,

    /// <summary>
    /// No reject, deny or review finding, but at least one line was not checked by any rule set (its
    /// <c>SYS-NOT-EVALUATED</c> finding stays <see cref="FindingSeverity.Info"/>): the claim is not known to be clean.
    /// </summary>
    Incomplete = 4,

    /// <summary>Every line was checked and there is no reject, deny or review finding (<see cref="FindingSeverity.Info"/> findings alone leave a claim clean).</summary>
    Clean = 5,
}
