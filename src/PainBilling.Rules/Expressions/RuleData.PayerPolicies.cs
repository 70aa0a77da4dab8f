namespace PainBilling.Rules.Expressions;

/// <summary>Payer prior-authorization policies on file (table <c>payer-prior-authorization</c>), for rule expressions.</summary>
internal sealed partial class RuleData
{
    /// <summary>
    /// Whether a prior-authorization policy of the payer is on file for this date of service (whatever codes it lists).
    /// Rules use it to tell "the payer's policy does not list this code" from "no policy is on file".
    /// </summary>
    public bool HasPayerAuthPolicy(string payerId)
        => _index.PayerAuthPolicies.Any(p => string.Equals(p.PayerId, payerId, StringComparison.Ordinal) && InForce(p));

    /// <summary>
    /// The payer's prior-authorization policy in force on this date that lists <paramref name="code"/>, or
    /// <see langword="null"/> when none does.
    /// </summary>
    public PayerAuthPolicy? PayerAuthPolicy(string payerId, string code)
    {
        var row = _index.PayerAuthPolicies.FirstOrDefault(p => string.Equals(p.PayerId, payerId, StringComparison.Ordinal)
            && InForce(p) && p.Codes.Contains(code, StringComparer.Ordinal));
        return row is null ? null : new PayerAuthPolicy(row.PayerId, row.From, row.To, row.Example, row.Source);
    }

    private bool InForce(RuleSets.PayerPriorAuthorizationRow policy) => policy.From <= Date && (policy.To is null || Date <= policy.To);
}

/// <summary>A payer prior-authorization policy row as rules see it: whose it is, its dates, whether it is an example, and its source.</summary>
internal sealed record PayerAuthPolicy(string PayerId, DateOnly From, DateOnly? To, bool Example, string Source);
