namespace PainBilling.Rules.Cli;

/// <summary><c>painrules validate</c>: load and compile every rule file, as a maintainer's first check after an edit.</summary>
internal static class ValidateCommand
{
    public static int Run(string? rulesFolder, TextWriter stdout, TextWriter stderr)
    {
        var library = PainRulesCommand.LoadRules(rulesFolder, stderr);
        if (library is null)
        {
            return ExitCodes.RuleError;
        }

        stdout.WriteLine($"OK: {library.RuleSets.Count} rule-set versions, {library.Rules.Count} rules and {library.ReferenceTables.Count} reference-table versions load and compile ({library.Source}).");
        return ExitCodes.Success;
    }
}
