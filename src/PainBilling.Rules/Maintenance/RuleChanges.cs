using System.Globalization;
using System.Text.Json;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Maintenance;

/// <summary>
/// What differs between two loaded rule libraries, rule by rule: rule-set versions added, removed or changed (window,
/// scope, covers, payer-policy replacements, global params), rules added, removed or changed (expression, LocalParams,
/// severity, category, CARC, message, remediation, source, scope) and reference-table rows added, removed or changed.
/// A new version is compared with the version it follows (the latest earlier version of the same id).
/// </summary>
internal static class RuleChanges
{
    private static readonly JsonSerializerOptions RowOptions = new() { WriteIndented = false };

    public static IReadOnlyList<RuleChange> Compare(RuleLibrary before, RuleLibrary after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<RuleChange>();
        CompareRuleSets(before.Loaded.RuleSets, after.Loaded.RuleSets, changes);
        CompareTables(before.Loaded.Tables.Versions, after.Loaded.Tables.Versions, changes);
        return changes;
    }

    private static void CompareRuleSets(IReadOnlyList<LoadedRuleSet> before, IReadOnlyList<LoadedRuleSet> after, List<RuleChange> changes)
    {
        var paired = new HashSet<LoadedRuleSet>();
        foreach (var set in after.OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.Effective.From))
        {
            var same = before.FirstOrDefault(b => b.Id == set.Id && b.Version == set.Version);
            var previous = same ?? before
                .Where(b => b.Id == set.Id && b.Effective.From <= set.Effective.From)
                .OrderBy(b => b.Effective.From)
                .LastOrDefault();
            if (previous is null)
            {
                changes.Add(new RuleChange(ChangeKind.Added, "rule set", set.Key, null, $"{set.Effective}; {set.DescribeScope()}; {set.Rules.Count} rules"));
                foreach (var rule in set.Rules)
                {
                    changes.Add(new RuleChange(ChangeKind.Added, "rule", rule.RuleId, set.Key, $"{rule.Severity} {rule.Category}{(rule.Carc is null ? string.Empty : " CARC " + rule.Carc)}"));
                }

                continue;
            }

            paired.Add(previous);
            var label = same is null ? $"{set.Key} (new version, compared with {previous.Version})" : set.Key;
            if (same is null)
            {
                changes.Add(new RuleChange(ChangeKind.Added, "rule set", set.Key, null, $"new version from {set.Effective.From:yyyy-MM-dd} following {previous.Key}"));
            }

            var setFields = new List<FieldChange>();
            Field(setFields, "Effective", previous.Effective.ToString(), set.Effective.ToString());
            Field(setFields, "Scope", previous.DescribeScope(), set.DescribeScope());
            Field(setFields, "Scope.Lines", previous.Scope.Lines.ToString(), set.Scope.Lines.ToString());
            Field(setFields, "Covers", string.Join(",", previous.Covers), string.Join(",", set.Covers));
            Field(setFields, "Family", previous.Family, set.Family);
            Field(setFields, "Title", previous.Title, set.Title);
            Field(setFields, "Sources", string.Join(" | ", previous.Sources), string.Join(" | ", set.Sources));
            Params(setFields, "GlobalParams", previous.GlobalParams, set.GlobalParams);
            if (setFields.Count > 0)
            {
                changes.Add(new RuleChange(ChangeKind.Changed, "rule set", label, null, null) { Fields = setFields });
            }

            foreach (var rule in set.Rules)
            {
                var old = previous.Rules.FirstOrDefault(r => r.RuleId == rule.RuleId);
                if (old is null)
                {
                    changes.Add(new RuleChange(ChangeKind.Added, "rule", rule.RuleId, label, $"{rule.Severity} {rule.Category}{(rule.Carc is null ? string.Empty : " CARC " + rule.Carc)}"));
                    continue;
                }

                var fields = new List<FieldChange>();
                Field(fields, "Expression", old.Expression, rule.Expression);
                Params(fields, "LocalParams", old.LocalParams, rule.LocalParams);
                Field(fields, "Severity", old.Severity.ToString(), rule.Severity.ToString());
                Field(fields, "Category", old.Category.ToString(), rule.Category.ToString());
                Field(fields, "Carc", old.Carc ?? "none", rule.Carc ?? "none");
                Field(fields, "Scope", old.Scope.ToString(), rule.Scope.ToString());
                Field(fields, "Message", old.Message, rule.Message);
                Field(fields, "Remediation", old.Remediation, rule.Remediation);
                Field(fields, "Source", old.Source, rule.Source);
                if (fields.Count > 0)
                {
                    changes.Add(new RuleChange(ChangeKind.Changed, "rule", rule.RuleId, label, null) { Fields = fields });
                }
            }

            foreach (var old in previous.Rules.Where(o => !set.Rules.Any(r => r.RuleId == o.RuleId)))
            {
                changes.Add(new RuleChange(ChangeKind.Removed, "rule", old.RuleId, label, $"was in {previous.Key}"));
            }
        }

