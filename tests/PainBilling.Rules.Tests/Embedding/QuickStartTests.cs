using Microsoft.Extensions.DependencyInjection;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Tests.Embedding;

/// <summary>The README's quick start, compiled and run; a test keeps README.md and this code identical.</summary>
[Collection("Console")]
public sealed class QuickStartTests
{
    [Fact]
    public async Task Quick_start_runs_and_answers_the_sample()
    {
        var claimJson = await File.ReadAllTextAsync(Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json"));
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        ClaimEvaluation evaluation;
        try
        {
            evaluation = await QuickStart(claimJson, CancellationToken.None);
        }
        finally
        {
            Console.SetOut(console);
        }

        evaluation.Outcome.Should().Be(EvaluationOutcome.Reject);
        output.ToString().Should().Contain("ESI-BILAT-001");
    }

    private static async Task<ClaimEvaluation> QuickStart(string claimJson, CancellationToken cancellationToken)
    {
        // begin-snippet: quickstart
        var services = new ServiceCollection();
        services.AddPainBillingRules(); // shipped rules; or o => o.UseRulesFolder("rules-json")
        using var provider = services.BuildServiceProvider();
        var evaluator = provider.GetRequiredService<IClaimEvaluator>();

        var claim = ClaimJson.Read(claimJson).Claim!; // or build a Claim in code
        var evaluation = await evaluator.EvaluateAsync(claim, cancellationToken);
        foreach (var finding in evaluation.Findings)
        {
            Console.WriteLine($"{finding.Line} {finding.Code} {finding.Severity} {finding.RuleId}: {finding.Message}");
        }
        // end-snippet
        return evaluation;
    }

    [Fact]
    public void Readme_shows_the_quick_start_exactly_as_compiled()
    {
        var source = File.ReadAllLines(Path.Combine(Repository.Root, "tests", "PainBilling.Rules.Tests", "Embedding", "QuickStartTests.cs"));
        var start = Array.FindIndex(source, l => l.Trim() == "// begin-snippet: quickstart") + 1;
        var end = Array.FindIndex(source, l => l.Trim() == "// end-snippet");
        var indent = source[start].Length - source[start].TrimStart().Length;
        var snippet = source[start..end].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()).ToArray();

        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        snippet.Length.Should().BeLessThanOrEqualTo(15, "the quick start is at most 15 lines");
        readme.Should().Contain(string.Join("\n", snippet));
    }

    [Fact]
    public void AddPainBillingRules_registers_one_thread_safe_singleton_and_is_idempotent()
    {
        var services = new ServiceCollection();
        services.AddPainBillingRules();
        services.AddPainBillingRules();
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<IClaimEvaluator>();
        var second = provider.GetRequiredService<IClaimEvaluator>();

        first.Should().BeSameAs(second);
        services.Count(d => d.ServiceType == typeof(IClaimEvaluator)).Should().Be(1);
        services.Single(d => d.ServiceType == typeof(IClaimEvaluator)).Lifetime.Should().Be(ServiceLifetime.Singleton);
    }

    [Fact]
    public void AddPainBillingRules_can_read_rules_from_a_folder()
    {
        using var folder = RulesFolderCopy.Create();
        var services = new ServiceCollection();
        services.AddPainBillingRules(o => o.UseRulesFolder(folder.Root));
        using var provider = services.BuildServiceProvider();

        var library = provider.GetRequiredService<RuleLibrary>();

        library.Source.Description.Should().Be(Path.GetFullPath(folder.Root));
        library.Rules.Should().NotBeEmpty();
    }

    [Fact]
    public async Task EvaluateJsonAsync_rejects_unreadable_json_with_the_path()
    {
        var evaluator = TestRules.Evaluator;

        var evaluation = await evaluator.EvaluateJsonAsync("""{"claimId":"J-1","payer":{"id":"M","type":"Medicare"}}""");

        evaluation.ClaimId.Should().Be("J-1");
        evaluation.Outcome.Should().Be(EvaluationOutcome.Reject);
        evaluation.Findings.Should().Contain(f => f.Message.Contains("$.lines", StringComparison.Ordinal));
    }
}
