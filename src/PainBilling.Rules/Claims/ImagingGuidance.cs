namespace PainBilling.Rules.Claims;

/// <summary>Image guidance used for a procedure.</summary>
public enum ImagingGuidance
{
    /// <summary>No image guidance.</summary>
    None = 1,

    /// <summary>Fluoroscopy.</summary>
    Fluoroscopy = 2,

    /// <summary>Computed tomography.</summary>
    CT = 3,

    /// <summary>Ultrasound.</summary>
    Ultrasound = 4,
}
