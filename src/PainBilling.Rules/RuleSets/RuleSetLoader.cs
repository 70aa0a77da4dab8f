using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PainBilling.Rules.RuleSets;

/// <summary>
/// Reads and validates rule files strictly: unknown keys, camelCase slips, missing members, bad enum values,
/// unsafe expressions, unknown placeholders, set names and overlapping versions all stop loading with file, rule and reason.
/// Compiling the expressions is the engine's part (see <c>Engine/CompiledRules</c>).
/// </summary>
internal static partial class RuleSetLoader
{
    internal static readonly JsonSerializerOptions FileOptions = CreateOptions();

    /// <summary>Placeholders every message, remediation and source may use without declaring them.</summary>
    internal static readonly IReadOnlySet<string> BuiltInPlaceholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "line", "code", "units", "serviceDate", "modifiers", "state", "placeOfService", "payerType", "payerId", "ruleSet",
    };

    private static readonly string[] ForbiddenIdentifiers =
    [
        "GetType", "typeof", "Assembly", "Reflection", "Activator", "AppDomain", "Environment", "Process", "File", "Directory",
        "Invoke", "DynamicInvoke", "MethodInfo", "PropertyInfo", "DateTime", "DateTimeOffset", "Guid", "Random", "Range",
        "Repeat", "PadLeft", "PadRight", "Patient", "BirthDate", "Thread", "Task", "GC", "Marshal", "Unsafe", "Console",
    ];

    public static LoadedRules Load(RulesSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var files = source.ReadFiles();
        var errors = new LoadErrors();
        var systemFiles = files.Where(f => f.Path == "system.json").ToList();
        if (systemFiles.Count != 1)
        {
            throw new RuleSetLoadException("system.json", null, $"expected exactly one system.json at the rules root of '{source.Description}'");
        }

        SystemFile? system = null;
        errors.Try(systemFiles[0].Path, null, () =>
        {
            system = Deserialize<SystemFile>(systemFiles[0].Path, systemFiles[0].Content);
            ValidateTemplate(systemFiles[0].Path, system.Findings.ClaimUnreadable, ["path", "reason"]);
            ValidateTemplate(systemFiles[0].Path, system.Findings.NotEvaluated, ["code", "line", "serviceDate", "payerType", "state"]);
        });

        var parts = new List<ReferenceTableVersion>();
        foreach (var (path, content) in files.Where(f => f.Path.StartsWith("reference/", StringComparison.Ordinal)))
        {
            errors.Try(path, null, () => parts.Add(LoadTable(path, content)));
        }

        ReferenceTableSet? tables = null;
        errors.Try("reference/", null, () =>
        {
            tables = new ReferenceTableSet(MergeTableFiles(parts));
            ValidateTableVersions(tables);
        });

        // Rule sets are checked against the tables (code sets, groups, families): with broken tables, stop here
        // rather than report every rule that names what the broken table would have defined.
        errors.ThrowIfAny();

        var ruleSets = new List<LoadedRuleSet>();
        var ruleSetFiles = RuleSetExtends.Resolve(files.Where(f => f.Path.StartsWith("rule-sets/", StringComparison.Ordinal)).ToList(), errors);
        foreach (var (path, content) in ruleSetFiles)
        {
            errors.Remember(path, content);
            errors.Try(path, null, () =>
            {
                if (LoadRuleSet(path, content, tables!, errors) is { } set)
                {
                    ruleSets.Add(set);
                }
            });
        }

        if (ruleSets.Count == 0 && errors.Count == 0)
        {
            throw new RuleSetLoadException("rule-sets/", null, $"no rule-set files found in '{source.Description}'");
        }

        ValidateAcrossRuleSets(ruleSets, errors);
        errors.ThrowIfAny();
        return new LoadedRules(system!.Version, system.Findings, tables!, ruleSets)
        {
            RuleSetContents = ruleSetFiles.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal),
        };
    }

    internal static T Deserialize<T>(string file, string content)
    {
        var nulls = RuleFileJson.NullEntries(file, content);
        if (nulls.Count > 0)
        {
            throw new RuleSetLoadException(nulls);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(content, FileOptions)
                ?? throw new RuleSetLoadException(file, null, "the file is empty (null)");
        }
        catch (JsonException ex)
        {
            throw new RuleSetLoadException(
            [
                new RuleLoadError(file, RuleIdAt(content, ex.Path), Describe(ex, content), (int?)(ex.LineNumber + 1), (int?)(ex.BytePositionInLine + 1)),
            ]);
        }
    }

    private static ReferenceTableVersion LoadTable(string file, string content)
    {
        var document = Deserialize<ReferenceTableFile>(file, content);
        if (!ReferenceTableNames.RowTypes.TryGetValue(document.Table, out var rowType))
        {
            throw new RuleSetLoadException(file, null, $"unknown table '{document.Table}'; known tables: {string.Join(", ", ReferenceTableNames.RowTypes.Keys)}");
        }

        RequireSources(file, null, document.Sources);
        var window = Window(file, document.Effective);
        if (document.Effective.GapBefore is not null)
        {
            throw new RuleSetLoadException(file, null, "Effective.GapBefore applies to rule sets only; reference tables may leave gaps (dates outside every version are reported as not checked)");
        }

        if (document.Rows.ValueKind != JsonValueKind.Array)
        {
            throw new RuleSetLoadException(file, null, "Rows must be an array");
        }

        var rows = new List<object>();
        var index = 0;
        foreach (var element in document.Rows.EnumerateArray())
        {
            try
            {
                var row = element.Deserialize(rowType, FileOptions) ?? throw new RuleSetLoadException(file, null, $"Rows[{index}] is null");
                if (RuleFileJson.MissingMember(row) is { } missing)
                {
                    throw new RuleSetLoadException(file, null, $"Rows[{index}]: missing required key '{missing}'");
                }

                rows.Add(row);
            }
            catch (JsonException ex)
            {
                throw new RuleSetLoadException(file, null, $"Rows[{index}]: {Describe(ex, element.GetRawText())}", ex);
            }

            index++;
        }

        var table = new ReferenceTableVersion(document.Table, document.Version, window, document.Sources, file, rows);
        ReferenceTableChecks.Check(table);
        return table;
    }

    /// <summary>
    /// Several files may contribute rows to one version of one table (e.g. a family's own code sets); they must agree
    /// on the effective window, and a row key may be defined only once.
    /// </summary>
    private static ReferenceTableVersion[] MergeTableFiles(IReadOnlyList<ReferenceTableVersion> parts)
    {
        var merged = new List<ReferenceTableVersion>();
        foreach (var group in parts.GroupBy(p => (p.Name, p.Version)))
        {
            var first = group.First();
            foreach (var part in group.Skip(1))
            {
                if (part.Effective != first.Effective)
                {
                    throw new RuleSetLoadException(part.File, null, $"table '{part.Name}' version {part.Version} has window {part.Effective} here but {first.Effective} in {first.File}; files of one table version must share its window");
                }
            }

            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var part in group)
            {
                foreach (var row in part.Rows)
                {
                    var key = RowKey(row);
                    if (key is not null && !keys.TryAdd(key, part.File))
                    {
                        throw new RuleSetLoadException(part.File, null, $"table '{part.Name}' version {part.Version}: row '{key}' is also defined in {keys[key]}");
                    }
                }
            }

            merged.Add(group.Count() == 1
                ? first
                : first with
                {
                    File = string.Join(", ", group.Select(p => p.File)),
                    Sources = group.SelectMany(p => p.Sources).Distinct().ToArray(),
                    Rows = group.SelectMany(p => p.Rows).ToArray(),
                });
        }

        return merged.ToArray();
    }

    /// <summary>The key that identifies a reference row within its table version (used to reject duplicates and to diff tables).</summary>
    internal static string? RowKey(object row) => row switch
    {
        ProcedureCodeRow r => r.Code,
        CodeSetRow r => r.Id,
        AddOnCodeRow r => r.AddOn,
        MueRow r => r.Code,
        BilateralIndicatorRow r => r.Code,
        GlobalDaysRow r => r.Code,
        MacJurisdictionRow r => r.State,
        HeaderCodeRow r => r.Code,
        DiagnosisGroupRow r => r.Id,
        LcdDocumentRow r => r.Topic + "/" + r.Jurisdiction,
        PtpEditRow r => r.Column1 + "/" + r.Column2,
        Icd10CmCodeListRow r => r.Status.ToString(),
        PayerPriorAuthorizationRow r => r.PayerId + "/" + r.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static void ValidateTableVersions(ReferenceTableSet tables)
    {
        foreach (var group in tables.Versions.GroupBy(v => v.Name))
        {
            var versions = group.ToList();
            for (var i = 0; i < versions.Count; i++)
            {
                for (var j = i + 1; j < versions.Count; j++)
                {
                    if (versions[i].Effective.Overlaps(versions[j].Effective))
                    {
                        throw new RuleSetLoadException(versions[j].File, null, $"table '{group.Key}' version {versions[j].Version} ({versions[j].Effective}) overlaps version {versions[i].Version} ({versions[i].Effective}) in {versions[i].File}");
                    }
                }
            }
        }
    }

    private static LoadedRuleSet? LoadRuleSet(string file, string content, ReferenceTableSet tables, LoadErrors errors)
    {
        var before = errors.Count;
        var document = Deserialize<RuleSetFile>(file, content);
        if (!RuleSetIdPattern().IsMatch(document.Id))
        {
            throw new RuleSetLoadException(file, null, $"Id '{document.Id}' must be lower-case words joined by hyphens (e.g. medicare-esi)");
        }

        if (string.IsNullOrWhiteSpace(document.Version))
        {
            throw new RuleSetLoadException(file, null, "Version is required");
        }

        RequireSources(file, null, document.Sources);
        var window = Window(file, document.Effective);
        if (document.Scope.PayerTypes.Count == 0)
        {
            throw new RuleSetLoadException(file, null, "Scope.PayerTypes must name at least one payer type");
        }

        if (document.Scope.Lines == LineSelection.Covered && document.Covers.Count == 0)
        {
            throw new RuleSetLoadException(file, null, "Scope.Lines is Covered but Covers names no family");
        }

        foreach (var state in document.Scope.ServiceStates ?? [])
        {
            if (!StatePattern().IsMatch(state))
            {
                throw new RuleSetLoadException(file, null, $"Scope.ServiceStates: '{state}' is not a two-letter state code");
            }
        }

        var families = tables.DefinedIds(ReferenceTableNames.ProcedureCodes);
        foreach (var family in document.Covers)
        {
            if (!families.Contains(family))
            {
                throw new RuleSetLoadException(file, null, $"Covers: family '{family}' is not in the procedure-codes table");
            }
        }

        if (document.Effective.GapBefore is { } gap && string.IsNullOrWhiteSpace(gap))
        {
            throw new RuleSetLoadException(file, null, "Effective.GapBefore, when present, must say why coverage pauses before this version");
        }

        var globalNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var param in document.Workflow.GlobalParams)
        {
            errors.Try(file, null, () =>
            {
                ValidateParamName(file, null, param.Name);
                if (!globalNames.Add(param.Name))
                {
                    throw new RuleSetLoadException(file, null, $"GlobalParams: '{param.Name}' is declared twice");
                }

                LintExpression(file, null, param.Expression, tables);
            });
        }

        if (document.Workflow.Rules.Count == 0)
        {
            throw new RuleSetLoadException(file, null, "Workflow.Rules is empty");
        }

        if (!document.Workflow.Rules.Any(r => r.Enabled))
        {
            throw new RuleSetLoadException(file, null, "every rule is disabled (Enabled: false); a rule set needs at least one enabled rule, or remove the file");
        }

        var rules = new List<RuleDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in document.Workflow.Rules)
        {
            errors.Try(file, rule.RuleName, () =>
            {
                if (!RuleIdPattern().IsMatch(rule.RuleName))
                {
                    throw new RuleSetLoadException(file, rule.RuleName, "RuleName must be an upper-case rule id such as ESI-IMAGING-001");
                }

                if (!seen.Add(rule.RuleName))
                {
                    throw new RuleSetLoadException(file, rule.RuleName, "RuleName is used twice in this file");
                }

                if (!rule.Enabled)
                {
                    return;
                }

                var locals = new HashSet<string>(StringComparer.Ordinal);
                foreach (var param in rule.LocalParams)
                {
                    ValidateParamName(file, rule.RuleName, param.Name);
                    if (!locals.Add(param.Name) || globalNames.Contains(param.Name))
                    {
                        throw new RuleSetLoadException(file, rule.RuleName, $"LocalParams: '{param.Name}' is declared twice (or shadows a GlobalParam)");
                    }

                    LintExpression(file, rule.RuleName, param.Expression, tables);
                }

                LintExpression(file, rule.RuleName, rule.Expression, tables);
                var p = rule.Properties;
                if (p.Carc is not null && !CarcPattern().IsMatch(p.Carc))
                {
                    throw new RuleSetLoadException(file, rule.RuleName, $"Properties.Carc '{p.Carc}' is not a claim adjustment reason code (e.g. 50, 197, B15)");
                }

                if (string.IsNullOrWhiteSpace(p.Message) || string.IsNullOrWhiteSpace(p.Remediation) || string.IsNullOrWhiteSpace(p.Source))
                {
                    throw new RuleSetLoadException(file, rule.RuleName, "Properties.Message, Remediation and Source must not be empty");
                }

                var known = new HashSet<string>(BuiltInPlaceholders, StringComparer.Ordinal);
                known.UnionWith(locals);
                known.UnionWith(globalNames);
                foreach (var (field, text) in new[] { ("Message", p.Message), ("Remediation", p.Remediation), ("Source", p.Source) })
                {
                    foreach (Match match in Placeholder().Matches(text))
                    {
                        var name = match.Groups["name"].Value;
                        if (!known.Contains(name))
                        {
                            throw new RuleSetLoadException(file, rule.RuleName, $"Properties.{field} uses placeholder {{{name}}}, which is neither built in ({string.Join(", ", BuiltInPlaceholders)}) nor a LocalParam or GlobalParam");
                        }
                    }
                }

                rules.Add(new RuleDefinition(rule.RuleName, p.Scope, p.Category, p.Severity, p.Carc, p.Message, p.Remediation, p.Source, rule.Expression, rule.LocalParams));
            });
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new LoadedRuleSet
        {
            Id = document.Id,
            Version = document.Version,
            Title = document.Title,
            Family = document.Family,
            File = file,
            Effective = window,
            GapBefore = document.Effective.GapBefore,
            Scope = document.Scope,
            Covers = document.Covers,
            Sources = document.Sources,
            GlobalParams = document.Workflow.GlobalParams,
            Rules = rules,
            Extends = document.Extends,
            ReplacesRuleSets = document.Replaces?.RuleSets ?? [],
            ReplacesRules = document.Replaces?.Rules ?? [],
        };
    }

    private static void ValidateAcrossRuleSets(IReadOnlyList<LoadedRuleSet> ruleSets, LoadErrors errors)
    {
        foreach (var group in ruleSets.GroupBy(r => r.Id))
        {
            errors.Try(group.First().File, null, () => ValidateVersions(group.Key, group.ToList()));
        }

        errors.Try("rule-sets/", null, () => ValidateRuleOwners(ruleSets));
        PayerPolicies.Validate(ruleSets, errors);
    }

    /// <summary>Versions of one rule set may not share a version, overlap, or leave a gap (unless the later one declares it).</summary>
    private static void ValidateVersions(string id, List<LoadedRuleSet> versions)
    {
        for (var i = 0; i < versions.Count; i++)
        {
            for (var j = i + 1; j < versions.Count; j++)
            {
                if (versions[i].Version == versions[j].Version)
                {
                    throw new RuleSetLoadException(versions[j].File, null, $"rule set {id} version {versions[j].Version} is also defined in {versions[i].File}");
                }

                if (versions[i].Effective.Overlaps(versions[j].Effective))
                {
                    throw new RuleSetLoadException(versions[j].File, null, $"rule set {id} version {versions[j].Version} ({versions[j].Effective}) overlaps version {versions[i].Version} ({versions[i].Effective}) in {versions[i].File}; versions of one rule set must not overlap");
                }
            }
        }

        var ordered = versions.OrderBy(v => v.Effective.From).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var previous = ordered[i - 1];
            var next = ordered[i];
            if (previous.Effective.To is { } to && next.Effective.From > to.AddDays(1) && next.GapBefore is null)
            {
                throw new RuleSetLoadException(next.File, null, $"rule set {id} has no version in force from {to.AddDays(1):yyyy-MM-dd} to {next.Effective.From.AddDays(-1):yyyy-MM-dd} (version {previous.Version} ends {to:yyyy-MM-dd}, version {next.Version} starts {next.Effective.From:yyyy-MM-dd}); claims on those dates would silently lose these rules. Close the gap, or add Effective.GapBefore saying why coverage pauses");
            }
        }
    }

    private static void ValidateRuleOwners(IReadOnlyList<LoadedRuleSet> ruleSets)
    {
        var owner = new Dictionary<string, LoadedRuleSet>(StringComparer.Ordinal);
        foreach (var set in ruleSets)
        {
            foreach (var rule in set.Rules)
            {
                if (owner.TryGetValue(rule.RuleId, out var other) && other.Id != set.Id)
                {
                    throw new RuleSetLoadException(set.File, rule.RuleId, $"rule id is already used by rule set {other.Id} ({other.File}); a rule id never changes meaning");
                }

                owner[rule.RuleId] = set;
            }
        }
    }

    private static void ValidateTemplate(string file, FindingTemplate template, IReadOnlyCollection<string> allowed)
    {
        foreach (var text in new[] { template.Message, template.Remediation, template.Source })
        {
            foreach (Match match in Placeholder().Matches(text))
            {
                if (!allowed.Contains(match.Groups["name"].Value))
                {
                    throw new RuleSetLoadException(file, template.RuleId, $"placeholder {match.Value} is not available here; use {string.Join(", ", allowed.Select(a => "{" + a + "}"))}");
                }
            }
        }
    }

    /// <summary>Rejects expressions that reach beyond the claim model and the registered helpers.</summary>
    internal static void LintExpression(string file, string? ruleId, string expression, ReferenceTableSet tables)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new RuleSetLoadException(file, ruleId, "an expression is empty");
        }

        var code = StringLiteral().Replace(expression, "\"\"");
        foreach (var identifier in ForbiddenIdentifiers)
        {
            if (Regex.IsMatch(code, $@"(?<![\w]){Regex.Escape(identifier)}(?![\w])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                throw new RuleSetLoadException(file, ruleId, $"expression uses '{identifier}', which rule expressions may not use (only claim, line, data and LINQ are allowed; dates come from the claim)");
            }
        }

        if (code.Contains('=') && AssignmentLike().IsMatch(code))
        {
            throw new RuleSetLoadException(file, ruleId, "expression contains a single '=' (assignment-like); write '==' to compare");
        }

        var sets = tables.DefinedIds(ReferenceTableNames.CodeSets);
        foreach (Match match in SetReference().Matches(expression))
        {
            if (!sets.Contains(match.Groups["id"].Value))
            {
                throw new RuleSetLoadException(file, ruleId, $"code set '{match.Groups["id"].Value}' is not defined in any code-sets table");
            }
        }

        var groups = tables.DefinedIds(ReferenceTableNames.DiagnosisGroups);
        foreach (Match match in GroupReference().Matches(expression))
        {
            if (!groups.Contains(match.Groups["id"].Value))
            {
                throw new RuleSetLoadException(file, ruleId, $"diagnosis group '{match.Groups["id"].Value}' is not defined in any diagnosis-groups table");
            }
        }
    }

    private static void ValidateParamName(string file, string? ruleId, string name)
    {
        if (!ParamNamePattern().IsMatch(name) || name is "claim" or "line" or "data")
        {
            throw new RuleSetLoadException(file, ruleId, $"parameter name '{name}' must be a camelCase identifier other than claim, line and data");
        }
    }

    private static void RequireSources(string file, string? ruleId, IReadOnlyList<string> sources)
    {
        if (sources.Count == 0 || sources.Any(string.IsNullOrWhiteSpace))
        {
            throw new RuleSetLoadException(file, ruleId, "Sources must name at least one source, none empty");
        }
    }

    private static EffectiveWindow Window(string file, EffectiveWindowDocument effective)
    {
        if (effective.To is { } to && to < effective.From)
        {
            throw new RuleSetLoadException(file, null, $"Effective.To ({to:yyyy-MM-dd}) is before Effective.From ({effective.From:yyyy-MM-dd})");
        }

        return new EffectiveWindow(effective.From, effective.To);
    }

    private static string Describe(JsonException ex, string content)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var unmapped = UnmappedMember().Match(ex.Message);
        if (unmapped.Success)
        {
            var key = unmapped.Groups["name"].Value;
            var hint = key.Length > 0 && char.IsLower(key[0])
                ? $" (keys are PascalCase: did you mean '{char.ToUpperInvariant(key[0])}{key[1..]}'?)"
                : string.Empty;
            return $"unknown key '{key}' at {path}{hint}";
        }

        if (ex.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return $"duplicate key at {path}: a key may appear once per object";
        }

        var missing = MissingMembers().Match(ex.Message);
        if (missing.Success)
        {
            return $"missing required key(s) {missing.Groups["names"].Value} at {path}";
        }

        if (ex.Message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            var value = RuleFileJson.ValueAt(content, path);
            var shown = value is null ? "the value" : $"{RuleFileJson.Shorten(value)}";
            return $"{shown} at {path} is not {RuleFileJson.Expected(ex.Message)}";
        }

        if (ex.Message.Contains("null", StringComparison.OrdinalIgnoreCase) && ex.Message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
        {
            return $"null at {path}: a value is required here";
        }

        return $"invalid JSON at {path}: {ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0]}";
    }

    private static string? RuleIdAt(string content, string? path)
    {
        if (path is null)
        {
            return null;
        }

        var match = RulePath().Match(path);
        if (!match.Success)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            var index = int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var rules = document.RootElement.GetProperty("Workflow").GetProperty("Rules");
            return index < rules.GetArrayLength() && rules[index].TryGetProperty("RuleName", out var name) ? name.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            RespectNullableAnnotations = true,
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleSetIdPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleIdPattern();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ParamNamePattern();

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex StatePattern();

    [GeneratedRegex("^([0-9]{1,3}|[A-Z][0-9]{1,3})$", RegexOptions.CultureInvariant)]
    private static partial Regex CarcPattern();

    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant)]
    internal static partial Regex Placeholder();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.CultureInvariant)]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![=!<>])=(?![=>])", RegexOptions.CultureInvariant)]
    private static partial Regex AssignmentLike();

    [GeneratedRegex(@"data\.(InSet|AnyInSet)\(\s*""(?<id>[^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex SetReference();

    [GeneratedRegex(@"data\.(InGroup|AnyInGroup|AllInGroup|GroupVerified)\(\s*""(?<id>[^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex GroupReference();

    [GeneratedRegex(@"\$\.Workflow\.Rules\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex RulePath();

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("missing required properties including: (?<names>.+?)\\.?( Path|$)", RegexOptions.CultureInvariant)]
    private static partial Regex MissingMembers();
}
