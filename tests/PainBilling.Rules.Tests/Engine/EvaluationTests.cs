using System.Text.Json.Nodes;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.Engine;

public sealed class EvaluationTests
{
    private static readonly ClaimEvaluator Evaluator = TestRules.Evaluator;

    [Fact]
    public void WISeR_boundary_gives_different_answers_the_day_before_and_the_first_day()
    {
        var before = Evaluator.Evaluate(ClaimBuilder.Esi("W-1", new DateOnly(2026, 1, 14)));
        var from = Evaluator.Evaluate(ClaimBuilder.Esi("W-2", new DateOnly(2026, 1, 15)));

        before.Outcome.Should().Be(EvaluationOutcome.Clean);
        before.RuleSets.Should().NotContain(r => r.Id == "medicare-wiser");
        before.Findings.Should().NotContain(f => f.RuleId == "WISER-PA-001");

        from.Outcome.Should().Be(EvaluationOutcome.Review);
        from.RuleSets.Should().Contain(new RuleSetReference("medicare-wiser", "2026.01.15"));
        from.Findings.Should().ContainSingle(f => f.RuleId == "WISER-PA-001").Which.Line.Should().Be(1);
    }

    [Fact]
    public void Each_line_uses_the_rule_set_version_in_force_on_its_date()
    {
        using var folder = RulesFolderCopy.Create();
        var v1 = folder.Path("rule-sets/esi/commercial-esi.json");
        var original = JsonNode.Parse(File.ReadAllText(v1))!;
        var first = original.DeepClone();
        first["Effective"]!["To"] = "2025-12-31";
        File.WriteAllText(v1, first.ToJsonString());
        var second = original.DeepClone();
        second["Version"] = "2026.01.01";
        second["Effective"]!["From"] = "2026-01-01";
        var consRule = second["Workflow"]!["Rules"]!.AsArray().Single(r => (string?)r!["RuleName"] == "COM-ESI-CONS-001")!;
        consRule["LocalParams"]!.AsArray().Single(p => (string?)p!["Name"] == "minWeeks")!["Expression"] = "6";
        File.WriteAllText(folder.Path("rule-sets/esi/commercial-esi.2026.json"), second.ToJsonString());
        var evaluator = new ClaimEvaluator(RuleLibrary.Load(RulesSource.FromFolder(folder.Root)));
        var claim = ClaimBuilder.Esi("V-1", new DateOnly(2025, 12, 30), state: "CA", payer: PayerType.Commercial,
            authorizations: [new PriorAuthorization { Number = "A", Codes = ["62323"], ValidFrom = new DateOnly(2025, 12, 1), ValidTo = new DateOnly(2026, 2, 1) }]) with
        {
            Clinical = new ClinicalDocumentation { ConservativeCareWeeks = 5, ImagingGuidance = ImagingGuidance.Fluoroscopy },
        };
        claim = claim with { Lines = [claim.Lines[0], claim.Lines[0] with { Line = 2, ServiceDate = new DateOnly(2026, 1, 2) }] };

        var evaluation = evaluator.Evaluate(claim);

        evaluation.RuleSets.Should().Contain(new RuleSetReference("commercial-esi", "2026.11.0"))
            .And.Contain(new RuleSetReference("commercial-esi", "2026.01.01"));
        evaluation.Findings.Where(f => f.RuleId == "COM-ESI-CONS-001").Select(f => f.Line).Should().Equal(2);
    }

