using PainBilling.Rules.Cli;

namespace PainBilling.Rules.Tests.Toolkit;

/// <summary>Runs painrules in process and captures its output.</summary>
internal static class Cli
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = PainRulesCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Copies rules-json/fixtures (or one subfolder of it) into a rules-folder copy.</summary>
    public static void CopyFixtures(RulesFolderCopy folder, string? only = null)
    {
        foreach (var file in Directory.EnumerateFiles(Repository.Fixtures, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repository.Fixtures, file);
            if (only is not null && !relative.StartsWith(only, StringComparison.Ordinal))
            {
                continue;
            }

            var target = folder.Path(Path.Combine("fixtures", relative));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
