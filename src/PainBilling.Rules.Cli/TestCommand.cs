using PainBilling.Rules.Fixtures;

namespace PainBilling.Rules.Cli;

/// <summary>
/// <c>painrules test --rules DIR</c>: run the fixture cases in DIR/fixtures against the rules in DIR, with the same checks as
/// the repository's tests (<see cref="RuleFixtureRunner.RunAll"/>): expectations, unknown rule ids, unreadable claims and a
/// firing and a near-miss case for every rule.
/// </summary>
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
            stderr.WriteLine($"painrules: fixture file is malformed: {ex.Message}");
            return ExitCodes.Failed;
        }

        var report = RuleFixtureRunner.RunAll(new ClaimEvaluator(library), cases);
        foreach (var result in report.Results.Where(r => !r.Passed))
        {
            stdout.WriteLine($"FAIL {result.Case}");
            foreach (var problem in result.Problems)
            {
                stdout.WriteLine($"     {problem}");
            }
        }

        foreach (var problem in report.CoverageProblems)
        {
            stdout.WriteLine($"FAIL {problem}");
        }

        stdout.WriteLine($"Fixture cases: {cases.Count - report.FailedCases} ok, {report.FailedCases} failing ({cases.Count} in {fixtures}); rules without a firing and a near-miss case: {report.CoverageProblems.Count}.");
        return report.Passed ? ExitCodes.Success : ExitCodes.Failed;
    }
}
