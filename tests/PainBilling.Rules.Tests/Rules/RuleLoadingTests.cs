using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.Rules;

/// <summary>A broken rule file stops loading with the file, the rule and the reason.</summary>
public sealed class RuleLoadingTests : IDisposable
{
    private const string ClaimData = "rule-sets/common/claim-data.json";
    private readonly RulesFolderCopy _copy = RulesFolderCopy.Create();

    private string Folder => _copy.Root;

    public void Dispose() => _copy.Dispose();

    [Fact]
    public void Unmodified_copy_loads_with_the_same_rules_as_the_embedded_rules()
    {
        var folder = RuleLibrary.Load(RulesSource.FromFolder(Folder));
        var embedded = RuleLibrary.Load(RulesSource.Embedded);

        folder.Rules.Select(r => r.RuleId).Should().Equal(embedded.Rules.Select(r => r.RuleId));
        folder.RuleSets.Select(r => $"{r.Id}@{r.Version}").Should().Equal(embedded.RuleSets.Select(r => $"{r.Id}@{r.Version}"));
    }

    [Fact]
    public void CamelCase_key_is_an_error_naming_file_rule_and_key()
    {
        Edit(ClaimData, "\"RuleName\": \"CD-UNITS-001\"", "\"ruleName\": \"CD-UNITS-001\"");

        var error = LoadError();

        error.File.Should().Be(ClaimData);
        error.Reason.Should().Contain("unknown key 'ruleName'").And.Contain("did you mean 'RuleName'");
    }

    [Fact]
    public void Misspelt_property_is_an_error_naming_the_rule()
    {
        Edit(ClaimData, "\"Expression\": \"line.Units < 1\",\n        \"Properties\": {\n          \"Category\": \"ClaimData\",\n          \"Severity\"", "\"Expression\": \"line.Units < 1\",\n        \"Properties\": {\n          \"Category\": \"ClaimData\",\n          \"Severty\"");

        var error = LoadError();

        error.RuleId.Should().Be("CD-UNITS-001");
        error.Reason.Should().Contain("Severty");
    }

    [Theory]
    [InlineData("line.Units < ", "does not compile")]
    [InlineData("line.Unitz < 1", "Unitz")]
    [InlineData("line.Units < \\\"one\\\"", "does not compile")]
    [InlineData("line.GetType().Assembly.Location != null", "GetType")]
    [InlineData("line.ServiceDate < DateTime.Now", "DateTime")]
    [InlineData("line.Modifiers.First() == \\\"50\\\"", "does not compile or run")]
    [InlineData("line.Units = 1", "single '='")]
    [InlineData("data.InSet(\\\"no-such-set\\\", line.Code)", "code set 'no-such-set'")]
    public void Broken_expression_fails_loading_with_file_rule_and_reason(string expression, string reason)
    {
        Edit(ClaimData, "\"Expression\": \"line.Units < 1\"", $"\"Expression\": \"{expression}\"");

        var error = LoadError();

        error.File.Should().Be(ClaimData);
        error.RuleId.Should().Be("CD-UNITS-001");
        error.Reason.Should().Contain(reason);
    }

    [Fact]
    public void Unknown_placeholder_in_a_message_is_an_error()
    {
        Edit(ClaimData, "reports {units} units", "reports {unitCount} units");

        var error = LoadError();

        error.RuleId.Should().Be("CD-UNITS-001");
        error.Reason.Should().Contain("{unitCount}");
    }

    [Fact]
    public void Duplicate_key_is_an_error_not_a_silent_last_wins()
    {
        Edit(ClaimData, "\"Severity\": \"Reject\",\n          \"Carc\": \"16\",\n          \"Message\": \"Line {line} ({code}) reports", "\"Severity\": \"Info\",\n          \"Severity\": \"Reject\",\n          \"Carc\": \"16\",\n          \"Message\": \"Line {line} ({code}) reports");

        var error = LoadError();

        error.File.Should().Be(ClaimData);
        error.RuleId.Should().Be("CD-UNITS-001");
        error.Reason.Should().Contain("duplicate key");
    }

    [Fact]
    public void Unknown_severity_is_an_error()
    {
        Edit(ClaimData, "\"Severity\": \"Reject\",\n          \"Carc\": \"16\",\n          \"Message\": \"Line {line} ({code}) reports", "\"Severity\": \"Fatal\",\n          \"Carc\": \"16\",\n          \"Message\": \"Line {line} ({code}) reports");

        var error = LoadError();

        error.File.Should().Be(ClaimData);
        error.RuleId.Should().Be("CD-UNITS-001");
        error.Reason.Should().Contain("Severity");
    }

    [Fact]
    public void Overlapping_versions_of_a_rule_set_are_an_error()
    {
        var source = Path.Combine(Folder, "rule-sets", "prior-auth", "medicare-wiser.json");
        File.WriteAllText(
            Path.Combine(Folder, "rule-sets", "prior-auth", "medicare-wiser.v2.json"),
            File.ReadAllText(source).Replace("\"Version\": \"2026.01.15\"", "\"Version\": \"2027.01.01\"", StringComparison.Ordinal)
                .Replace("\"From\": \"2026-01-15\"", "\"From\": \"2027-01-01\"", StringComparison.Ordinal));

        var error = LoadError();

        error.Reason.Should().Contain("overlaps");
    }

    [Fact]
    public void A_rule_id_used_by_two_rule_sets_is_an_error()
    {
        Edit("rule-sets/esi/commercial-esi.json", "\"RuleName\": \"COM-ESI-DX-001\"", "\"RuleName\": \"ESI-DX-001\"");

        var error = LoadError();

        error.RuleId.Should().Be("ESI-DX-001");
        error.Reason.Should().Contain("already used");
    }

    [Fact]
    public void Reference_table_with_an_unknown_row_key_is_an_error()
    {
        Edit("reference/add-on-codes.aoc-2026q2.json", "\"AddOn\": \"64480\"", "\"Addon\": \"64480\"");

        var error = LoadError();

        error.File.Should().Be("reference/add-on-codes.aoc-2026q2.json");
        error.Reason.Should().Contain("Addon");
    }

    [Fact]
    public void Missing_system_file_is_an_error()
    {
        File.Delete(Path.Combine(Folder, "system.json"));

        LoadError().File.Should().Be("system.json");
    }

    private void Edit(string relative, string find, string replace) => _copy.Edit(relative, find, replace);

    private RuleSetLoadException LoadError() => _copy.LoadError();
}
