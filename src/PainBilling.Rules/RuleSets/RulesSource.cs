using System.Reflection;

namespace PainBilling.Rules.RuleSets;

/// <summary>Where rule sets, reference tables and the system file are read from.</summary>
public abstract partial class RulesSource
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

    /// <summary>The claims of the fixtures that travel with the rules (folder sources), for the load proof; malformed fixtures are skipped here (the fixture runner reports them).</summary>
    internal virtual IReadOnlyList<(string Name, string ClaimJson)> FixtureClaims() => [];

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

        internal override IReadOnlyList<(string Name, string ClaimJson)> FixtureClaims()
        {
            var folder = Path.Combine(root, "fixtures");
            if (!Directory.Exists(folder))
            {
                return [];
            }

            try
            {
                return Fixtures.RuleFixtureRunner.ReadCases(folder).Select(c => (c.ToString(), c.ClaimJson)).ToArray();
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }

        internal override IReadOnlyList<(string Path, string Content)> ReadFiles()
        {
            if (!Directory.Exists(root))
            {
                throw new RuleSetLoadException(root, null, "rules folder does not exist");
            }

            // Every file is looked at: a rule file saved as .JSON or .json.txt would otherwise be skipped silently.
            var errors = new List<RuleLoadError>();
            var files = new List<(string Path, string Content)>();
            foreach (var full in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
                var extension = Path.GetExtension(relative);
                if (string.Equals(extension, ".md", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (extension != ".json")
                {
                    errors.Add(new RuleLoadError(relative, null, string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase)
                        ? $"the extension '{extension}' must be written '.json' (lower case), or the file is not read"
                        : "is not a rule file: only .json files (and .md documentation) belong in a rules folder"));
                    continue;
                }

                if (relative.StartsWith("fixtures/", StringComparison.Ordinal))
                {
                    continue;
                }

                try
                {
                    files.Add((relative, File.ReadAllText(full)));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new RuleLoadError(relative, null, $"could not be read ({ex.GetType().Name})"));
                }
            }

            if (errors.Count > 0)
            {
                throw new RuleSetLoadException(errors);
            }

            return files;
        }
    }
}
