using System.Text.Json.Nodes;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Cli;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.Toolkit;

/// <summary>Payer policies that replace the baseline (Replaces), and new versions written as small changes (Extends, new-version, rules --show).</summary>
public sealed class PayerPolicyAndVersionTests
{
    private static readonly string ExamplePolicy = Path.Combine(Repository.Root, "tests", "PainBilling.Rules.Tests", "Toolkit", "data", "example-acme-health-policy.json");

    [Fact]
    public void An_example_payer_policy_replaces_the_plan_baseline_for_its_payer_only()
    {
        using var folder = WithExamplePolicy();
        var evaluator = new ClaimEvaluator(RuleLibrary.Load(RulesSource.FromFolder(folder.Root)));

        var acmeEsi = evaluator.Evaluate(ClaimJson.Read(Claim("ACME-HEALTH", "62323")));
        var acmeFacet = evaluator.Evaluate(ClaimJson.Read(Claim("ACME-HEALTH", "64493")));
        var otherEsi = evaluator.Evaluate(ClaimJson.Read(Claim("OTHER-PLAN", "62323")));

        otherEsi.Findings.Should().Contain(f => f.RuleId == "PA-PLAN-001", "the baseline applies to payers without a policy");
        otherEsi.RuleSets.Should().NotContain(r => r.Id == "example-acme-health-policy");
        acmeEsi.Findings.Should().NotContain(f => f.RuleId.StartsWith("PA-PLAN-", StringComparison.Ordinal), "the policy replaces PA-PLAN-001/002 for its payer");
        acmeEsi.RuleSets.Should().Contain(new RuleSetReference("example-acme-health-policy", "1.0.0"), "the policy's precedence shows in ruleSets");
        acmeFacet.Findings.Should().Contain(f => f.RuleId == "EXAMPLE-ACME-PA-001").And.NotContain(f => f.RuleId == "PA-PLAN-001");
    }

    [Fact]
    public void A_payer_policy_can_replace_a_whole_rule_set_and_the_catalogue_shows_it()
    {
        using var folder = WithExamplePolicy(policy => policy["Replaces"] = new JsonObject { ["RuleSets"] = new JsonArray("plan-prior-authorization") });
        var library = RuleLibrary.Load(RulesSource.FromFolder(folder.Root));

        var acme = new ClaimEvaluator(library).Evaluate(ClaimJson.Read(Claim("ACME-HEALTH", "62323")));
        var (_, catalogue, _) = Cli.Run("rules", "--format", "markdown", "--rules", folder.Root);

        acme.RuleSets.Should().NotContain(r => r.Id == "plan-prior-authorization").And.Contain(r => r.Id == "example-acme-health-policy");
        catalogue.Should().Contain("## Payer policies (precedence)").And.Contain("| example-acme-health-policy | 1.0.0 | Commercial; payers ACME-HEALTH |").And.Contain("rule set plan-prior-authorization");
    }

