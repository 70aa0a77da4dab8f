namespace PainBilling.Rules.Claims;

/// <summary>The kind of payer, which selects the family of rule sets applied to a claim.</summary>
public enum PayerType
{
    /// <summary>Original (fee-for-service) Medicare Part B.</summary>
    Medicare = 1,

    /// <summary>A Medicare Advantage (Part C) plan.</summary>
    MedicareAdvantage = 2,

    /// <summary>A state Medicaid program or Medicaid managed-care plan.</summary>
    Medicaid = 3,

    /// <summary>A commercial (employer or individual) health plan.</summary>
    Commercial = 4,
}
