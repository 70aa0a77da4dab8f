using PainBilling.Rules.Expressions;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Engine;

/// <summary>
/// The rule-set versions indexed by payer type, with their scope as lookup sets, so that finding the versions that apply
/// to a line is a few comparisons per candidate (no LINQ, no enum formatting) instead of a scan of every version.
/// Answers exactly what <see cref="LoadedRuleSet.AppliesTo"/> answers, in the library's order.
/// </summary>
internal sealed class RuleSetIndex
{
    private readonly Dictionary<string, Entry[]> _byPayerType = new(StringComparer.Ordinal);

    public RuleSetIndex(IReadOnlyList<LoadedRuleSet> ruleSets)
    {
        var entries = ruleSets.Select(s => new Entry(s)).ToArray();
        foreach (var type in Enum.GetValues<Claims.PayerType>())
        {
            _byPayerType[type.ToString()] = entries.Where(e => e.Set.Scope.PayerTypes.Contains(type)).ToArray();
        }
    }

    /// <summary>Adds to <paramref name="into"/> the versions that apply to a line dated <paramref name="date"/> of the claim, in library order.</summary>
    public void Applicable(ClaimView claim, DateOnly date, RuleData data, List<LoadedRuleSet> into)
    {
        if (!_byPayerType.TryGetValue(claim.Payer.Type, out var candidates))
        {
            return;
        }

        string? jurisdiction = null;
        foreach (var entry in candidates)
        {
            if (date < entry.From || (entry.To is { } to && date > to))
            {
                continue;
            }

            if (entry.PayerIds is { } ids && !ids.Contains(claim.Payer.Id))
            {
                continue;
            }

            if (entry.States is { } states && !states.Contains(claim.ServiceState))
            {
                continue;
            }

            if (entry.Jurisdictions is { } jurisdictions && !jurisdictions.Contains(jurisdiction ??= data.Jurisdiction(claim.ServiceState)))
            {
                continue;
            }

            if (entry.Places is { } places && !places.Contains(claim.PlaceOfService))
            {
                continue;
            }

            into.Add(entry.Set);
        }
    }

    /// <summary>Whether the version covers the family (<c>Covers</c>); false for an empty family.</summary>
    public static bool Covers(LoadedRuleSet set, string family) => family.Length > 0 && set.CoversSet.Contains(family);

    private sealed class Entry
    {
        public Entry(LoadedRuleSet set)
        {
            Set = set;
            From = set.Effective.From;
            To = set.Effective.To;
            PayerIds = set.Scope.PayerIds is { Count: > 0 } ids ? ids.ToHashSet(StringComparer.OrdinalIgnoreCase) : null;
            States = set.Scope.ServiceStates is { Count: > 0 } states ? states.ToHashSet(StringComparer.Ordinal) : null;
            Jurisdictions = set.Scope.Jurisdictions is { Count: > 0 } j ? j.ToHashSet(StringComparer.Ordinal) : null;
            Places = set.Scope.PlacesOfService is { Count: > 0 } p ? p.ToHashSet(StringComparer.Ordinal) : null;
            _ = set.CoversSet; // built here, before any evaluation reads it
        }

        public LoadedRuleSet Set { get; }

        public DateOnly From { get; }

        public DateOnly? To { get; }

        public HashSet<string>? PayerIds { get; }

        public HashSet<string>? States { get; }

        public HashSet<string>? Jurisdictions { get; }

        public HashSet<string>? Places { get; }
    }
}
