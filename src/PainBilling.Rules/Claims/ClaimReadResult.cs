using System.Diagnostics.CodeAnalysis;

namespace PainBilling.Rules.Claims;

/// <summary>The result of reading one claim from JSON: the claim, or the problems that stop it from being evaluated.</summary>
public sealed class ClaimReadResult
{
    internal ClaimReadResult(Claim? claim, string claimId, IReadOnlyList<ClaimDataProblem> problems)
    {
        Claim = claim;
        ClaimId = claimId;
        Problems = problems;
    }

    /// <summary>The claim, when it was read without problems.</summary>
    public Claim? Claim { get; }

    /// <summary>The claim id when it could be read, else an empty string.</summary>
    public string ClaimId { get; }

    /// <summary>Problems found; empty when <see cref="Claim"/> is set.</summary>
    public IReadOnlyList<ClaimDataProblem> Problems { get; }

    /// <summary>Whether the claim was read and can be evaluated.</summary>
    [MemberNotNullWhen(true, nameof(Claim))]
    public bool Succeeded => Claim is not null && Problems.Count == 0;
}
