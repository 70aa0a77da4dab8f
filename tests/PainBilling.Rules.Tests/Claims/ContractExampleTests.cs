using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Tests.Claims;

/// <summary>The shared contract's example claims (copied into samples/claims) evaluate per the contract.</summary>
public sealed class ContractExampleTests
{
    public static TheoryData<string> Samples() => Repository.SampleFileNames();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_claim_gets_a_complete_evaluation(string file)
    {
        var read = ClaimJson.Read(File.ReadAllText(Path.Combine(Repository.Samples, file)));
        read.Succeeded.Should().BeTrue("the shipped samples are well-formed claims");

        var evaluation = TestRules.Evaluator.Evaluate(read.Claim!);

        evaluation.ClaimId.Should().Be(read.Claim!.ClaimId);
        evaluation.RuleSets.Should().NotBeEmpty().And.OnlyContain(r => r.Id.Length > 0 && r.Version.Length > 0);
        evaluation.Findings.Where(f => f.RuleId.Length == 0 || f.Message.Length == 0 || string.IsNullOrEmpty(f.Source) || string.IsNullOrEmpty(f.Remediation))
            .Should().BeEmpty("every finding carries rule id, message, remediation and source");
        var worst = evaluation.Findings.Where(f => f.Severity != FindingSeverity.Info).Select(f => (int)f.Severity).DefaultIfEmpty((int)EvaluationOutcome.Clean).Min();
        ((int)evaluation.Outcome).Should().Be(worst, "the outcome is the worst severity among the findings");
        evaluation.Findings.Where(f => f.Line is not null && !read.Claim.Lines.Any(l => l.Line == f.Line && l.Code.Equals(f.Code, StringComparison.OrdinalIgnoreCase)))
            .Should().BeEmpty("line findings name the line and its code");
    }

    [Theory]
    [InlineData("medicare-tx-lumbar-facet.json", EvaluationOutcome.Clean, null)]
    [InlineData("commercial-ca-esi-no-auth.json", EvaluationOutcome.Review, "PA-PLAN-001")]
    [InlineData("medicare-fl-rfa-after-blocks.json", EvaluationOutcome.Review, "DX-SPOND-001")]
    [InlineData("medicare-fl-facet-clean.json", EvaluationOutcome.Clean, null)]
    [InlineData("medicare-fl-facet-denied.json", EvaluationOutcome.Deny, "FACET-IMAGING-001")]
    [InlineData("medicare-ca-rfa-clean.json", EvaluationOutcome.Clean, null)]
    [InlineData("medicare-ca-rfa-denied.json", EvaluationOutcome.Deny, "RFA-FREQ-001")]
    [InlineData("medicare-ny-tpi-clean.json", EvaluationOutcome.Clean, null)]
    [InlineData("medicare-ny-tpi-denied.json", EvaluationOutcome.Deny, "TPI-IMAGING-001")]
    [InlineData("medicare-il-pnb-clean.json", EvaluationOutcome.Clean, null)]
    [InlineData("medicare-il-pnb-denied.json", EvaluationOutcome.Deny, "PNB-LAT-001")]
    [InlineData("medicare-ca-scs-clean.json", EvaluationOutcome.Clean, null)]
    [InlineData("medicare-ca-scs-denied.json", EvaluationOutcome.Deny, "SCS-TRIAL-001")]
    [InlineData("medicare-tx-cpm-clean.json", EvaluationOutcome.Clean, null)]
    [InlineData("medicare-tx-cpm-denied.json", EvaluationOutcome.Deny, "CPM-FREQ-001")]
    [InlineData("medicare-tx-esi-clean.json", EvaluationOutcome.Clean, null)]
    [InlineData("medicare-tx-esi-denied.json", EvaluationOutcome.Reject, "ESI-BILAT-001")]
    public void Sample_claim_gets_the_expected_answer(string file, EvaluationOutcome outcome, string? ruleId)
    {
        var evaluation = TestRules.Evaluator.Evaluate(ClaimJson.Read(File.ReadAllText(Path.Combine(Repository.Samples, file))));

        evaluation.Outcome.Should().Be(outcome);
        if (ruleId is not null)
        {
            evaluation.Findings.Should().Contain(f => f.RuleId == ruleId);
        }
    }
}
