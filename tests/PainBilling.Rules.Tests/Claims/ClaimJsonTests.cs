using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Tests.Claims;

public sealed class ClaimJsonTests
{
    private const string Valid = """
        {"claimId":"C-1","payer":{"id":"MEDICARE","type":"Medicare"},"serviceState":"TX","placeOfService":"11",
         "patient":{"birthDate":"1951-02-03","sex":"F"},"diagnoses":["M54.16"],
         "lines":[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-03-10"}]}
        """;

    [Fact]
    public void Read_valid_claim_succeeds_and_defaults_units_to_one()
    {
        var read = ClaimJson.Read(Valid);

        read.Succeeded.Should().BeTrue();
        read.Claim!.Lines[0].Units.Should().Be(1);
        read.Claim.Payer.Type.Should().Be(PayerType.Medicare);
        read.ClaimId.Should().Be("C-1");
    }

    [Theory]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"62323","diagnosisPointers":[1]}]}""", "$.lines[0].serviceDate", "is required")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-02-30"}]}""", "$.lines[0].serviceDate", "a date (yyyy-MM-dd)")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"62323","modifer":["RT"],"diagnosisPointers":[1],"serviceDate":"2026-02-03"}]}""", "$.lines[0].modifer", "not a member")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicaree"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[]}""", "$.payer.type", "Medicare, MedicareAdvantage")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":[],"lines":[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-02-03"}]}""", "$.diagnoses", "1 to 12")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"]}""", "$.lines", "at least one")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":"one","code":"62323","diagnosisPointers":[1],"serviceDate":"2026-02-03"}]}""", "$.lines[0].line", "an integer")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-02-03"}],"clinical":{"imagingGuidance":"Xray"}}""", "$.clinical.imagingGuidance", "None, Fluoroscopy, CT, Ultrasound")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"64493","units":2147483647,"diagnosisPointers":[1],"serviceDate":"2026-02-03"}]}""", "$.lines[0].units", "out of range")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-02-03"}],"clinical":{"painDurationMonths":7.9e28}}""", "$.clinical.painDurationMonths", "out of range")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-02-03"}],"clinical":{"painScore":-3}}""", "$.clinical.painScore", "out of range")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"64493","diagnosisPointers":[1],"serviceDate":"2026-02-03","spinalLevels":[null,"L4-L5"]}]}""", "$.lines[0].spinalLevels", "empty or null")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"64493","diagnosisPointers":[1],"serviceDate":"2026-02-03","charge":-100}]}""", "$.lines[0].charge", "out of range")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"64493","units":1,"units":5,"diagnosisPointers":[1],"serviceDate":"2026-02-03"}]}""", "$.lines[0].units", "appears twice")]
    [InlineData("""{"claimId":"C-2","payer":{"id":"M","type":"Medicare"},"serviceState":"TX","placeOfService":"11","diagnoses":["M54.16"],"lines":[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-02-03"}],"history":[{"code":"62323","serviceDate":"2025-02-03","reliefPercent":150}]}""", "$.history[0].reliefPercent", "out of range")]
    public void Read_malformed_claim_names_the_json_path(string json, string path, string reason)
    {
        var read = ClaimJson.Read(json);

        read.Succeeded.Should().BeFalse();
        read.ClaimId.Should().Be("C-2", "the claim id is echoed whenever it can be read");
        read.Problems.Should().ContainSingle(p => p.Path == path)
            .Which.Reason.Should().Contain(reason);
    }

    [Fact]
    public void Read_truncated_json_still_echoes_the_claim_id()
    {
        var read = ClaimJson.Read("{\"claimId\":\"TRUNC-1\",\"payer\":{\"id\":\"M");

        read.Succeeded.Should().BeFalse();
        read.ClaimId.Should().Be("TRUNC-1");
    }

    [Fact]
    public void Read_invalid_json_gives_a_problem_without_claim_id()
    {
        var read = ClaimJson.Read("{\"lines\": [ }");

        read.Succeeded.Should().BeFalse();
        read.ClaimId.Should().BeEmpty();
        read.Problems.Should().ContainSingle().Which.Reason.Should().Contain("not valid JSON");
    }

    [Fact]
    public void Evaluate_unreadable_claim_is_a_reject_naming_the_path_not_an_exception()
    {
        var json = Valid.Replace("\"2026-03-10\"", "\"10/03/2026\"", StringComparison.Ordinal);

        var evaluation = TestRules.Evaluator.Evaluate(ClaimJson.Read(json));

        evaluation.Outcome.Should().Be(EvaluationOutcome.Reject);
        evaluation.ClaimId.Should().Be("C-1");
        evaluation.RuleSets.Should().BeEmpty("no rule set was applied to an unreadable claim");
        evaluation.Findings.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            RuleId = "CLAIM-READ-001",
            Category = FindingCategory.ClaimData,
            Severity = FindingSeverity.Reject,
            Carc = "16",
        });
        evaluation.Findings[0].Message.Should().Contain("$.lines[0].serviceDate");
    }

    [Fact]
    public void Evaluate_claim_built_in_code_with_missing_members_is_rejected_with_paths()
    {
        var claim = new Claim
        {
            ClaimId = "C-4",
            Payer = new Payer { Id = "MEDICARE", Type = PayerType.Medicare },
            ServiceState = "TX",
            PlaceOfService = "11",
            Diagnoses = ["M54.16"],
            Lines = [new ClaimLine { Line = 1, Code = "62323", DiagnosisPointers = null!, ServiceDate = default }],
        };

        var evaluation = TestRules.Evaluator.Evaluate(claim);

        evaluation.Outcome.Should().Be(EvaluationOutcome.Reject);
        evaluation.Findings.Select(f => f.Message).Should().Contain(m => m.Contains("$.lines[0].diagnosisPointers", StringComparison.Ordinal))
            .And.Contain(m => m.Contains("$.lines[0].serviceDate", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_patient_data_is_never_echoed()
    {
        var json = Valid.Replace("\"1951-02-03\"", "\"1951-02-31\"", StringComparison.Ordinal);

        var output = ClaimJson.Write(TestRules.Evaluator.Evaluate(ClaimJson.Read(json)));

        output.Should().Contain("$.patient.birthDate").And.NotContain("1951");
    }

    [Fact]
    public void Evaluation_json_uses_the_contract_names_and_omits_absent_members()
    {
        var evaluation = TestRules.Evaluator.Evaluate(ClaimJson.Read(Valid));

        var json = ClaimJson.Write(evaluation);

        json.Should().StartWith("{\"claimId\":\"C-1\",\"outcome\":");
        json.Should().Contain("\"ruleSets\":[{\"id\":").And.Contain("\"findings\":[");
        json.Should().NotContain("null").And.NotContain("1951-02-03");
    }
}