        foreach (var set in before.Where(b => !paired.Contains(b) && !after.Any(a => a.Id == b.Id && a.Version == b.Version)))
        {
            changes.Add(new RuleChange(ChangeKind.Removed, "rule set", set.Key, null, $"{set.Effective}; {set.Rules.Count} rules"));
            foreach (var rule in set.Rules.Where(r => !after.Any(a => a.Rules.Any(x => x.RuleId == r.RuleId))))
            {
                changes.Add(new RuleChange(ChangeKind.Removed, "rule", rule.RuleId, set.Key, null));
            }
        }
    }

    private static void CompareTables(IReadOnlyList<ReferenceTableVersion> before, IReadOnlyList<ReferenceTableVersion> after, List<RuleChange> changes)
    {
        foreach (var table in after.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Effective.From))
        {
            var key = $"reference/{table.Name}@{table.Version}";
            var same = before.FirstOrDefault(b => b.Name == table.Name && b.Version == table.Version);
            var previous = same ?? before.Where(b => b.Name == table.Name && b.Effective.From <= table.Effective.From).OrderBy(b => b.Effective.From).LastOrDefault();
            if (previous is null)
            {
                changes.Add(new RuleChange(ChangeKind.Added, "table", key, null, $"{table.Effective}; {table.Rows.Count} rows"));
                continue;
            }

            var label = same is null ? $"{key} (new version, compared with {previous.Version})" : key;
            if (same is null)
            {
                changes.Add(new RuleChange(ChangeKind.Added, "table", key, null, $"new version from {table.Effective.From:yyyy-MM-dd} following {previous.Version}"));
            }

            if (previous.Effective != table.Effective)
            {
                changes.Add(new RuleChange(ChangeKind.Changed, "table", label, null, null) { Fields = [new FieldChange("Effective", previous.Effective.ToString(), table.Effective.ToString())] });
            }

            var oldRows = Rows(previous);
            var newRows = Rows(table);
            foreach (var (rowKey, json) in newRows)
            {
                if (!oldRows.TryGetValue(rowKey, out var oldJson))
                {
                    changes.Add(new RuleChange(ChangeKind.Added, "row", rowKey, label, json));
                }
                else if (oldJson != json)
                {
                    changes.Add(new RuleChange(ChangeKind.Changed, "row", rowKey, label, null) { Fields = [new FieldChange("Row", oldJson, json)] });
                }
            }

            foreach (var (rowKey, json) in oldRows.Where(r => !newRows.ContainsKey(r.Key)))
            {
                changes.Add(new RuleChange(ChangeKind.Removed, "row", rowKey, label, json));
            }
        }

        foreach (var table in before.Where(b => !after.Any(a => a.Name == b.Name)))
        {
            changes.Add(new RuleChange(ChangeKind.Removed, "table", $"reference/{table.Name}@{table.Version}", null, $"{table.Rows.Count} rows"));
        }
    }

    private static SortedDictionary<string, string> Rows(ReferenceTableVersion table)
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var row in table.Rows)
        {
            var json = JsonSerializer.Serialize(row, row.GetType(), RowOptions);
            rows[RuleSetLoader.RowKey(row) ?? index.ToString(CultureInfo.InvariantCulture)] = json;
            index++;
        }

        return rows;
    }

    private static void Field(List<FieldChange> fields, string name, string before, string after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            fields.Add(new FieldChange(name, before, after));
        }
    }

    private static void Params(List<FieldChange> fields, string name, IReadOnlyList<ScopedParamDocument> before, IReadOnlyList<ScopedParamDocument> after)
    {
        foreach (var param in after)
        {
            var old = before.FirstOrDefault(p => p.Name == param.Name);
            Field(fields, $"{name}.{param.Name}", old?.Expression ?? "(none)", param.Expression);
        }

        foreach (var old in before.Where(o => !after.Any(p => p.Name == o.Name)))
        {
            fields.Add(new FieldChange($"{name}.{old.Name}", old.Expression, "(removed)"));
        }
    }
}

/// <summary>Added, removed or changed.</summary>
internal enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One change between two rule libraries.</summary>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="What">rule set, rule, table or row.</param>
/// <param name="Id">The rule-set key, rule id, table key or row key.</param>
/// <param name="In">Where it is (the rule set or table version), for rules and rows.</param>
/// <param name="Detail">A one-line summary for added and removed items.</param>
internal sealed record RuleChange(ChangeKind Kind, string What, string Id, string? In, string? Detail)
{
    /// <summary>The fields that changed, before and after.</summary>
    public IReadOnlyList<FieldChange> Fields { get; init; } = [];
}

/// <summary>One changed field.</summary>
internal sealed record FieldChange(string Field, string Before, string After);