    [Theory]
    [InlineData(null, "PA-PLAN-999", "no loaded rule has this id")]
    [InlineData("nope-set", null, "no rule set 'nope-set' is loaded")]
    public void A_replacement_of_something_that_does_not_exist_is_a_load_error(string? ruleSet, string? rule, string message)
    {
        using var folder = WithExamplePolicy(policy => policy["Replaces"] = new JsonObject
        {
            ["RuleSets"] = ruleSet is null ? new JsonArray() : new JsonArray(ruleSet),
            ["Rules"] = rule is null ? new JsonArray() : new JsonArray(rule),
        });

        var act = () => RuleLibrary.Load(RulesSource.FromFolder(folder.Root));

        act.Should().Throw<RuleSetLoadException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void A_replacement_needs_payer_ids()
    {
        using var folder = WithExamplePolicy(policy => policy["Scope"]!.AsObject().Remove("PayerIds"));

        var act = () => RuleLibrary.Load(RulesSource.FromFolder(folder.Root));

        act.Should().Throw<RuleSetLoadException>().Which.Message.Should().Contain("Replaces is for payer policies");
    }

    [Fact]
    public void New_version_scaffold_writes_a_change_file_and_closes_the_old_window_without_a_gap()
    {
        using var folder = RulesFolderCopy.Create();
        var esi = TestRules.Library.RuleSets.Where(s => s.Id == "medicare-esi-lcd").OrderBy(s => s.Effective.From).Last();

        var (exit, stdout, stderr) = Cli.Run("new-version", "medicare-esi-lcd", "--from", "2027-01-01", "--rules", folder.Root);

        exit.Should().Be(0, stderr);
        stdout.Should().Contain("2027.1.0");
        var changeFile = folder.Path("rule-sets/esi/medicare-esi-lcd.2027-01-01.json");
        var change = JsonNode.Parse(File.ReadAllText(changeFile))!;
        ((string?)change["Extends"]).Should().Be(esi.Version);
        var library = RuleLibrary.Load(RulesSource.FromFolder(folder.Root));
        var versions = library.RuleSets.Where(s => s.Id == "medicare-esi-lcd").OrderBy(s => s.Effective.From).ToList();
        versions[^2].Effective.To.Should().Be(new DateOnly(2026, 12, 31));
        versions[^1].Effective.From.Should().Be(new DateOnly(2027, 1, 1), "the new version starts the day after the old one ends: no gap");
        versions[^1].RuleCount.Should().Be(esi.RuleCount, "an empty change inherits every rule");
        versions[^1].Extends.Should().Be(esi.Version);
    }

    [Fact]
    public void A_version_written_as_a_change_to_one_threshold_quotes_the_new_threshold_and_shows_resolved()
    {
        using var folder = RulesFolderCopy.Create();
        Cli.Run("new-version", "medicare-esi-lcd", "--from", "2027-01-01", "--rules", folder.Root).Exit.Should().Be(0);
        var changeFile = folder.Path("rule-sets/esi/medicare-esi-lcd.2027-01-01.json");
        var change = JsonNode.Parse(File.ReadAllText(changeFile))!;
        change["Workflow"]!["Rules"]!.AsArray().Add(JsonNode.Parse("""{ "RuleName": "ESI-FREQ-001", "LocalParams": [ { "Name": "maxSessions", "Expression": "3" } ] }"""));
        File.WriteAllText(changeFile, change.ToJsonString());
        var fixture = File.ReadAllText(Path.Combine(Repository.Fixtures, "esi", "medicare-esi-lcd.fixtures.json"));
        var fourth = Fixtures.RuleFixtureRunner.ReadFile("esi", fixture).Single(c => c.Name.StartsWith("near miss: fifth session but the first is 13 months old", StringComparison.Ordinal));
        var in2027 = fourth.ClaimJson.Replace("2026-", "2027-", StringComparison.Ordinal).Replace("2025-", "2026-", StringComparison.Ordinal);

        var evaluation = new ClaimEvaluator(RuleLibrary.Load(RulesSource.FromFolder(folder.Root))).Evaluate(ClaimJson.Read(in2027));
        var (exit, shown, _) = Cli.Run("rules", "--show", "medicare-esi-lcd@2027.1.0", "--rules", folder.Root);

        evaluation.RuleSets.Should().Contain(new RuleSetReference("medicare-esi-lcd", "2027.1.0"));
        evaluation.Findings.Should().Contain(f => f.RuleId == "ESI-FREQ-001" && f.Message.Contains("at most 3", StringComparison.Ordinal));
        exit.Should().Be(0);
        var resolved = JsonNode.Parse(shown)!;
        var rule = resolved["Workflow"]!["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == "ESI-FREQ-001")!;
        rule["LocalParams"]!.AsArray().Select(p => (string?)p!["Name"]).Should().Contain(["maxSessions", "months", "sessions"], "params that did not change are inherited");
        ((string?)rule["LocalParams"]!.AsArray().Single(p => (string?)p!["Name"] == "maxSessions")!["Expression"]).Should().Be("3");
        ((string?)rule["Properties"]!["Severity"]).Should().Be("Deny");
    }

    [Fact]
    public void Extending_a_version_that_does_not_exist_is_a_load_error()
    {
        using var folder = RulesFolderCopy.Create();
        File.WriteAllText(folder.Path("rule-sets/esi/medicare-esi-lcd.2030-01-01.json"), """{ "Id": "medicare-esi-lcd", "Version": "2030.1.0", "Extends": "1999.1.0", "Effective": { "From": "2030-01-01", "To": null } }""");

        var act = () => RuleLibrary.Load(RulesSource.FromFolder(folder.Root));

        act.Should().Throw<RuleSetLoadException>().Which.Message.Should().Contain("has no version '1999.1.0' to extend");
    }

    [Fact]
    public void Closing_a_window_keeps_the_rest_of_the_file_as_written()
    {
        NewVersionCommand.Close("""{ "Id": "x", "Effective": { "From": "2021-12-12", "To": null }, "Other": 1 }""", new DateOnly(2026, 12, 31))
            .Should().Be("""{ "Id": "x", "Effective": { "From": "2021-12-12", "To": "2026-12-31" }, "Other": 1 }""");
        NewVersionCommand.Close("""{ "Effective": { "From": "2021-12-12" } }""", new DateOnly(2026, 12, 31))
            .Should().Be("""{ "Effective": { "From": "2021-12-12", "To": "2026-12-31" } }""");
    }

    private static RulesFolderCopy WithExamplePolicy(Action<JsonNode>? edit = null)
    {
        var folder = RulesFolderCopy.Create();
        var policy = JsonNode.Parse(File.ReadAllText(ExamplePolicy))!;
        edit?.Invoke(policy);
        Directory.CreateDirectory(folder.Path("rule-sets/examples"));
        File.WriteAllText(folder.Path("rule-sets/examples/example-acme-health-policy.json"), policy.ToJsonString());
        return folder;
    }

    private static string Claim(string payerId, string code)
    {
        var claim = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Samples, "commercial-ca-esi-no-auth.json")))!;
        claim["payer"]!["id"] = payerId;
        claim["lines"]![0]!["code"] = code;
        return claim.ToJsonString();
    }
}
