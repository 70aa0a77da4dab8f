using PainBilling.Rules.Fixtures;

namespace PainBilling.Rules.Tests.Toolkit;

/// <summary><c>painrules test</c> is as strict as the repository's tests: both call RuleFixtureRunner.</summary>
public sealed class FixtureRunnerTests
{
    private const string Base = """
        {
          "$schema": "../schema/fixtures.schema.json",
          "base": {
            "claimId": "FX-T", "payer": { "id": "MEDICARE", "type": "Medicare" }, "serviceState": "TX", "placeOfService": "24",
            "diagnoses": ["M54.16"],
            "lines": [ { "line": 1, "code": "62323", "units": 1, "diagnosisPointers": [1], "serviceDate": "2026-03-10", "spinalLevels": ["L4-L5"] } ]
          },
          "cases": [ CASES ]
        }
        """;

    [Fact]
    public void A_rule_without_fixtures_fails_the_test_command()
    {
        using var folder = RulesFolderCopy.Create();
        Cli.CopyFixtures(folder);
        File.Delete(folder.Path("fixtures/cpm/medicare-cpm.fixtures.json"));

        var (exit, stdout, _) = Cli.Run("test", "--rules", folder.Root);

        exit.Should().Be(1);
        stdout.Should().Contain("FAIL rule CPM-").And.Contain("lacks a case that fires it");
    }

    [Fact]
    public void An_unknown_rule_id_in_does_not_fire_fails_and_suggests_the_real_one()
    {
        var result = RunCase("""{ "name": "typo", "expect": { "doesNotFire": ["ESI-FREQ-01"] } }""");

        result.Passed.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.Should().Contain("ESI-FREQ-01").And.Contain("did you mean ESI-FREQ-001");
    }

    [Fact]
    public void A_claim_rejected_as_unreadable_fails_unless_the_case_expects_a_reject()
    {
        var vacuous = RunCase("""{ "name": "misspelt member", "patch": { "modifer": ["RT"] }, "expect": { "doesNotFire": ["ESI-FREQ-001"] } }""");
        var intended = RunCase("""{ "name": "misspelt member", "patch": { "modifer": ["RT"] }, "expect": { "outcome": "Reject" } }""");

        vacuous.Passed.Should().BeFalse();
        vacuous.Problems.Should().ContainSingle().Which.Should().Contain("rejected as unreadable").And.Contain("$.modifer");
        intended.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_case_may_assert_the_rule_set_versions_used()
    {
        var version = TestRules.Library.RuleSets.Single(s => s.Id == "medicare-esi-lcd" && s.Effective.Contains(new DateOnly(2026, 3, 10))).Version;
        var right = RunCase($$"""{ "name": "versions", "expect": { "ruleSets": ["medicare-esi-lcd@{{version}}", "claim-data"] } }""");
        var wrong = RunCase("""{ "name": "versions", "expect": { "ruleSets": ["medicare-esi-lcd@2027.1.0"] } }""");
        var notApplied = RunCase("""{ "name": "versions", "expect": { "ruleSets": ["commercial-esi"] } }""");

        right.Problems.Should().BeEmpty();
        wrong.Problems.Should().ContainSingle().Which.Should().Contain("medicare-esi-lcd@2027.1.0").And.Contain("not loaded").And.Contain(version);
        notApplied.Problems.Should().ContainSingle().Which.Should().Contain("expected rule set commercial-esi to be applied");
    }

    [Theory]
    [InlineData("""{ "name": "typo", "expect": { "fire": ["ESI-FREQ-001"] } }""", "unknown key 'fire' at $.cases[0].expect (did you mean 'fires'?)")]
    [InlineData("""{ "name": "typo", "expect": { "outcome": "Denied" } }""", "$.cases[0].expect.outcome: '\"Denied\"' is not an outcome; allowed: Reject, Deny, Review, Incomplete, Clean")]
    [InlineData("""{ "name": "typo", "expect": { "fires": "ESI-FREQ-001" } }""", "$.cases[0].expect.fires must be an array of strings")]
    [InlineData("""{ "name": "typo", "expects": { "fires": ["ESI-FREQ-001"] } }""", "unknown key 'expects' at $.cases[0] (did you mean 'expect'?)")]
    [InlineData("""{ "name": "typo", "expect": { } }""", "case 'typo' expects nothing")]
    public void A_typo_in_a_fixture_gets_a_clear_message_without_dotnet_type_names(string item, string message)
    {
        var act = () => RuleFixtureRunner.ReadFile("t.fixtures.json", Base.Replace("CASES", item, StringComparison.Ordinal));

        act.Should().Throw<InvalidDataException>()
            .Which.Message.Should().Contain(message).And.StartWith("t.fixtures.json: ").And.NotContain("RuleFixtureRunner").And.NotContain("System.");
    }

    [Fact]
    public void The_test_command_reports_a_malformed_fixture_file_and_exits_1()
    {
        using var folder = RulesFolderCopy.Create();
        Directory.CreateDirectory(folder.Path("fixtures"));
        File.WriteAllText(folder.Path("fixtures/t.fixtures.json"), Base.Replace("CASES", """{ "name": "typo", "expect": { "fire": ["ESI-FREQ-001"] } }""", StringComparison.Ordinal));

        var (exit, _, stderr) = Cli.Run("test", "--rules", folder.Root);

        exit.Should().Be(1);
        stderr.Should().Contain("t.fixtures.json: unknown key 'fire'").And.NotContain("ExpectationDocument");
    }

    [Fact]
    public void The_test_command_fails_on_an_unknown_rule_id()
    {
        using var folder = RulesFolderCopy.Create();
        Cli.CopyFixtures(folder);
        File.WriteAllText(folder.Path("fixtures/t.fixtures.json"), Base.Replace("CASES", """{ "name": "typo", "expect": { "doesNotFire": ["ESI-FREQ-01"] } }""", StringComparison.Ordinal));

        var (exit, stdout, _) = Cli.Run("test", "--rules", folder.Root);

        exit.Should().Be(1);
        stdout.Should().Contain("FAIL t.fixtures.json: typo").And.Contain("1 failing");
    }

    private static RuleFixtureResult RunCase(string item)
    {
        var fixture = RuleFixtureRunner.ReadFile("t.fixtures.json", Base.Replace("CASES", item, StringComparison.Ordinal)).Single();
        return RuleFixtureRunner.Run(TestRules.Evaluator, fixture);
    }

    [Fact]
    public void Evaluate_reads_a_fixture_file_as_one_claim_per_case()
    {
        var file = Path.Combine(Repository.Fixtures, "esi", "medicare-esi-lcd.fixtures.json");
        var cases = RuleFixtureRunner.ReadFile("x", File.ReadAllText(file));

        var (exit, stdout, stderr) = Cli.Run("evaluate", file);

        exit.Should().Be(0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(cases.Count);
        lines.Should().OnlyContain(l => l.Contains("\"claimId\":\"FX-ESI\"", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("ESI-FREQ-001", StringComparison.Ordinal));
    }
}
