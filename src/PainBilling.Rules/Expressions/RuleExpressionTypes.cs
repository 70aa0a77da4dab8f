namespace PainBilling.Rules.Expressions;

/// <summary>
/// The types whose members rule expressions may reach: the claim views, <see cref="RuleData"/> and the records its
/// helpers return. The engine registers exactly these with the expression parser, and the expression guard allows
/// exactly their public instance members. A helper that returns a new record type adds it here.
/// </summary>
internal static class RuleExpressionTypes
{
    /// <summary>Every type an expression may reach beyond primitives, strings, dates and collections of them.</summary>
    public static readonly Type[] All =
    [
        typeof(RuleData), typeof(ClaimView), typeof(LineView), typeof(PayerView), typeof(ClinicalView),
        typeof(PriorServiceView), typeof(PriorAuthorizationView), typeof(MueLimit), typeof(BilateralIndicator),
        typeof(GlobalPeriod), typeof(PolicyDocument), typeof(PtpEdit), typeof(PayerAuthPolicy),
    ];
}
