using System.Text.Json;
using PainBilling.Rules.Cli;

namespace PainBilling.Rules.Tests.Cli;

public sealed class PainRulesCommandTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "painrules-cli-" + Guid.NewGuid().ToString("N"));

    public PainRulesCommandTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Evaluate_folder_writes_one_json_evaluation_per_claim_in_file_name_order()
    {
        var (exit, stdout, _) = Run("evaluate", Repository.Samples);

        exit.Should().Be(0);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var files = Directory.GetFiles(Repository.Samples, "*.json").Order(StringComparer.Ordinal).ToArray();
        lines.Should().HaveCount(files.Length);
        var ids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("claimId").GetString()).ToArray();
        ids.Should().Equal(files.Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("claimId").GetString()));
    }

    [Fact]
    public void Evaluate_ndjson_answers_an_unreadable_claim_with_a_reject_and_still_evaluates_the_others()
    {
        var good = File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-clean.json")).ReplaceLineEndings(" ");
        var path = Path.Combine(_temp, "claims.ndjson");
        File.WriteAllLines(path, [good, """{"claimId":"BAD-1","payer":{"id":"M","type":"Medicare"},"lines":"oops"}""", "", good.Replace("SAMPLE-ESI-CLEAN", "SECOND", StringComparison.Ordinal)]);

        var (exit, stdout, _) = Run("evaluate", path);

        exit.Should().Be(0);
        var results = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        results.Select(r => r.GetProperty("claimId").GetString()).Should().Equal("SAMPLE-ESI-CLEAN", "BAD-1", "SECOND");
        results[1].GetProperty("outcome").GetString().Should().Be("Reject");
        results[1].GetProperty("findings")[0].GetProperty("message").GetString().Should().Contain("$.lines");
        results[0].GetProperty("outcome").GetString().Should().Be("Clean");
    }

    [Fact]
    public void Evaluate_ndjson_reads_bytes_with_a_byte_order_mark_crlf_blank_lines_and_an_over_long_line()
    {
        var good = File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-clean.json")).ReplaceLineEndings(" ");
        var huge = """{"claimId":"HUGE","payer":{"id":"M","type":"Medicare"},"pad":" """ + new string('x', 1_200_000) + "\"}";
        var path = Path.Combine(_temp, "bytes.ndjson");
        var text = good + "\r\n  \t \r\n" + huge + "\r\n\r\n" + good.Replace("SAMPLE-ESI-CLEAN", "LAST", StringComparison.Ordinal);
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)]);

        var (exit, stdout, _) = Run("evaluate", path);

        exit.Should().Be(0);
        var results = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        results.Should().HaveCount(3, "blank and whitespace-only lines are skipped");
        results[0].GetProperty("outcome").GetString().Should().Be("Clean", "the byte-order mark and the CR are not part of the claim");
        results[1].GetProperty("outcome").GetString().Should().Be("Reject");
        results[1].GetProperty("findings")[0].GetProperty("message").GetString().Should().Contain("KiB");
        results[2].GetProperty("claimId").GetString().Should().Be("LAST", "the last line needs no newline");
        results[2].GetProperty("outcome").GetString().Should().Be("Clean");
    }

    [Fact]
    public void Evaluate_table_format_shows_outcome_and_findings()
    {
        var (exit, stdout, _) = Run("evaluate", Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json"), "--format", "table");

        exit.Should().Be(0);
        stdout.Should().Contain("Claim SAMPLE-ESI-DENIED: REJECT").And.Contain("ESI-BILAT-001").And.Contain("CARC");
    }

    [Theory]
    [InlineData("evaluate", "does-not-exist.json")]
    [InlineData("evaluate")]
    [InlineData("evaluate", "samples", "--format", "xml")]
    [InlineData("frobnicate")]
    public void Usage_errors_and_unreadable_paths_exit_2(params string[] args)
    {
        var (exit, _, stderr) = Run(args);

        exit.Should().Be(2);
        stderr.Should().NotBeEmpty();
    }

    [Fact]
    public void Evaluate_with_a_broken_rules_folder_exits_3_naming_the_file()
    {
        using var folder = RulesFolderCopy.Create();
        File.WriteAllText(folder.Path("rule-sets/common/claim-data.json"), "{ \"Id\": ");

        var (exit, _, stderr) = Run("evaluate", Repository.Samples, "--rules", folder.Root);

        exit.Should().Be(3);
        stderr.Should().Contain("rule-sets/common/claim-data.json");
    }

    [Fact]
    public void A_rule_failing_on_one_claim_does_not_stop_the_others()
    {
        using var folder = RulesFolderCopy.Create();
        folder.MakeUnitsRuleThrowOn64999();
        var good = File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-clean.json")).ReplaceLineEndings(" ");
        var path = Path.Combine(_temp, "mixed.ndjson");
        var failing = """{"claimId":"BROKEN-RULE","payer":{"id":"MEDICARE","type":"Medicare"},"serviceState":"TX","placeOfService":"24","diagnoses":["M54.16"],"lines":[{"line":1,"code":"64999","diagnosisPointers":[1],"serviceDate":"2026-03-10"}]}""";
        File.WriteAllLines(path, [failing, good]);

        var (exit, stdout, stderr) = Run("evaluate", path, "--rules", folder.Root);

        exit.Should().Be(3);
        stderr.Should().Contain("CD-UNITS-001").And.Contain("BROKEN-RULE");
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().Contain("SAMPLE-ESI-CLEAN");
    }

    [Fact]
    public void Validate_reports_what_loaded()
    {
        var (exit, stdout, _) = Run("validate", "--rules", Repository.RulesJson);

        exit.Should().Be(0);
        stdout.Should().StartWith("OK:");
    }

    [Fact]
    public void Test_runs_the_fixtures_of_a_rules_folder()
    {
        var (exit, stdout, _) = Run("test", "--rules", Repository.RulesJson);

        exit.Should().Be(0);
        stdout.Should().Contain(" 0 failing");
    }

    [Fact]
    public void Rules_catalogue_lists_every_rule_with_its_source()
    {
        var (exit, stdout, _) = Run("rules");

        exit.Should().Be(0);
        foreach (var rule in TestRules.Library.Rules)
        {
            stdout.Should().Contain(rule.RuleId);
        }
    }

    [Fact]
    public void Generated_catalogue_in_rules_json_is_current()
    {
        var (_, stdout, _) = Run("rules", "--format", "markdown", "--rules", Repository.RulesJson);

        var committed = File.ReadAllText(Path.Combine(Repository.RulesJson, "CATALOGUE.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        committed.Should().Be(stdout.Replace("\r\n", "\n", StringComparison.Ordinal), "regenerate it: dotnet run --project src/PainBilling.Rules.Cli -- rules --format markdown --rules rules-json > rules-json/CATALOGUE.md");
    }

    [Fact]
    public void Readme_states_the_current_rule_and_rule_set_counts()
    {
        var library = TestRules.Library;
        var expected = $"{library.Rules.Count} rules in {library.RuleSets.Select(r => r.Id).Distinct().Count()} rule sets";

        File.ReadAllText(Path.Combine(Repository.Root, "README.md")).Should().Contain(expected);
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = PainRulesCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
