using System.Reflection;

namespace PainBilling.Rules.RuleSets;

/// <summary>Where rule sets, reference tables and the system file are read from.</summary>
public abstract class RulesSource
{
    private const string ResourcePrefix = "PainBilling.Rules.RuleFiles/";

    private protected RulesSource()
    {
    }

    /// <summary>The rules shipped inside this assembly (the default; no configuration needed).</summary>
    public static RulesSource Embedded { get; } = new EmbeddedRulesSource();

    /// <summary>A folder laid out like the repository's <c>rules-json</c> folder (for maintainers testing edits).</summary>
    /// <param name="path">The folder path.</param>
    /// <returns>The source.</returns>
    public static RulesSource FromFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new FolderRulesSource(Path.GetFullPath(path));
    }

    /// <summary>A short description for messages (<c>embedded</c> or the folder path).</summary>
    public abstract string Description { get; }

    /// <summary>Reads every <c>.json</c> file: path relative to the rules root (forward slashes) and content.</summary>
    internal abstract IReadOnlyList<(string Path, string Content)> ReadFiles();

    /// <inheritdoc/>
    public override string ToString() => Description;

    private sealed class EmbeddedRulesSource : RulesSource
    {
        public override string Description => "embedded";

        internal override IReadOnlyList<(string Path, string Content)> ReadFiles()
        {
            var assembly = typeof(RulesSource).Assembly;
            return assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(n => (n[ResourcePrefix.Length..].Replace('\\', '/'), Read(assembly, n)))
                .ToArray();
        }

        private static string Read(Assembly assembly, string name)
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new RuleSetLoadException(name, null, "embedded resource is missing");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    private sealed class FolderRulesSource(string root) : RulesSource
    {
        public override string Description => root;

        internal override IReadOnlyList<(string Path, string Content)> ReadFiles()
        {
            if (!Directory.Exists(root))
            {
                throw new RuleSetLoadException(root, null, "rules folder does not exist");
            }

            return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
                .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), f))
                .Where(f => !f.Item1.StartsWith("fixtures/", StringComparison.Ordinal))
                .OrderBy(f => f.Item1, StringComparer.Ordinal)
                .Select(f => (f.Item1, File.ReadAllText(f.f)))
                .ToArray();
        }
    }
}
