using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Tests.Embedding;

/// <summary>The README's embedding snippets, compiled and run; a test keeps README.md and the compiled code identical.</summary>
[Collection("Console")]
public sealed partial class ReadmeSnippetTests
{
    [Fact]
    public async Task Configuration_snippet_runs_a_batch_through_a_started_host()
    {
        string[] args = ["--PainBillingRules:RulesFolder=" + Repository.RulesJson, "--PainBillingRules:EvaluationBudget=00:00:05"];
        var claims = Directory.EnumerateFiles(Repository.Samples, "*.json").Order(StringComparer.Ordinal)
            .Select(f => ClaimJson.Read(File.ReadAllText(f)).Claim!).ToAsyncEnumerable();
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            await ConfigurationSnippet(args, claims, CancellationToken.None);
        }
        finally
        {
            Console.SetOut(console);
        }

        output.ToString().Should().Contain("SAMPLE-ESI-DENIED: Reject").And.Contain("SAMPLE-TPI-CLEAN:");
    }

    [Fact]
    public void The_readme_settings_bind_without_an_unknown_key()
    {
        var json = ReadmeBlocks("json").Single();
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        var options = configuration.GetSection("PainBillingRules").Get<ClaimEvaluatorOptions>(o => o.ErrorOnUnknownConfiguration = true)!;

        options.RulesFolder.Should().EndWith("rules-json");
        options.ReloadOnChange.Should().BeTrue();
        options.EvaluationBudget.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Every_csharp_block_of_the_embedding_section_is_compiled_by_a_test()
    {
        var compiled = Directory.EnumerateFiles(Path.Combine(Repository.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Snippets(File.ReadAllLines(f)))
            .ToList();
        var blocks = ReadmeBlocks("csharp");

        blocks.Should().HaveCountGreaterThanOrEqualTo(3);
        foreach (var block in blocks)
        {
            compiled.Should().Contain(block, "every C# block of README's 'Embed it' section is compiled by a test between begin-snippet/end-snippet markers");
        }
    }

    private static async Task ConfigurationSnippet(string[] args, IAsyncEnumerable<Claim> claims, CancellationToken cancellationToken)
    {
        // begin-snippet: configuration
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddPainBillingRules(builder.Configuration.GetSection("PainBillingRules"));
        builder.Services.AddHealthChecks().AddPainBillingRules();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken); // validates the options, then loads and warms up the rules

        var evaluator = host.Services.GetRequiredService<IClaimEvaluator>();
        await foreach (var evaluation in evaluator.EvaluateManyAsync(claims, maxDegreeOfParallelism: 4, cancellationToken))
        {
            Console.WriteLine($"{evaluation.ClaimId}: {evaluation.Outcome}");
        }
        // end-snippet
        await host.StopAsync(cancellationToken);
        _ = typeof(ClaimEvaluation);
    }

    /// <summary>The fenced blocks of one language in README's "Embed it" section, as text.</summary>
    private static List<string> ReadmeBlocks(string language)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf("\n## Embed it\n", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..end];
        return Fence().Matches(section).Where(m => m.Groups["lang"].Value == language).Select(m => m.Groups["body"].Value.TrimEnd('\n')).ToList();
    }

    /// <summary>The code between <c>// begin-snippet: NAME</c> and <c>// end-snippet</c>, without its common indentation.</summary>
    internal static IEnumerable<string> Snippets(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].Trim().StartsWith("// begin-snippet:", StringComparison.Ordinal))
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "// end-snippet");
            var body = lines[(i + 1)..end];
            var indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            yield return string.Join("\n", body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
            i = end;
        }
    }

    [GeneratedRegex("```(?<lang>[a-z]+)\\n(?<body>.*?)```", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Fence();
}
