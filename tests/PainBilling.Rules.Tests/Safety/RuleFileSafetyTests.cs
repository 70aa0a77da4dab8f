using System.Text.Json;
using System.Text.RegularExpressions;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Cli;
using PainBilling.Rules.Expressions;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.Safety;

/// <summary>
/// Rule files are code run inside other people's billing systems: a malicious or broken one stops loading with the
/// file, rule and reason, never crashes the process, hangs, or turns into a silent pass.
/// </summary>
public sealed class RuleFileSafetyTests : IDisposable
{
    private const string ClaimData = "rule-sets/common/claim-data.json";
    private const string UnitsExpression = "\"Expression\": \"line.Units < 1\"";
    private readonly RulesFolderCopy _copy = RulesFolderCopy.Create();

    public static TheoryData<string> MaliciousCases()
    {
        var data = new TheoryData<string>();
        foreach (var item in ReadMaliciousCases())
        {
            data.Add(item.Name);
        }

        return data;
    }

    public void Dispose() => _copy.Dispose();

    [Theory]
    [MemberData(nameof(MaliciousCases))]
    public void Malicious_expression_is_refused_with_file_rule_and_reason(string name)
    {
        var item = ReadMaliciousCases().Single(c => c.Name == name);
        Edit(ClaimData, UnitsExpression, "\"Expression\": " + JsonSerializer.Serialize(item.Expression));

        var error = LoadError();

        error.File.Should().Be(ClaimData);
        error.RuleId.Should().Be("CD-UNITS-001");
        error.Reason.Should().Contain(item.Reason);
        error.Message.Should().NotContain(AppContext.BaseDirectory.TrimEnd('/'), "no install path may leak into a load error");
    }

    [Theory]
    [InlineData("GlobalParams")]
    [InlineData("LocalParams")]
    public void Malicious_parameters_are_refused_like_expressions(string where)
    {
        var file = "rule-sets/esi/medicare-esi-lcd.json";
        if (where == "GlobalParams")
        {
            Edit(file, "\"Expression\": \"data.Region(line.Code)\"", "\"Expression\": \"data.Region(line.Code) + \\\"\\\".gettype().Name\"");
        }
        else
        {
            Edit(file, "\"LocalParams\": [", "\"LocalParams\": [ { \"Name\": \"now\", \"Expression\": \"DateTime.Now.Year\" },");
        }

        var error = LoadError();

        error.File.Should().Be(file);
        error.Reason.Should().MatchRegex("GetType|DateTime");
    }

    [Fact]
    public void Shipped_rules_pass_the_guard_and_use_only_allowed_members()
    {
        var load = () => RuleLibrary.Load(RulesSource.FromFolder(Repository.RulesJson));

        load.Should().NotThrow("the shipped rules, and the claims of their fixtures, must pass the guard and the load proof");
    }

    [Theory]
    [InlineData(ClaimData, "\"Rules\": [", "\"Rules\": [ null,", "null entry at $.Workflow.Rules[0]")]
    [InlineData("rule-sets/esi/medicare-esi-lcd.json", "\"GlobalParams\": [", "\"GlobalParams\": [ null,", "null entry at $.Workflow.GlobalParams[0]")]
    [InlineData(ClaimData, "\"PayerTypes\": [", "\"PayerTypes\": [ null,", "null entry at $.Scope.PayerTypes[0]")]
    public void Null_list_entries_are_load_errors_not_crashes(string file, string find, string replace, string reason)
    {
        Edit(file, find, replace);

        var error = LoadError();

        error.File.Should().Be(file);
        error.Reason.Should().Contain(reason);
        error.Errors[0].LineNumber.Should().BePositive();
    }

