using PainBilling.Rules.Claims;
using PainBilling.Rules.Cli;
using PainBilling.Rules.Engine;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Tests.Engine;

/// <summary>Echoed values are cut and escaped; a claim with an unchecked line is never Clean.</summary>
public sealed class EchoAndOutcomeTests
{
    [Fact]
    public void An_echoed_value_is_cut_to_64_characters_with_an_ellipsis()
    {
        var echoed = FindingFormatter.Render(new string('A', 1_000_000));

        echoed.Should().HaveLength(65).And.EndWith("\u2026");
    }

    [Fact]
    public void Control_and_invisible_characters_in_an_echoed_value_are_escaped()
    {
        var echoed = FindingFormatter.Render("62\u001b[31m3\u202E\u0000");

        echoed.Should().Be("62\\u001B[31m3\\u202E\\u0000");
    }

    [Fact]
    public void An_echoed_list_shows_at_most_12_items()
        => FindingFormatter.Render(Enumerable.Range(1, 100).Select(i => "M" + i).ToList()).Split(", ").Should().HaveCount(13).And.EndWith("\u2026");

    [Fact]
    public void The_cli_table_escapes_every_cell()
        => EvaluateCommand.Printable("Line 1: '\u001b]0;pwned\u0007'").Should().Be("Line 1: '\\u001B]0;pwned\\u0007'");

    [Fact]
    public void A_reject_names_the_path_and_reason_in_full()
    {
        var evaluation = TestRules.Evaluator.Evaluate(ClaimJson.Read("""{"claimId":"E-1","lines":[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"1026-03-10"}]}"""));

        evaluation.Findings.Select(f => f.Message).Should().Contain(m => m.Contains("$.lines[0].serviceDate is before 2015-10-01, when ICD-10-CM took effect (45 CFR 162.1002); the scrubber checks ICD-10-CM claims only", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unchecked_line_makes_the_claim_incomplete_but_never_hides_a_worse_finding()
    {
        var covered = ClaimBuilder.Esi("I-1", new DateOnly(2026, 1, 14));
        var uncovered = covered with { Lines = [.. covered.Lines, covered.Lines[0] with { Line = 2, Code = "97110" }] };
        var denied = uncovered with { Clinical = uncovered.Clinical! with { ImagingGuidance = ImagingGuidance.None } };

        var incomplete = TestRules.Evaluator.Evaluate(uncovered);
        var worse = TestRules.Evaluator.Evaluate(denied);

        TestRules.Evaluator.Evaluate(covered).Outcome.Should().Be(EvaluationOutcome.Clean);
        incomplete.Outcome.Should().Be(EvaluationOutcome.Incomplete);
        incomplete.Findings.Should().Contain(f => f.RuleId == "SYS-NOT-EVALUATED" && f.Line == 2 && f.Severity == FindingSeverity.Info);
        worse.Outcome.Should().BeOneOf(EvaluationOutcome.Deny, EvaluationOutcome.Reject, EvaluationOutcome.Review);
        worse.Findings.Should().Contain(f => f.RuleId == "SYS-NOT-EVALUATED");
    }

    [Fact]
    public void Outcomes_are_ordered_from_worst_to_best()
        => Enum.GetValues<EvaluationOutcome>().Should().Equal(EvaluationOutcome.Reject, EvaluationOutcome.Deny, EvaluationOutcome.Review, EvaluationOutcome.Incomplete, EvaluationOutcome.Clean);
}
