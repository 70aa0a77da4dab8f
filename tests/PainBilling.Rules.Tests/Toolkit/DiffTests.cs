using System.Text.Json;
using System.Text.Json.Nodes;

namespace PainBilling.Rules.Tests.Toolkit;

/// <summary><c>painrules diff</c>: what a rule change changes, in rules and in behaviour.</summary>
public sealed class DiffTests
{
    private static readonly string EsiFixtures = Path.Combine(Repository.Fixtures, "esi", "medicare-esi-lcd.fixtures.json");

    [Fact]
    public void Identical_rule_folders_exit_0_with_no_differences()
    {
        using var folder = RulesFolderCopy.Create();

        var (exit, stdout, stderr) = Cli.Run("diff", "--rules", folder.Root, "--against", Repository.RulesJson, EsiFixtures);

        exit.Should().Be(0, stderr);
        stdout.Should().Contain("Rules: no differences.").And.Contain("No behaviour changed");
    }

    [Fact]
    public void A_threshold_change_lists_the_param_and_the_claims_it_changes_and_exits_1()
    {
        using var folder = RulesFolderCopy.Create();
        EditRule(folder, "rule-sets/esi/medicare-esi-lcd.json", "ESI-FREQ-001", rule =>
            rule["LocalParams"]!.AsArray().Single(p => (string?)p!["Name"] == "maxSessions")!["Expression"] = "3");

        var (exit, stdout, _) = Cli.Run("diff", "--rules", folder.Root, "--against", Repository.RulesJson, EsiFixtures, "--format", "json");

        exit.Should().Be(1);
        var report = JsonDocument.Parse(stdout).RootElement;
        var change = report.GetProperty("changes").EnumerateArray().Single();
        change.GetProperty("id").GetString().Should().Be("ESI-FREQ-001");
        var field = change.GetProperty("fields").EnumerateArray().Single();
        (field.GetProperty("field").GetString(), field.GetProperty("before").GetString(), field.GetProperty("after").GetString())
            .Should().Be(("LocalParams.maxSessions", "4", "3"));
        var claims = report.GetProperty("changedClaims").EnumerateArray().ToList();
        claims.Should().NotBeEmpty();
        claims.Should().Contain(c => c.GetProperty("before").GetString() == "Clean" && c.GetProperty("after").GetString() == "Deny",
            "the near-miss with four sessions now fires");
    }

    [Fact]
    public void Severity_carc_and_message_changes_and_added_and_removed_rules_are_listed()
    {
        using var folder = RulesFolderCopy.Create();
        EditRule(folder, "rule-sets/esi/medicare-esi-lcd.json", "ESI-FREQ-001", rule =>
        {
            rule["Properties"]!["Severity"] = "Review";
            rule["Properties"]!["Carc"] = "50";
        });
        var file = folder.Path("rule-sets/esi/medicare-esi-lcd.json");
        var set = JsonNode.Parse(File.ReadAllText(file))!;
        var rules = set["Workflow"]!["Rules"]!.AsArray();
        var copy = rules.Single(r => (string?)r!["RuleName"] == "ESI-FREQ-001")!.DeepClone();
        copy["RuleName"] = "ESI-FREQ-900";
        rules.Add(copy);
        rules.Remove(rules.Single(r => (string?)r!["RuleName"] == "ESI-IMAGING-003"));
        File.WriteAllText(file, set.ToJsonString());

        var (exit, stdout, _) = Cli.Run("diff", "--rules", folder.Root, "--against", Repository.RulesJson, EsiFixtures);

        exit.Should().Be(1);
        stdout.Should().Contain("~ rule ESI-FREQ-001").And.Contain("Severity: Deny").And.Contain("-> Review").And.Contain("Carc: 119")
            .And.Contain("+ rule ESI-FREQ-900").And.Contain("- rule ESI-IMAGING-003");
    }

    [Fact]
    public void A_reference_row_change_is_listed()
    {
        using var folder = RulesFolderCopy.Create();
        var file = folder.Path("reference/mac-jurisdictions.json");
        var table = JsonNode.Parse(File.ReadAllText(file))!;
        var row = table["Rows"]!.AsArray()[0]!;
        row["Source"] = "edited source";
        File.WriteAllText(file, table.ToJsonString());

        var (_, stdout, _) = Cli.Run("diff", "--rules", folder.Root, "--against", Repository.RulesJson, EsiFixtures);

        stdout.Should().Contain($"~ row {(string?)row["State"]} in reference/mac-jurisdictions@").And.Contain("edited source");
    }

    private static void EditRule(RulesFolderCopy folder, string relative, string ruleId, Action<JsonNode> edit)
    {
        var file = folder.Path(relative);
        var set = JsonNode.Parse(File.ReadAllText(file))!;
        edit(set["Workflow"]!["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == ruleId)!);
        File.WriteAllText(file, set.ToJsonString());
    }
}
