using PainBilling.Rules.Fixtures;

namespace PainBilling.Rules.Cli;

/// <summary><c>painrules test --rules DIR</c>: run the fixture cases in DIR/fixtures against the rules in DIR.</summary>
internal static class TestCommand
{
    public static int Run(string rulesFolder, TextWriter stdout, TextWriter stderr)
    {
        var fixtures = Path.Combine(rulesFolder, "fixtures");
        if (!Directory.Exists(fixtures))
        {
            stderr.WriteLine($"painrules: no fixtures folder at '{fixtures}'");
            return ExitCodes.Usage;
        }

        var library = PainRulesCommand.LoadRules(rulesFolder, stderr);
        if (library is null)
        {
            return ExitCodes.RuleError;
        }

        IReadOnlyList<RuleFixtureCase> cases;
        try
        {
            cases = RuleFixtureRunner.ReadCases(fixtures);
        }
        catch (InvalidDataException ex)
        {
            stderr.WriteLine($"painrules: {ex.Message}");
            return ExitCodes.Usage;
        }

        var evaluator = new ClaimEvaluator(library);
        var failed = 0;
        foreach (var fixture in cases)
        {
            var result = RuleFixtureRunner.Run(evaluator, fixture);
            if (result.Passed)
            {
                continue;
            }

            failed++;
            stdout.WriteLine($"FAIL {fixture}");
            foreach (var problem in result.Problems)
            {
                stdout.WriteLine($"     {problem}");
            }
        }

        stdout.WriteLine($"Fixture cases: {cases.Count - failed} ok, {failed} failing ({cases.Count} in {fixtures}).");
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }
}