    [Fact]
    public void Code_that_no_rule_set_covers_is_reported_as_not_evaluated_not_as_clean()
    {
        var medicaid = Evaluator.Evaluate(ClaimBuilder.Esi("N-1", new DateOnly(2026, 3, 10), payer: PayerType.Medicaid));

        var finding = medicaid.Findings.Should().ContainSingle(f => f.RuleId == "SYS-NOT-EVALUATED").Which;
        finding.Severity.Should().Be(FindingSeverity.Info);
        finding.Line.Should().Be(1);
        finding.Message.Should().Contain("62323").And.Contain("Medicaid").And.Contain("not known to be clean");
        medicaid.Outcome.Should().Be(EvaluationOutcome.Incomplete, "a line no rule set checked is never reported as clean");
        medicaid.RuleSets.Select(r => r.Id).Should().Contain(["claim-data", "coding-edits"]).And.NotContain("medicare-esi-lcd");
    }

    [Fact]
    public void Same_claim_always_gives_the_same_answer()
    {
        var claim = ClaimJson.Read(File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json"))).Claim!;

        var first = ClaimJson.Write(Evaluator.Evaluate(claim));
        var second = ClaimJson.Write(new ClaimEvaluator(RuleLibrary.Load(RulesSource.FromFolder(Repository.RulesJson))).Evaluate(claim));

        second.Should().Be(first);
    }

    [Fact]
    public async Task Parallel_evaluations_of_one_evaluator_give_identical_results()
    {
        var claims = Directory.EnumerateFiles(Repository.Samples, "*.json").Order(StringComparer.Ordinal)
            .Select(f => ClaimJson.Read(File.ReadAllText(f)).Claim!)
            .ToArray();
        var expected = claims.Select(c => ClaimJson.Write(Evaluator.Evaluate(c))).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            var index = i % claims.Length;
            return (index, json: ClaimJson.Write(await Evaluator.EvaluateAsync(claims[index])));
        })));

        results.Should().OnlyContain(r => r.json == expected[r.index]);
    }

    [Fact]
    public void Findings_are_ordered_claim_level_first_then_by_line_then_severity()
    {
        var json = """
            {"claimId":"O-1","payer":{"id":"MEDICARE","type":"Medicare"},"serviceState":"XX","placeOfService":"24","diagnoses":["M54.5"],
             "lines":[{"line":2,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-03-10"},
                      {"line":1,"code":"99213","diagnosisPointers":[1],"units":0,"serviceDate":"2026-03-10"}]}
            """;

        var findings = Evaluator.Evaluate(ClaimJson.Read(json)).Findings;

        findings[0].Line.Should().BeNull();
        findings.Select(f => (f.Line ?? 0, (int)f.Severity)).Should().BeInAscendingOrder();
    }

    [Fact]
    public void A_rule_that_throws_while_evaluating_is_an_error_of_the_rule_set_not_a_finding()
    {
        using var folder = RulesFolderCopy.Create();
        folder.MakeUnitsRuleThrowOn64999();
        var evaluator = new ClaimEvaluator(RuleLibrary.Load(RulesSource.FromFolder(folder.Root)));
        var claim = ClaimBuilder.Esi("E-1", new DateOnly(2026, 3, 10), code: "64999") with { Patient = new Patient { BirthDate = new DateOnly(1950, 7, 4) } };

        var evaluate = () => evaluator.Evaluate(claim);

        var error = evaluate.Should().Throw<RuleEvaluationException>().Which;
        error.RuleId.Should().Be("CD-UNITS-001");
        error.ClaimId.Should().Be("E-1");
        error.Line.Should().Be(1);
        error.Message.Should().NotContain("1950");
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var evaluate = () => Evaluator.EvaluateAsync(ClaimBuilder.Esi("X-1", new DateOnly(2026, 3, 10)), cancelled.Token);

        evaluate.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Patient_data_never_reaches_findings()
    {
        var claim = ClaimBuilder.Esi("P-1", new DateOnly(2026, 3, 10)) with
        {
            Patient = new Patient { BirthDate = new DateOnly(1948, 11, 23), Sex = Sex.F },
            Clinical = null,
        };

        var json = ClaimJson.Write(Evaluator.Evaluate(claim));

        json.Should().NotContain("1948").And.NotContain("birth", "findings carry claim id and codes only");
    }
}
