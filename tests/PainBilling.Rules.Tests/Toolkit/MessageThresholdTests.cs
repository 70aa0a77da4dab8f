using System.Text.RegularExpressions;

namespace PainBilling.Rules.Tests.Toolkit;

/// <summary>Messages and remediations quote thresholds through params ({maxSessions}), never as words ("fifth", "at most 4").</summary>
public sealed partial class MessageThresholdTests
{
    // Structural facts of a code format, not policy thresholds a new version could change.
    private static readonly HashSet<string> Exempt = new(StringComparer.Ordinal) { "CD-DX-001" };

    [Fact]
    public void No_message_or_remediation_writes_a_threshold_as_a_number_or_an_ordinal()
    {
        var offenders = TestRules.Library.Loaded.RuleSets
            .SelectMany(s => s.Rules.Select(r => (Set: s.Key, Rule: r)))
            .Where(x => !Exempt.Contains(x.Rule.RuleId))
            .SelectMany(x => new[] { ("Message", x.Rule.Message), ("Remediation", x.Rule.Remediation) }
                .Where(f => HardCodedThreshold().IsMatch(f.Item2))
                .Select(f => $"{x.Set} {x.Rule.RuleId} {f.Item1}: '{HardCodedThreshold().Match(f.Item2).Value}'"))
            .ToList();

        offenders.Should().BeEmpty("a threshold belongs in LocalParams and the text quotes it as {param}, so a new version changes one number");
    }

    [GeneratedRegex(@"\b(at most|at least|no more than|more than|fewer than|less than|minimum of|maximum of|up to|once per|exceeds?)\s+(\d+|one|two|three|four|five|six|twelve)\b|\b(second|third|fourth|fifth|sixth)\s+(\w+\s+)?(session|block|injection|RFA|TPI|ablation|trial|lead)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HardCodedThreshold();
}
