using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Cli;

/// <summary>
/// <c>painrules new-version RULESET --from DATE [--version V] [--rules DIR]</c>: scaffolds a new version of a rule set
/// as a small change file (<c>"Extends"</c> the version in force before DATE) and closes that version's window the day
/// before DATE, so the versions stay gap-free. The folder is validated afterwards; if it no longer loads, both edits are undone.
/// </summary>
internal static partial class NewVersionCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string ruleSetId, string fromText, string? version, string rulesFolder, TextWriter stdout, TextWriter stderr)
    {
        if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            stderr.WriteLine($"painrules: --from '{fromText}' is not a date (yyyy-MM-dd)");
            return ExitCodes.Usage;
        }

        var library = PainRulesCommand.LoadRules(rulesFolder, stderr);
        if (library is null)
        {
            return ExitCodes.RuleError;
        }

        var versions = library.RuleSets.Where(s => s.Id == ruleSetId).OrderBy(s => s.Effective.From).ToList();
        if (versions.Count == 0)
        {
            stderr.WriteLine($"painrules: no rule set '{ruleSetId}' in {rulesFolder}");
            return ExitCodes.Usage;
        }

        var current = versions.LastOrDefault(s => s.Effective.From < from && (s.Effective.To is null || s.Effective.To >= from));
        if (current is null)
        {
            stderr.WriteLine($"painrules: no version of {ruleSetId} is in force on the day before {from:yyyy-MM-dd} and still on {from:yyyy-MM-dd} (versions: {string.Join(", ", versions.Select(v => $"{v.Version} {v.Effective}"))}); a new version starts inside the window of the version it follows");
            return ExitCodes.Usage;
        }

        var newVersion = version ?? $"{from.Year}.{from.Month}.0";
        if (versions.Any(v => v.Version == newVersion))
        {
            stderr.WriteLine($"painrules: {ruleSetId} already has a version {newVersion}; give another with --version");
            return ExitCodes.Usage;
        }

        var oldPath = Path.Combine(rulesFolder, current.File);
        var newPath = Path.Combine(Path.GetDirectoryName(oldPath)!, $"{ruleSetId}.{from:yyyy-MM-dd}.json");
        if (File.Exists(newPath))
        {
            stderr.WriteLine($"painrules: {newPath} already exists");
            return ExitCodes.Usage;
        }

        var oldText = File.ReadAllText(oldPath);
        var closed = Close(oldText, from.AddDays(-1));
        if (closed is null)
        {
            stderr.WriteLine($"painrules: could not find the Effective window in {current.File}; close it by hand (\"To\": \"{from.AddDays(-1):yyyy-MM-dd}\")");
            return ExitCodes.Usage;
        }

        var schema = JsonNode.Parse(oldText)?["$schema"]?.DeepClone();
        var change = new JsonObject();
        if (schema is not null)
        {
            change["$schema"] = schema;
        }

        change["Id"] = ruleSetId;
        change["Version"] = newVersion;
        change["Extends"] = current.Version;
        change["Effective"] = new JsonObject
        {
            ["From"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["To"] = current.Effective.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        change["Workflow"] = new JsonObject { ["Rules"] = new JsonArray() };

        File.WriteAllText(newPath, change.ToJsonString(Indented) + Environment.NewLine);
        File.WriteAllText(oldPath, closed);
        try
        {
            _ = RuleLibrary.Load(RulesSource.FromFolder(rulesFolder));
        }
        catch (RuleSetLoadException ex)
        {
            File.Delete(newPath);
            File.WriteAllText(oldPath, oldText);
            stderr.WriteLine($"painrules: the new version did not load, nothing was changed: {ex.Message}");
            return ExitCodes.RuleError;
        }

        var relative = Path.GetRelativePath(rulesFolder, newPath).Replace('\\', '/');
        stdout.WriteLine($"Wrote {relative}: {ruleSetId} {newVersion} from {from:yyyy-MM-dd}, written as a change to {current.Version} (nothing changed yet).");
        stdout.WriteLine($"Closed {current.File}: {current.Version} now ends {from.AddDays(-1):yyyy-MM-dd}.");
        stdout.WriteLine("Next: under Workflow.Rules put only what changes, e.g. { \"RuleName\": \"ESI-FREQ-001\", \"LocalParams\": [ { \"Name\": \"maxSessions\", \"Expression\": \"3\" } ] };");
        stdout.WriteLine($"      add the new source to Sources, then: painrules rules --show {ruleSetId}@{newVersion} --rules {rulesFolder}, validate, test (a fixture dated from {from:yyyy-MM-dd} can assert \"ruleSets\": [\"{ruleSetId}@{newVersion}\"]) and diff.");
        return ExitCodes.Success;
    }

    /// <summary>The file text with Effective.To set to <paramref name="to"/>, keeping everything else as written.</summary>
    internal static string? Close(string text, DateOnly to)
    {
        var effective = EffectiveObject().Match(text);
        if (!effective.Success)
        {
            return null;
        }

        var value = $"\"{to:yyyy-MM-dd}\"";
        var body = effective.Value;
        var replaced = ToMember().IsMatch(body)
            ? ToMember().Replace(body, m => m.Groups["key"].Value + value, 1)
            : body[..^1].TrimEnd() + $", \"To\": {value} }}";
        return text[..effective.Index] + replaced + text[(effective.Index + effective.Length)..];
    }

    [GeneratedRegex("\"Effective\"\\s*:\\s*\\{[^{}]*\\}", RegexOptions.CultureInvariant)]
    private static partial Regex EffectiveObject();

    [GeneratedRegex("(?<key>\"To\"\\s*:\\s*)(null|\"[^\"]*\")", RegexOptions.CultureInvariant)]
    private static partial Regex ToMember();
}
