namespace PainBilling.Rules.Claims;

/// <summary>
/// What the medical record documents for the encounter, as structured attestations.
/// Every member is optional; <see langword="null"/> means "not documented".
/// </summary>
public sealed record ClinicalDocumentation
{
    /// <summary>Pain severity on a 0..10 numeric scale.</summary>
    public decimal? PainScore { get; init; }

    /// <summary>How long the pain has lasted, in months.</summary>
    public decimal? PainDurationMonths { get; init; }

    /// <summary>Weeks of conservative care tried and failed.</summary>
    public decimal? ConservativeCareWeeks { get; init; }

    /// <summary>Functional limitation is documented.</summary>
    public bool? FunctionalImpairmentDocumented { get; init; }

    /// <summary>Guidance used for this procedure.</summary>
    public ImagingGuidance? ImagingGuidance { get; init; }

    /// <summary>Imaging findings that correlate with the diagnosis are documented.</summary>
    public bool? ImagingFindingsDocumented { get; init; }

    /// <summary>Psychological evaluation documented (spinal cord stimulation).</summary>
    public bool? PsychologicalEvaluationDocumented { get; init; }

    /// <summary>Pain relief, in percent, in a spinal cord stimulator trial.</summary>
    public decimal? ScsTrialReliefPercent { get; init; }

    /// <summary>Number of muscles injected (trigger point injections).</summary>
    public int? MuscleGroupsInjected { get; init; }

    /// <summary>A significant, separately identifiable E/M service is documented (modifier 25).</summary>
    public bool? SeparateEvaluationDocumented { get; init; }

    /// <summary>The injury behind post-traumatic pain is documented.</summary>
    public bool? InjuryDocumented { get; init; }

    /// <summary>Current and past pain medications are documented.</summary>
    public bool? MedicationHistoryDocumented { get; init; }

    /// <summary>A procedure note with indication, approach, levels, side, medication and dose, and retained images where guidance was used.</summary>
    public bool? ProcedureNoteDocumented { get; init; }

    /// <summary>A documented reason contrast could not be used (allergy, pregnancy).</summary>
    public bool? ContrastContraindicationDocumented { get; init; }

    /// <summary>Why the patient is not a candidate for radiofrequency ablation (repeat therapeutic facet injections).</summary>
    public bool? AblationNotCandidateReasonDocumented { get; init; }
}
