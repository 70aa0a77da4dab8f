using PainBilling.Rules.Cli;

namespace PainBilling.Rules.Tests.Cli;

/// <summary><c>painrules serve</c> refuses to start on bad settings or broken rules, with one line and its exit code.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void Serve_with_a_missing_rules_folder_exits_2_naming_the_folder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-rules-" + Guid.NewGuid().ToString("N"));

        var (exit, stderr) = Run("serve", "--urls", "http://127.0.0.1:0", "--rules", missing);

        exit.Should().Be(ExitCodes.Usage);
        stderr.Should().Contain(missing).And.Contain("does not exist").And.NotContain("   at ");
    }

    [Fact]
    public void Serve_with_broken_rules_exits_3_without_a_stack_trace()
    {
        using var rules = RulesFolderCopy.Create();
        File.WriteAllText(rules.Path("rule-sets/common/claim-data.json"), "{ broken");

        var (exit, stderr) = Run("serve", "--urls", "http://127.0.0.1:0", "--rules", rules.Root);

        exit.Should().Be(ExitCodes.RuleError);
        stderr.Should().Contain("claim-data.json").And.NotContain("   at ");
    }

    private static (int Exit, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = PainRulesCommand.Run(args, stdout, stderr);
        return (exit, stderr.ToString());
    }
}
