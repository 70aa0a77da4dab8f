namespace PainBilling.Rules.RuleSets;

/// <summary>
/// Payer policies: a payer-specific rule set (one with <c>Scope.PayerIds</c>) may declare, in <c>Replaces</c>, rule sets
/// and rules that do not apply to its payers. Wherever the policy applies to a line (its payers, dates and the rest of
/// its scope), the replaced rule sets are not run and the replaced rules raise no finding; the policy's own rules say
/// what applies instead, and the evaluation's <c>ruleSets</c> names the policy, not the replaced sets.
/// </summary>
internal static class PayerPolicies
{
    /// <summary>Removes from <paramref name="applicable"/> the rule sets a policy among them replaces, and collects the rules they replace.</summary>
    /// <returns>Whether a policy applies (so that it is reported as applied).</returns>
    public static bool Apply(List<LoadedRuleSet> applicable, HashSet<string> replacedRules, List<LoadedRuleSet> policies)
    {
        replacedRules.Clear();
        policies.Clear();
        foreach (var set in applicable)
        {
            if (set.IsPayerPolicy)
            {
                policies.Add(set);
                replacedRules.UnionWith(set.ReplacesRules);
            }
        }

        if (policies.Count == 0)
        {
            return false;
        }

        applicable.RemoveAll(s => policies.Exists(p => p.ReplacesRuleSets.Contains(s.Id, StringComparer.Ordinal)));
        return true;
    }

    public static void Validate(IReadOnlyList<LoadedRuleSet> ruleSets, LoadErrors errors)
    {
        var setIds = ruleSets.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var ruleOwners = ruleSets.SelectMany(s => s.Rules.Select(r => (r.RuleId, s.Id))).GroupBy(x => x.RuleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        foreach (var set in ruleSets.Where(s => s.IsPayerPolicy))
        {
            if (set.Scope.PayerIds is not { Count: > 0 })
            {
                errors.Add(set.File, null, "Replaces is for payer policies: give Scope.PayerIds (the payers whose policy replaces the baseline), or a replacement would apply to every payer");
            }

            foreach (var id in set.ReplacesRuleSets)
            {
                if (id == set.Id)
                {
                    errors.Add(set.File, null, $"Replaces.RuleSets: a rule set cannot replace itself ({id})");
                }
                else if (!setIds.Contains(id))
                {
                    errors.Add(set.File, null, $"Replaces.RuleSets: no rule set '{id}' is loaded");
                }
            }

            foreach (var ruleId in set.ReplacesRules)
            {
                if (!ruleOwners.TryGetValue(ruleId, out var owner))
                {
                    errors.Add(set.File, ruleId, "Replaces.Rules: no loaded rule has this id");
                }
                else if (owner == set.Id)
                {
                    errors.Add(set.File, ruleId, "Replaces.Rules: a rule set cannot replace its own rule (disable or remove it instead)");
                }
            }
        }
    }
}
