using System.Text;
using System.Text.Json.Nodes;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Tests.Claims;

/// <summary>Hostile and implausible claims: reading never throws, and every problem is a Reject naming its JSON path.</summary>
public sealed class ClaimReadHardeningTests
{
    private const string Valid = """
        {"claimId":"H-1","payer":{"id":"MEDICARE","type":"Medicare"},"serviceState":"TX","placeOfService":"24",
         "patient":{"birthDate":"1951-02-03","sex":"F"},"diagnoses":["M54.16"],
         "lines":[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-03-10","spinalLevels":["L4-L5"]}]}
        """;

    [Theory]
    [InlineData("""{"claimId":"\ud800X","payer":{"id":"M","type":"Medicare"}}""", "$.claimId", "Unicode")]
    [InlineData("""{"claimId":"H-1","payer":{"id":"\udc00","type":"Medicare"}}""", "$.payer.id", "Unicode")]
    [InlineData("""{"claimId":"H-1","\ud800X":1}""", "$", "member name")]
    [InlineData("""{"claimId":"H-1","lines":[{"line":1},{"\ud800":2}]}""", "$.lines[1]", "member name")]
    public void Escaped_lone_surrogates_are_a_problem_naming_the_path(string json, string path, string reason)
    {
        var read = ClaimJson.Read(json);

        read.Succeeded.Should().BeFalse();
        read.Problems.Should().ContainSingle().Which.Should().Match<ClaimDataProblem>(p => p.Path == path && p.Reason.Contains(reason));
    }

    [Fact]
    public void A_raw_lone_surrogate_in_a_dotnet_string_names_the_claim_id()
    {
        var read = ClaimJson.Read(Valid.Replace("\"H-1\"", "\"\ud800X\"", StringComparison.Ordinal));

        read.Succeeded.Should().BeFalse();
        read.ClaimId.Should().BeEmpty();
        read.Problems.Should().ContainSingle().Which.Path.Should().Be("$.claimId");
    }

    [Fact]
    public void Invalid_utf8_through_the_byte_overload_names_the_path()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("62323", "6232#", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xC3; // a lead byte with no continuation

        var read = ClaimJson.Read(bytes);

        read.Succeeded.Should().BeFalse();
        read.ClaimId.Should().Be("H-1");
        read.Problems.Should().ContainSingle().Which.Path.Should().Be("$.lines[0].code");
    }

