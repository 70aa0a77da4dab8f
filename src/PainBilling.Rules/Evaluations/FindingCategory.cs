namespace PainBilling.Rules.Evaluations;

/// <summary>The denial cause a finding belongs to.</summary>
public enum FindingCategory
{
    /// <summary>Malformed or impossible data: unknown code format, pointer to a missing diagnosis, line without a date.</summary>
    ClaimData = 1,

    /// <summary>Prior authorization missing, expired, or not covering the code or the units.</summary>
    PriorAuthorization = 2,

    /// <summary>The wrong code for what was documented, an add-on code without its primary, codes that cannot go together.</summary>
    CodeSelection = 3,

    /// <summary>A required element is not documented (spinal level, imaging, conservative care, pain and function).</summary>
    Documentation = 4,

    /// <summary>LCD or payer coverage criteria not met, including diagnoses that do not support the procedure.</summary>
    MedicalNecessity = 5,

    /// <summary>The line points at diagnoses that are invalid, non-billable, unspecific, or need supporting documentation.</summary>
    DiagnosisLinkage = 6,

    /// <summary>Missing, conflicting or unsupported modifiers (RT/LT, 50, 25, 59 and X{EPSU}).</summary>
    Modifier = 7,

    /// <summary>Units over the per-day limit, or sessions over the limit in a time window, counting history.</summary>
    Frequency = 8,

    /// <summary>A pair of services that are not paid together on the same day without a valid modifier.</summary>
    Bundling = 9,
}
