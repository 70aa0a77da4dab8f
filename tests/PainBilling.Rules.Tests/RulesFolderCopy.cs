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

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