    [Fact]
    public void The_byte_overload_reads_a_valid_claim_with_a_byte_order_mark()
    {
        var read = ClaimJson.Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Valid)]);

        read.Succeeded.Should().BeTrue();
        read.Claim!.ClaimId.Should().Be("H-1");
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(9)]
    public void Deep_nesting_is_a_problem_not_a_stack_overflow(int depth)
    {
        var json = "{\"claimId\":\"H-1\",\"clinical\":{\"x\":" + new string('[', depth) + new string(']', depth) + "}}";

        var read = ClaimJson.Read(json);

        read.Succeeded.Should().BeFalse();
        read.ClaimId.Should().Be("H-1");
        read.Problems.Should().ContainSingle().Which.Should().Match<ClaimDataProblem>(p => p.Path.StartsWith("$.clinical.x", StringComparison.Ordinal) && p.Reason.Contains("deeper than 8"));
    }

    [Fact]
    public void A_claim_larger_than_one_mebibyte_is_answered_without_parsing()
    {
        var huge = Valid.Replace("\"H-1\"", "\"" + new string('A', 2_000_000) + "\"", StringComparison.Ordinal);

        ClaimJson.Read(huge).Problems.Should().ContainSingle().Which.Should().Match<ClaimDataProblem>(p => p.Path == "$" && p.Reason.Contains("1024 KiB"));
        ClaimJson.Read(Encoding.UTF8.GetBytes(huge)).Problems.Should().ContainSingle().Which.Path.Should().Be("$");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"claim\"")]
    [InlineData("{} {}")]
    [InlineData("{\"claimId\":\"H-1\"")]
    [InlineData("\u0000")]
    public void Degenerate_input_is_a_problem_not_an_exception(string json)
    {
        var read = ClaimJson.Read(json);

        read.Succeeded.Should().BeFalse();
        read.Problems.Should().NotBeEmpty().And.OnlyContain(p => p.Path.StartsWith('$'));
    }

    [Fact]
    public void A_null_string_is_a_problem_not_an_exception()
        => ClaimJson.Read((string)null!).Problems.Should().ContainSingle().Which.Path.Should().Be("$");

    [Theory]
    [InlineData("1026-03-10")]
    [InlineData("0001-01-02")]
    [InlineData("2015-09-30")]
    public void A_date_of_service_before_icd10_is_a_reject_naming_the_path(string date)
    {
        var evaluation = TestRules.Evaluator.Evaluate(ClaimJson.Read(Valid.Replace("2026-03-10", date, StringComparison.Ordinal)));

        evaluation.Outcome.Should().Be(EvaluationOutcome.Reject);
        evaluation.Findings.Should().ContainSingle().Which.Message.Should().Contain("$.lines[0].serviceDate").And.Contain("ICD-10-CM");
    }

    [Fact]
    public void The_first_day_of_icd10_is_read()
        => ClaimJson.Read(Valid.Replace("2026-03-10", "2015-10-01", StringComparison.Ordinal)).Succeeded.Should().BeTrue();

    [Theory]
    [InlineData("lines", """[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"2025-03-09"},{"line":2,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-03-10"}]""", "$.lines[1].serviceDate")]
    [InlineData("history", """[{"code":"62323","serviceDate":"2026-03-11"}]""", "$.history[0].serviceDate")]
    [InlineData("history", """[{"code":"62323","serviceDate":"2010-01-01"}]""", "$.history[0].serviceDate")]
    [InlineData("priorAuthorizations", """[{"number":"PA","codes":["62323"],"validFrom":"1999-01-01"}]""", "$.priorAuthorizations[0].validFrom")]
    [InlineData("patient", """{"birthDate":"2027-01-01"}""", "$.patient.birthDate")]
    [InlineData("patient", """{"birthDate":"1026-01-01"}""", "$.patient.birthDate")]
    public void Dates_implausible_relative_to_the_claim_are_a_problem_naming_the_path(string member, string value, string path)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json[member] = JsonNode.Parse(value);

        var read = ClaimJson.Read(json.ToJsonString());

        read.Succeeded.Should().BeFalse();
        read.Problems.Should().ContainSingle().Which.Path.Should().Be(path);
        read.Problems[0].Reason.Should().NotContain("2027").And.NotContain("1026", "no value is echoed");
    }

    [Fact]
    public void A_history_service_on_the_date_of_service_and_a_year_long_span_are_plausible()
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["history"] = JsonNode.Parse("""[{"code":"62323","serviceDate":"2026-03-10"}]""");
        json["lines"] = JsonNode.Parse("""[{"line":1,"code":"62323","diagnosisPointers":[1],"serviceDate":"2025-03-10"},{"line":2,"code":"62323","diagnosisPointers":[1],"serviceDate":"2026-03-10"}]""");

        ClaimJson.Read(json.ToJsonString()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void With_a_host_clock_a_future_date_of_service_is_a_reject_and_today_is_not()
    {
        var evaluator = new ClaimEvaluator(TestRules.Library, new ClaimEvaluatorOptions { Clock = new FixedClock(new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero)) });
        var claim = ClaimJson.Read(Valid).Claim!;

        var future = evaluator.Evaluate(claim);
        var today = evaluator.Evaluate(claim with { Lines = [claim.Lines[0] with { ServiceDate = new DateOnly(2026, 3, 9) }] });

        future.Outcome.Should().Be(EvaluationOutcome.Reject);
        future.Findings.Should().ContainSingle().Which.Message.Should().Contain("$.lines[0].serviceDate").And.Contain("future");
        today.Outcome.Should().NotBe(EvaluationOutcome.Reject, "a day's tolerance covers time zones");
    }

    [Fact]
    public void An_explicit_horizon_wins_over_the_clock()
    {
        var options = new ClaimEvaluatorOptions { Clock = new FixedClock(DateTimeOffset.UnixEpoch), LatestServiceDate = new DateOnly(2026, 3, 10) };

        new ClaimEvaluator(TestRules.Library, options).Evaluate(ClaimJson.Read(Valid)).Outcome.Should().NotBe(EvaluationOutcome.Reject);
        new ClaimEvaluator(TestRules.Library, new ClaimEvaluatorOptions { Clock = options.Clock, LatestServiceDate = new DateOnly(2026, 3, 9) }).Evaluate(ClaimJson.Read(Valid)).Outcome.Should().Be(EvaluationOutcome.Reject);
    }

    [Theory]
    [InlineData("M54..16")]
    [InlineData(".M5116")]
    [InlineData("M54.")]
    [InlineData("M5.416")]
    [InlineData(" M54.16")]
    [InlineData("M54.16\u00A0")]
    [InlineData("M54.1\u0336")]
    public void A_diagnosis_is_validated_as_sent_before_it_is_normalised(string diagnosis)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["diagnoses"] = new JsonArray(diagnosis);

        var read = ClaimJson.Read(json.ToJsonString());

        read.Problems.Should().ContainSingle().Which.Path.Should().Be("$.diagnoses[0]");
    }

    [Theory]
    [InlineData("m5416")]
    [InlineData("M54.16")]
    [InlineData("724.4")]
    public void Diagnoses_with_at_most_one_dot_after_the_third_character_are_read(string diagnosis)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["diagnoses"] = new JsonArray(diagnosis);

        ClaimJson.Read(json.ToJsonString()).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("\u00A0TX")]
    [InlineData("T X")]
    [InlineData("TEX")]
    [InlineData("T1")]
    [InlineData("\u0131L")] // dotless i upper-cases to "IL"
    public void A_service_state_is_validated_as_sent(string state)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["serviceState"] = state;

        ClaimJson.Read(json.ToJsonString()).Problems.Should().ContainSingle().Which.Path.Should().Be("$.serviceState");
    }

    [Theory]
    [InlineData("lines", 51, "$.lines")]
    [InlineData("diagnoses", 13, "$.diagnoses")]
    [InlineData("modifiers", 5, "$.lines[0].modifiers")]
    [InlineData("diagnosisPointers", 5, "$.lines[0].diagnosisPointers")]
    [InlineData("spinalLevels", 25, "$.lines[0].spinalLevels")]
    [InlineData("history", 101, "$.history")]
    [InlineData("priorAuthorizations", 21, "$.priorAuthorizations")]
    [InlineData("codes", 51, "$.priorAuthorizations[0].codes")]
    public void A_list_longer_than_its_limit_is_a_problem_naming_the_path(string member, int count, string path)
    {
        var read = ClaimJson.Read(WithList(member, count));

        read.Succeeded.Should().BeFalse();
        read.Problems.Should().Contain(p => p.Path == path && p.Reason.Contains("at most"));
    }

    [Theory]
    [InlineData("lines", 50)]
    [InlineData("diagnoses", 12)]
    [InlineData("modifiers", 4)]
    [InlineData("diagnosisPointers", 4)]
    [InlineData("spinalLevels", 24)]
    [InlineData("history", 100)]
    [InlineData("priorAuthorizations", 20)]
    [InlineData("codes", 50)]
    public void A_list_at_its_limit_is_read(string member, int count)
        => ClaimJson.Read(WithList(member, count)).Problems.Should().BeEmpty();

    [Theory]
    [InlineData("$.claimId", 38)]
    [InlineData("$.payer.id", 80)]
    [InlineData("$.payer.name", 60)]
    [InlineData("$.lines[0].code", 48)]
    [InlineData("$.lines[0].modifiers[0]", 48)]
    [InlineData("$.lines[0].spinalLevels[0]", 48)]
    [InlineData("$.diagnoses[0]", 30)]
    [InlineData("$.placeOfService", 48)]
    [InlineData("$.priorAuthorizations[0].number", 50)]
    [InlineData("$.priorAuthorizations[0].codes[0]", 48)]
    [InlineData("$.history[0].code", 48)]
    public void A_string_longer_than_its_limit_is_a_problem_naming_the_path_and_at_the_limit_is_read(string path, int max)
    {
        ClaimJson.Read(WithString(path, max)).Problems.Where(p => p.Path == path).Should().BeEmpty();

        var read = ClaimJson.Read(WithString(path, max + 1));

        read.Problems.Should().ContainSingle().Which.Should().Match<ClaimDataProblem>(p => p.Path == path && p.Reason.Contains("longer than"));
        read.ClaimId.Should().HaveLength(path == "$.claimId" ? 0 : 3, "an over-long claim id is not echoed");
    }

    [Theory]
    [InlineData("$.claimId", "H\u001b[31m1")]
    [InlineData("$.payer.id", "MEDI\u202ECARE")]
    [InlineData("$.lines[0].code", "6232\u001b")]
    [InlineData("$.lines[0].code", "6232３")]
    public void Control_and_invisible_characters_are_a_problem_naming_the_path(string path, string value)
    {
        var read = ClaimJson.Read(WithString(path, 0, value));

        read.Problems.Should().ContainSingle().Which.Path.Should().Be(path);
        read.ClaimId.Should().NotContain("\u001b");
    }

    [Fact]
    public void Every_limit_is_documented_in_the_readme_contract_section()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var contract = readme[readme.IndexOf("## The claim contract", StringComparison.Ordinal)..];
        contract = contract[..contract.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var limits = typeof(ClaimLimits).GetFields().Where(f => f.IsLiteral || f.IsInitOnly).ToList();

        limits.Should().HaveCountGreaterThan(15);
        foreach (var limit in limits)
        {
            var value = limit.GetValue(null) switch
            {
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                int i when limit.Name == nameof(ClaimLimits.MaxJsonBytes) => (i / 1024 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) + " MiB",
                var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            };
            contract.Should().Contain($"`{limit.Name}`", "each limit is named in the README").And.Contain(value!);
        }
    }

    private static string WithList(string member, int count)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["priorAuthorizations"] = JsonNode.Parse("""[{"number":"PA","codes":["62323"],"validFrom":"2026-01-01"}]""");
        var line = json["lines"]![0]!.AsObject();
        switch (member)
        {
            case "lines":
                json["lines"] = new JsonArray(Enumerable.Range(1, count).Select(i => (JsonNode)JsonNode.Parse(line.ToJsonString().Replace("\"line\":1", $"\"line\":{i}", StringComparison.Ordinal))!).ToArray());
                break;
            case "diagnoses":
                json["diagnoses"] = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)"M54.16").ToArray());
                break;
            case "modifiers":
                line["modifiers"] = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)"RT").ToArray());
                break;
            case "diagnosisPointers":
                line["diagnosisPointers"] = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)1).ToArray());
                break;
            case "spinalLevels":
                line["spinalLevels"] = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)"L4-L5").ToArray());
                break;
            case "history":
                json["history"] = new JsonArray(Enumerable.Range(0, count).Select(_ => JsonNode.Parse("""{"code":"62323","serviceDate":"2025-03-10"}""")).ToArray());
                break;
            case "priorAuthorizations":
                json["priorAuthorizations"] = new JsonArray(Enumerable.Range(0, count).Select(_ => JsonNode.Parse("""{"number":"PA","codes":["62323"]}""")).ToArray());
                break;
            case "codes":
                json["priorAuthorizations"]![0]!["codes"] = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)"62323").ToArray());
                break;
        }

        return json.ToJsonString();
    }

    private static string WithString(string path, int length, string? value = null)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        json["priorAuthorizations"] = JsonNode.Parse("""[{"number":"PA","codes":["62323"],"validFrom":"2026-01-01"}]""");
        json["history"] = JsonNode.Parse("""[{"code":"62323","serviceDate":"2025-03-10"}]""");
        json["lines"]![0]!["modifiers"] = new JsonArray("RT");
        value ??= new string('A', length);
        var segments = path[2..].Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.');
        JsonNode node = json;
        foreach (var segment in segments[..^1])
        {
            node = int.TryParse(segment, out var index) ? node[index]! : node[segment]!;
        }

        if (int.TryParse(segments[^1], out var last))
        {
            node[last] = value;
        }
        else
        {
            node[segments[^1]] = value;
        }

        return json.ToJsonString();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
