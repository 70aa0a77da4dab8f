using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests;

/// <summary>A temporary copy of rules-json (without fixtures) that a test may edit.</summary>
internal sealed class RulesFolderCopy : IDisposable
{
    private RulesFolderCopy(string root) => Root = root;

    public string Root { get; }

    public static RulesFolderCopy Create()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "painrules-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Repository.RulesJson, "*.json", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(Repository.RulesJson, file);
            if (relative.StartsWith("fixtures", StringComparison.Ordinal))
            {
                continue;
            }

            var target = System.IO.Path.Combine(root, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return new RulesFolderCopy(root);
    }

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Replaces a known spot of a copied file; fails the test if the spot is not there.</summary>
    public void Edit(string relative, string find, string replace)
    {
        var path = Path(relative);
        var text = File.ReadAllText(path);
        text.Should().Contain(find, "the test edits a known spot of {0}", relative);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }

    /// <summary>Loads the copy and returns the load error it must raise.</summary>
    public RuleSetLoadException LoadError()
    {
        var load = () => RuleLibrary.Load(RulesSource.FromFolder(Root));
        return load.Should().Throw<RuleSetLoadException>().Which;
    }

    /// <summary>
    /// Rewrites CD-UNITS-001 so that it compiles and passes the load-time checks but throws while evaluating a
    /// line of code 64999 without modifiers (no synthetic claim uses that code).
    /// </summary>
    public void MakeUnitsRuleThrowOn64999()
    {
        var file = Path("rule-sets/common/claim-data.json");
        var text = File.ReadAllText(file);
        const string original = "\"Expression\": \"line.Units < 1\"";
        if (!text.Contains(original, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("CD-UNITS-001 expression not found in claim-data.json");
        }

        File.WriteAllText(file, text.Replace(
            original,
            "\"Expression\": \"line.Code == \\\"64999\\\" && line.Modifiers.First() == \\\"XX\\\"\"",
            StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
