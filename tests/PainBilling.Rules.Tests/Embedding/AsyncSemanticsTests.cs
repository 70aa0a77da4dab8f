using System.Text;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.Embedding;

/// <summary>Cancellation, null handling and the UTF-8 and stream overloads of IClaimEvaluator.</summary>
public sealed class AsyncSemanticsTests
{
    private static readonly string SampleJson = File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json"));

    [Fact]
    public async Task A_cancelled_token_gives_a_cancelled_task_from_every_member_never_a_synchronous_throw()
    {
        IClaimEvaluator evaluator = TestRules.Evaluator;
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var claim = ClaimJson.Read(SampleJson).Claim!;

        Task<ClaimEvaluation>[] tasks =
        [
            evaluator.EvaluateAsync(claim, cts.Token),
            evaluator.EvaluateJsonAsync(SampleJson, cts.Token),
            evaluator.EvaluateJsonAsync(Encoding.UTF8.GetBytes(SampleJson).AsMemory(), cts.Token),
            evaluator.EvaluateJsonAsync(new MemoryStream(Encoding.UTF8.GetBytes(SampleJson)), cts.Token),
        ];

        foreach (var task in tasks)
        {
            await task.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
            task.IsCanceled.Should().BeTrue();
        }
    }

    [Fact]
    public async Task Null_claim_null_json_and_null_stream_are_answered_alike_with_a_reject_at_the_root()
    {
        IClaimEvaluator evaluator = TestRules.Evaluator;

        ClaimEvaluation[] evaluations =
        [
            await evaluator.EvaluateAsync(null!),
            await evaluator.EvaluateJsonAsync((string)null!),
            await evaluator.EvaluateJsonAsync((Stream)null!),
            await evaluator.EvaluateJsonAsync("null"),
        ];

        foreach (var evaluation in evaluations)
        {
            evaluation.Outcome.Should().Be(EvaluationOutcome.Reject);
            evaluation.ClaimId.Should().BeEmpty();
            evaluation.Findings.Should().ContainSingle().Which.Message.Should().Contain("$");
        }

        evaluations.Select(e => e.Findings[0].Message).Take(3).Distinct().Should().ContainSingle("a missing claim is one answer whatever the overload");
    }

    [Fact]
    public async Task A_rule_failure_faults_the_task_instead_of_throwing_synchronously()
    {
        using var rules = RulesFolderCopy.Create();
        rules.MakeUnitsRuleThrowOn64999();
        var evaluator = new ClaimEvaluator(RuleLibrary.Load(RulesSource.FromFolder(rules.Root)));
        var claim = ClaimJson.Read(SampleJson).Claim!;
        claim = claim with { Lines = [.. claim.Lines, claim.Lines[0] with { Line = 9, Code = "64999" }] };

        var task = evaluator.EvaluateAsync(claim);

        task.IsFaulted.Should().BeTrue();
        await task.Invoking(t => t).Should().ThrowAsync<RuleEvaluationException>();
    }

    [Theory]
    [InlineData("medicare-tx-esi-denied.json")]
    [InlineData("medicare-ny-tpi-clean.json")]
    [InlineData("medicare-ca-scs-denied.json")]
    public async Task Utf8_and_stream_overloads_answer_exactly_as_the_string_overload(string sample)
    {
        IClaimEvaluator evaluator = TestRules.Evaluator;
        var json = await File.ReadAllTextAsync(Path.Combine(Repository.Samples, sample));
        var bytes = Encoding.UTF8.GetBytes(json);
        var expected = ClaimJson.Write(await evaluator.EvaluateJsonAsync(json));

        ClaimJson.Write(await evaluator.EvaluateJsonAsync(bytes.AsMemory())).Should().Be(expected);
        ClaimJson.Write(await evaluator.EvaluateJsonAsync(new MemoryStream([0xEF, 0xBB, 0xBF, .. bytes]))).Should().Be(expected);
        ClaimJson.Write(await evaluator.EvaluateJsonAsync(new SlowStream(bytes))).Should().Be(expected);
    }

    [Fact]
    public async Task Invalid_utf8_and_an_oversized_stream_are_rejects()
    {
        IClaimEvaluator evaluator = TestRules.Evaluator;
        byte[] invalid = [.. Encoding.UTF8.GetBytes("{\"claimId\":\"X"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];

        (await evaluator.EvaluateJsonAsync(invalid.AsMemory())).Outcome.Should().Be(EvaluationOutcome.Reject);
        (await evaluator.EvaluateJsonAsync(new MemoryStream(invalid))).Outcome.Should().Be(EvaluationOutcome.Reject);
        var huge = new MemoryStream(new byte[ClaimEvaluator.MaxStreamBytes + 10]);
        var evaluation = await evaluator.EvaluateJsonAsync(huge);
        evaluation.Outcome.Should().Be(EvaluationOutcome.Reject);
        evaluation.Findings.Should().ContainSingle().Which.Message.Should().Contain("KiB");
    }

    [Fact]
    public async Task The_reloading_evaluator_reads_utf8_and_streams_through_the_current_evaluator()
    {
        using var rules = RulesFolderCopy.Create();
        using var reloading = new ReloadingClaimEvaluator(rules.Root);
        IClaimEvaluator evaluator = reloading;
        var expected = ClaimJson.Write(await evaluator.EvaluateJsonAsync(SampleJson));

        ClaimJson.Write(await evaluator.EvaluateJsonAsync(Encoding.UTF8.GetBytes(SampleJson).AsMemory())).Should().Be(expected);
        ClaimJson.Write(await evaluator.EvaluateJsonAsync(new MemoryStream(Encoding.UTF8.GetBytes(SampleJson)))).Should().Be(expected);
        var huge = await evaluator.EvaluateJsonAsync(new MemoryStream(new byte[ClaimEvaluator.MaxStreamBytes + 10]));
        huge.Findings.Should().ContainSingle().Which.Message.Should().Contain("KiB", "the stream is read with the evaluator's size limit");
    }

    /// <summary>Hands out a few bytes per read, as a network stream does.</summary>
    private sealed class SlowStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], cancellationToken);
    }
}
