namespace PainBilling.Rules.RuleSets;

/// <content>A source a host supplies: rule files from a database, a blob store or its own package.</content>
public abstract partial class RulesSource
{
    /// <summary>
    /// A source whose files the host supplies, read afresh on every load: rule sets, reference tables and the
    /// system file, laid out as in the repository's <c>rules-json</c> folder.
    /// </summary>
    /// <param name="description">A short description for messages and logs (e.g. <c>rules-db</c>); never patient data.</param>
    /// <param name="readFiles">
    /// Returns every file as a path relative to the rules root, with forward slashes (<c>rule-sets/esi/medicare-esi-lcd.json</c>),
    /// and its content. Files under <c>fixtures/</c> and <c>.md</c> files are ignored; any other file that does not end in
    /// <c>.json</c> is a load error, as in a folder.
    /// </param>
    /// <returns>The source.</returns>
    /// <example><code>options.RulesSource = RulesSource.FromFiles("rules-db", () =&gt; db.RuleFiles.ToDictionary(f =&gt; f.Path, f =&gt; f.Json));</code></example>
    public static RulesSource FromFiles(string description, Func<IEnumerable<KeyValuePair<string, string>>> readFiles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(readFiles);
        return new SuppliedRulesSource(description, readFiles);
    }

    /// <summary>The folder of a folder source, else <see langword="null"/>.</summary>
    internal string? FolderPath => this is FolderRulesSource ? Description : null;

    private sealed class SuppliedRulesSource(string description, Func<IEnumerable<KeyValuePair<string, string>>> readFiles) : RulesSource
    {
        public override string Description => description;

        internal override IReadOnlyList<(string Path, string Content)> ReadFiles()
        {
            var errors = new List<RuleLoadError>();
            var files = new List<(string Path, string Content)>();
            foreach (var (path, content) in readFiles() ?? [])
            {
                var relative = (path ?? string.Empty).Replace('\\', '/').TrimStart('/');
                if (relative.Length == 0 || relative.StartsWith("fixtures/", StringComparison.Ordinal)
                    || relative.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!relative.EndsWith(".json", StringComparison.Ordinal))
                {
                    errors.Add(new RuleLoadError(relative, null, "is not a rule file: only .json files (and .md documentation) belong in a rules source"));
                    continue;
                }

                if (content is null)
                {
                    errors.Add(new RuleLoadError(relative, null, "has no content"));
                    continue;
                }

                files.Add((relative, content));
            }

            if (errors.Count > 0)
            {
                throw new RuleSetLoadException(errors);
            }

            return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        }
    }
}
