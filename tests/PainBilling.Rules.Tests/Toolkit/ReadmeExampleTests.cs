using System.Text.RegularExpressions;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.Toolkit;

/// <summary>The examples in rules-json/README.md are real: they load.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Anatomy_example_loads_as_a_rule_set()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.RulesJson, "README.md"));
        var section = readme[readme.IndexOf("## Anatomy of a rule set", StringComparison.Ordinal)..];
        var example = Regex.Match(section, "```json\\n(?<json>.*?)\\n```", RegexOptions.Singleline).Groups["json"].Value;
        example.Should().Contain("\"RuleName\": \"ESI-FREQ-001\"");

        using var folder = RulesFolderCopy.Create();
        File.WriteAllText(folder.Path("rule-sets/esi/medicare-esi-lcd.json"), example);
        var library = RuleLibrary.Load(RulesSource.FromFolder(folder.Root));

        library.RuleSets.Should().Contain(s => s.Id == "medicare-esi-lcd" && s.RuleCount == 1);
    }
}