    [Fact]
    public void Null_in_service_states_and_local_params_are_load_errors()
    {
        Edit("rule-sets/esi/medicare-esi-lcd.json", "\"ServiceStates\": [", "\"ServiceStates\": [ null,");
        Edit("rule-sets/esi/medicare-esi-lcd.json", "\"LocalParams\": [", "\"LocalParams\": [ null,");

        var error = LoadError();

        error.Errors.Should().HaveCountGreaterThanOrEqualTo(2, "every null entry of the file is reported at once");
        error.Errors.Select(e => e.Reason).Should().Contain(r => r.Contains("$.Scope.ServiceStates[0]", StringComparison.Ordinal))
            .And.Contain(r => r.Contains("LocalParams[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reference_row_missing_its_key_member_is_a_load_error()
    {
        Edit("reference/add-on-codes.aoc-2026q2.json", "\"AddOn\": \"64480\",", string.Empty);

        var error = LoadError();

        error.File.Should().Be("reference/add-on-codes.aoc-2026q2.json");
        error.Reason.Should().Contain("missing required key 'AddOn'");
    }

    [Fact]
    public void Every_error_of_a_load_is_reported_with_line_and_column()
    {
        Edit(ClaimData, UnitsExpression, "\"Expression\": \"line.GetType() != null\"");
        Edit("rule-sets/esi/commercial-esi.json", "\"Severity\": \"Review\"", "\"Severity\": \"Warning\"");
        Edit("rule-sets/cpm/medicare-cpm.json", "\"From\": \"", "\"From\": \"2026-13-01\", \"Was\": \"");

        var error = LoadError();

        error.Errors.Select(e => e.File).Should().Contain([ClaimData, "rule-sets/esi/commercial-esi.json", "rule-sets/cpm/medicare-cpm.json"]);
        error.Errors.Should().OnlyContain(e => e.LineNumber > 0);
        var severity = error.Errors.Single(e => e.File == "rule-sets/esi/commercial-esi.json");
        severity.Reason.Should().Contain("\"Warning\"").And.Contain("one of: Reject, Deny, Review, Info").And.NotContain("PainBilling.Rules");
        var date = error.Errors.Single(e => e.File == "rule-sets/cpm/medicare-cpm.json");
        date.Reason.Should().Contain("a date written yyyy-MM-dd").And.NotContain("System.DateOnly");
        error.Message.Should().Contain("3 problems");
    }

    [Fact]
    public void Two_broken_rules_in_one_file_are_both_reported()
    {
        Edit(ClaimData, UnitsExpression, "\"Expression\": \"line.GetType() != null\"");
        Edit(ClaimData, "\"Expression\": \"duplicateLines.Count() > 0\"", "\"Expression\": \"Guid.NewGuid() != Guid.Empty\"");

        var error = LoadError();

        error.Errors.Select(e => e.RuleId).Should().Contain(["CD-UNITS-001", "CD-LINE-001"]);
        error.Errors.Should().OnlyContain(e => e.File == ClaimData && e.LineNumber > 0);
    }

    [Fact]
    public void A_gap_between_versions_is_a_load_error_unless_declared()
    {
        var first = _copy.Path("rule-sets/esi/medicare-esi-lcd.json");
        var text = File.ReadAllText(first);
        File.WriteAllText(first, text.Replace("\"To\": null", "\"To\": \"2026-06-30\"", StringComparison.Ordinal));
        var later = new Regex("\"Version\": \"[^\"]+\"").Replace(text, "\"Version\": \"9999.07.02\"", 1);
        later = new Regex("\"From\": \"[^\"]+\"").Replace(later, "\"From\": \"2026-07-02\"", 1);
        File.WriteAllText(_copy.Path("rule-sets/esi/medicare-esi-lcd.2026-07.json"), later);

        var error = LoadError();

        error.Reason.Should().Contain("no version in force from 2026-07-01 to 2026-07-01");

        File.WriteAllText(
            _copy.Path("rule-sets/esi/medicare-esi-lcd.2026-07.json"),
            later.Replace("\"To\": null", "\"To\": null, \"GapBefore\": \"test: the LCD was retired for one day\"", StringComparison.Ordinal));
        var load = () => RuleLibrary.Load(RulesSource.FromFolder(_copy.Root));
        load.Should().NotThrow();
    }

    [Theory]
    [InlineData("rule-sets/esi/extra.JSON", "lower case")]
    [InlineData("rule-sets/esi/notes.txt", "is not a rule file")]
    [InlineData("reference/codes.json.bak", "is not a rule file")]
    public void A_file_that_would_be_skipped_silently_is_a_load_error(string relative, string reason)
    {
        File.Copy(_copy.Path("rule-sets/esi/commercial-esi.json"), _copy.Path(relative));

        var error = LoadError();

        error.File.Should().Be(relative);
        error.Reason.Should().Contain(reason);
    }

    [Fact]
    public void A_rule_set_whose_rules_are_all_disabled_is_a_load_error()
    {
        var file = _copy.Path("rule-sets/pnb/medicare-pnb.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"RuleName\": ", "\"Enabled\": false, \"RuleName\": ", StringComparison.Ordinal));

        var error = LoadError();

        error.File.Should().Be("rule-sets/pnb/medicare-pnb.json");
        error.Reason.Should().Contain("at least one enabled rule");
    }

    [Fact]
    public void The_load_proof_runs_the_claims_of_the_folder_fixtures()
    {
        _copy.MakeUnitsRuleThrowOn64999();
        Directory.CreateDirectory(_copy.Path("fixtures"));
        var claim = File.ReadAllText(Path.Combine(Repository.Samples, "medicare-ny-tpi-clean.json")).Replace("\"20553\"", "\"64999\"", StringComparison.Ordinal);
        claim = Regex.Replace(claim, "\"modifiers\": \\[[^\\]]*\\]", "\"modifiers\": []");
        File.WriteAllText(_copy.Path("fixtures/proof.fixtures.json"), $$"""{ "base": {{claim}}, "cases": [ { "name": "unlisted code", "expect": { "doesNotFire": ["CD-UNITS-001"] } } ] }""");

        var error = LoadError();

        error.File.Should().Be(ClaimData);
        error.RuleId.Should().Be("CD-UNITS-001");
        error.Reason.Should().Contain("fixture proof.fixtures.json: unlisted code");
    }

    [Fact]
    public void Data_Matches_patterns_are_non_backtracking_without_a_time_out()
    {
        var regex = RuleData.CompilePattern("^[0-9]{2}$");

        regex.Options.Should().HaveFlag(RegexOptions.NonBacktracking);
        regex.MatchTimeout.Should().Be(Regex.InfiniteMatchTimeout);
        regex.IsMatch("11").Should().BeTrue();
    }

    [Fact]
    public void An_evaluation_over_its_budget_stops_with_a_rule_evaluation_exception()
    {
        var evaluator = new ClaimEvaluator(TestRules.Library, new ClaimEvaluatorOptions { EvaluationBudget = TimeSpan.FromTicks(1) });
        var claim = ClaimJson.Read(File.ReadAllText(Path.Combine(Repository.Samples, "medicare-ny-tpi-denied.json"))).Claim!;

        var evaluate = () => evaluator.Evaluate(claim);

        var error = evaluate.Should().Throw<RuleEvaluationException>().Which;
        error.Reason.Should().Contain("budget");
        error.ClaimId.Should().Be(claim.ClaimId);
        error.RuleSet.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Cancellation_stops_an_evaluation()
    {
        var claim = ClaimJson.Read(File.ReadAllText(Path.Combine(Repository.Samples, "medicare-ny-tpi-denied.json"))).Claim!;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var evaluate = () => new ClaimEvaluator(TestRules.Library).Evaluate(claim, cancelled.Token);

        evaluate.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void A_negative_budget_is_refused()
    {
        var create = () => new ClaimEvaluator(TestRules.Library, new ClaimEvaluatorOptions { EvaluationBudget = TimeSpan.FromSeconds(-1) });

        create.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Validate_reports_a_stack_overflow_attempt_as_exit_3_without_a_stack_trace()
    {
        Edit(ClaimData, UnitsExpression, "\"Expression\": \"" + new string('(', 5000) + "1" + new string(')', 5000) + " == 1\"");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = PainRulesCommand.Run(["validate", "--rules", _copy.Root], stdout, stderr);

        exit.Should().Be(3);
        stderr.ToString().Should().Contain(ClaimData).And.Contain("CD-UNITS-001").And.NotContain("   at ");
    }

    private static MaliciousCase[] ReadMaliciousCases()
    {
        var path = Path.Combine(Repository.Root, "tests", "PainBilling.Rules.Tests", "Safety", "data", "malicious-expressions.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("Cases").EnumerateArray()
            .Select(c => new MaliciousCase(c.GetProperty("Name").GetString()!, c.GetProperty("Expression").GetString()!, c.GetProperty("Reason").GetString()!))
            .ToArray();
    }

    private void Edit(string relative, string find, string replace) => _copy.Edit(relative, find, replace);

    private RuleSetLoadException LoadError() => _copy.LoadError();

    private sealed record MaliciousCase(string Name, string Expression, string Reason);
}
