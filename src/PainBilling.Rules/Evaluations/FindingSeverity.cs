namespace PainBilling.Rules.Evaluations;

/// <summary>How serious a finding is. Declared from worst to mildest.</summary>
public enum FindingSeverity
{
    /// <summary>The claim's data is malformed: it would be turned back before adjudication.</summary>
    Reject = 1,

    /// <summary>The payer will deny the line as submitted.</summary>
    Deny = 2,

    /// <summary>Denial or audit risk that a person should check.</summary>
    Review = 3,

    /// <summary>Information only; does not change the outcome.</summary>
    Info = 4,
}
