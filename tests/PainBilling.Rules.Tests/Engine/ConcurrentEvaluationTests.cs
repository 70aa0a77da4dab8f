using FluentAssertions;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Engine;
using PainBilling.Rules.RuleSets;
using Xunit;

namespace PainBilling.Rules.Tests.Engine;

/// <summary>
/// The compiled path keeps per-thread working state (collections, a message builder, the last pattern match): evaluated
/// from many threads at once, with cancelled evaluations in between on the same threads, every claim must still get
/// exactly the answer RulesEngine's standard path gives one claim at a time.
/// </summary>
public sealed class ConcurrentEvaluationTests
{
    private static readonly ClaimEvaluator Fast = new(TestRules.Library, EvaluationPath.Compiled);
    private static readonly ClaimEvaluator Standard = new(TestRules.Library, EvaluationPath.RulesEngine);

    private static string Answer(ClaimEvaluator evaluator, string json, CancellationToken ct = default)
    {
        try { return ClaimJson.Write(evaluator.Evaluate(ClaimJson.Read(json), ct)); }
        catch (RuleEvaluationException ex) { return $"error {ex.RuleId} line {ex.Line}"; }
    }

    [Fact]
    public void Claims_evaluated_in_parallel_get_the_answers_of_one_at_a_time()
    {
        var jsons = VariedClaims.Generate(4000).Select(ClaimJson.Write).ToArray();
        var expected = jsons.Select(j => Answer(Standard, j)).ToArray();
        var actual = new string[jsons.Length];
        var rnd = new ThreadLocal<Random>(() => new Random(Environment.CurrentManagedThreadId));
        Parallel.For(0, jsons.Length * 3, new ParallelOptions { MaxDegreeOfParallelism = 16 }, k =>
        {
            var i = k % jsons.Length;
            // interleave cancelled evaluations on the same threads
            if (rnd.Value!.Next(5) == 0)
            {
                using var cts = new CancellationTokenSource();
                cts.Cancel();
                try { Fast.Evaluate(ClaimJson.Read(jsons[i]), cts.Token); } catch (OperationCanceledException) { }
            }
            actual[i] = Answer(Fast, jsons[i]);
        });
        var diffs = Enumerable.Range(0, jsons.Length).Where(i => actual[i] != expected[i]).Take(3).Select(i => $"{expected[i]}\n{actual[i]}").ToList();
        diffs.Should().BeEmpty(string.Join("\n---\n", diffs));
    }
}

/// <summary>
/// Values appended into a finding text read exactly as the rendering rules say (<see cref="Reference"/>: the rules as
/// they were written before rendering went straight into the builder).
/// </summary>
public sealed class AppendRenderedTests
{
    [Fact]
    public void Appended_values_read_as_rendered_values()
    {
        var rnd = new Random(7);
        var chars = new[] { 'a', 'Z', '1', ' ', '\u0007', '\u200B', '\uD83D', '\uDE00', '\u2028', 'é', '{', '}' };
        string S() { var n = rnd.Next(0, 80); var c = new char[n]; for (var i = 0; i < n; i++) c[i] = chars[rnd.Next(chars.Length)]; return new string(c); }
        var values = new List<object?> { null, true, false, 0, -5, int.MinValue, 1.005m, -0.0, double.MaxValue, double.NaN, 12.345, decimal.MaxValue,
            DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(5, 1, 2), 'x', 5L, new TrustedText("t\u0007") };
        for (var i = 0; i < 2000; i++) values.Add(S());
        for (var i = 0; i < 200; i++) values.Add(Enumerable.Range(0, rnd.Next(0, 16)).Select(_ => (object?)(rnd.Next(3) == 0 ? null : S())).ToList());
        values.Add(new List<object?> { new List<string> { "a", "b" }, 3, new DateOnly(2026, 1, 1) });
        var bad = new List<string>();
        foreach (var v in values)
        {
            var sb = new System.Text.StringBuilder();
            FindingFormatter.AppendRendered(sb, v);
            var r = Reference(v);
            if (sb.ToString() != r || FindingFormatter.Render(v) != r) bad.Add($"{v}: [{sb}] vs [{r}]");
        }
        bad.Should().BeEmpty(string.Join("\n", bad.Take(5)));
    }

    private static string Reference(object? value) => value switch
    {
        null => "none",
        TrustedText t => t.Text,
        string s => s.Length == 0 ? "none" : FindingFormatter.Echo(s),
        bool b => b ? "yes" : "no",
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        double x => x.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => Join(e),
        _ => FindingFormatter.Echo(value.ToString() ?? "none"),
    };

    private static string Join(System.Collections.IEnumerable items)
    {
        var parts = items.Cast<object?>().Take(FindingFormatter.MaxEchoItems + 1).Select(Reference).ToList();
        if (parts.Count > FindingFormatter.MaxEchoItems)
        {
            parts[FindingFormatter.MaxEchoItems] = "\u2026";
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
