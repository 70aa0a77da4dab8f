namespace PainBilling.Rules.Claims;

/// <summary>Administrative sex as reported on the claim.</summary>
public enum Sex
{
    /// <summary>Female.</summary>
    F = 1,

    /// <summary>Male.</summary>
    M = 2,

    /// <summary>Unknown.</summary>
    U = 3,
}
