using System.Text.Json;
using System.Text.Json.Nodes;

namespace PainBilling.Rules.RuleSets;

/// <summary>
/// Resolves rule-set versions written as a change to another version (<c>"Extends": "&lt;version&gt;"</c> of the same
/// <c>Id</c>): the extended version's JSON, with every top-level member the change gives replaced, <c>GlobalParams</c>
/// merged by <c>Name</c>, <c>Rules</c> merged by <c>RuleName</c> (a rule's members replaced, its <c>LocalParams</c> merged
/// by <c>Name</c> and its <c>Properties</c> member by member; new rules appended) and the rules named in
/// <c>RemoveRules</c> dropped. The result is an ordinary rule-set file and is loaded and checked as one;
/// <c>painrules rules --show ID@VERSION</c> prints it.
/// </summary>
internal static class RuleSetExtends
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<(string Path, string Content)> Resolve(IReadOnlyList<(string Path, string Content)> files, LoadErrors errors)
    {
        var parsed = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (path, content) in files)
        {
            try
            {
                if (JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) is JsonObject node)
                {
                    parsed[path] = node;
                }
            }
            catch (JsonException)
            {
                // Reported by the loader, with line and column.
            }
        }

        if (!parsed.Values.Any(n => n.ContainsKey("Extends")))
        {
            return files;
        }

        var byVersion = new Dictionary<(string, string), string>();
        foreach (var (path, node) in parsed)
        {
            if (Text(node, "Id") is { } id && Text(node, "Version") is { } version)
            {
                byVersion.TryAdd((id, version), path);
            }
        }

        var resolved = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        var result = new List<(string Path, string Content)>();
        foreach (var (path, content) in files)
        {
            if (!parsed.TryGetValue(path, out var node) || !node.ContainsKey("Extends"))
            {
                result.Add((path, content));
                continue;
            }

            if (ResolveOne(path, parsed, byVersion, resolved, [], errors) is { } merged)
            {
                result.Add((path, merged.ToJsonString(Indented)));
            }
        }

        return result;
    }

    private static JsonObject? ResolveOne(string path, Dictionary<string, JsonObject> parsed, Dictionary<(string, string), string> byVersion, Dictionary<string, JsonObject?> resolved, HashSet<string> visiting, LoadErrors errors)
    {
        if (resolved.TryGetValue(path, out var done))
        {
            return done;
        }

        var change = parsed[path];
        if (!change.ContainsKey("Extends"))
        {
            return change;
        }

        JsonObject? result = null;
        var id = Text(change, "Id");
        var extends = Text(change, "Extends");
        if (id is null || extends is null)
        {
            errors.Add(path, null, "Extends must be the Version (a string) of another version of the same rule-set Id");
        }
        else if (!byVersion.TryGetValue((id, extends), out var basePath))
        {
            var known = byVersion.Keys.Where(k => k.Item1 == id).Select(k => k.Item2).Order(StringComparer.Ordinal).ToList();
            errors.Add(path, null, $"Extends: rule set {id} has no version '{extends}' to extend (versions: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
        }
        else if (!visiting.Add(path))
        {
            errors.Add(path, null, $"Extends: versions of rule set {id} extend each other in a cycle");
        }
        else
        {
            var baseNode = ResolveOne(basePath, parsed, byVersion, resolved, visiting, errors);
            if (baseNode is not null)
            {
                result = Merge(path, baseNode, change, errors);
            }
        }

        resolved[path] = result;
        return result;
    }

    private static JsonObject Merge(string path, JsonObject baseNode, JsonObject change, LoadErrors errors)
    {
        var result = (JsonObject)baseNode.DeepClone();
        result.Remove("Extends");
        foreach (var (name, value) in change)
        {
            if (name is "Workflow" or "RemoveRules")
            {
                continue;
            }

            result[name] = value?.DeepClone();
        }

        if (change["Workflow"] is JsonObject workflowChange && result["Workflow"] is JsonObject workflow)
        {
            foreach (var (name, value) in workflowChange)
            {
                if (name == "GlobalParams" && workflow["GlobalParams"] is JsonArray globals && value is JsonArray changedGlobals)
                {
                    MergeByName(globals, changedGlobals, "Name", replace: true);
                }
                else if (name == "Rules" && workflow["Rules"] is JsonArray rules && value is JsonArray changedRules)
                {
                    MergeByName(rules, changedRules, "RuleName", replace: false);
                }
                else
                {
                    workflow[name] = value?.DeepClone();
                }
            }
        }

        if (change["RemoveRules"] is { } remove)
        {
            if (remove is not JsonArray ids || ids.Any(i => i?.GetValueKind() != JsonValueKind.String))
            {
                errors.Add(path, null, "RemoveRules must be an array of rule ids");
            }
            else if (result["Workflow"]?["Rules"] is JsonArray rules)
            {
                foreach (var ruleId in ids.Select(i => i!.GetValue<string>()))
                {
                    var rule = rules.FirstOrDefault(r => Text(r as JsonObject, "RuleName") == ruleId);
                    if (rule is null)
                    {
                        errors.Add(path, ruleId, "RemoveRules names a rule the extended version does not have");
                    }
                    else
                    {
                        rules.Remove(rule);
                    }
                }
            }
        }

        // Keep the member order of an ordinary file and say what this version extends.
        var ordered = new JsonObject();
        foreach (var (name, value) in result.ToList())
        {
            result.Remove(name);
            ordered[name] = value;
            if (name == "Version")
            {
                ordered["Extends"] = change["Extends"]!.DeepClone();
            }
        }

        return ordered;
    }

    /// <summary>Items of <paramref name="changes"/> replace (or, for rules, are merged into) the item of <paramref name="items"/> with the same key; new keys are appended.</summary>
    private static void MergeByName(JsonArray items, JsonArray changes, string key, bool replace)
    {
        foreach (var item in changes)
        {
            var name = Text(item as JsonObject, key);
            var index = name is null ? -1 : items.Select((x, i) => (x, i)).Where(p => Text(p.x as JsonObject, key) == name).Select(p => p.i).DefaultIfEmpty(-1).First();
            if (index < 0)
            {
                items.Add(item?.DeepClone());
            }
            else if (replace || items[index] is not JsonObject existing || item is not JsonObject changed)
            {
                items[index] = item?.DeepClone();
            }
            else
            {
                foreach (var (member, value) in changed)
                {
                    if (member == "LocalParams" && existing["LocalParams"] is JsonArray locals && value is JsonArray changedLocals)
                    {
                        MergeByName(locals, changedLocals, "Name", replace: true);
                    }
                    else if (member == "Properties" && existing["Properties"] is JsonObject properties && value is JsonObject changedProperties)
                    {
                        foreach (var (property, propertyValue) in changedProperties)
                        {
                            properties[property] = propertyValue?.DeepClone();
                        }
                    }
                    else
                    {
                        existing[member] = value?.DeepClone();
                    }
                }
            }
        }
    }

    private static string? Text(JsonObject? node, string name)
        => node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
