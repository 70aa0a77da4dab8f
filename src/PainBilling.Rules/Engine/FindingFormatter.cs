using System.Collections;
using System.Globalization;
using PainBilling.Rules.Expressions;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Engine;

/// <summary>Fills <c>{name}</c> placeholders in rule texts with codes, dates, counts and limits (never patient data).</summary>
internal static class FindingFormatter
{
    public static string Format(string template, IReadOnlyDictionary<string, object?> values)
        => RuleSetLoader.Placeholder().Replace(template, m => values.TryGetValue(m.Groups["name"].Value, out var value) ? Render(value) : m.Value);

    public static Dictionary<string, object?> BuiltIns(ClaimView claim, LineView? line, string ruleSet) => new(StringComparer.Ordinal)
    {
        ["line"] = line?.Line,
        ["code"] = line?.Code,
        ["units"] = line?.Units,
        ["serviceDate"] = line?.ServiceDate,
        ["modifiers"] = line?.Modifiers,
        ["state"] = claim.ServiceState,
        ["placeOfService"] = claim.PlaceOfService,
        ["payerType"] = claim.Payer.Type,
        ["payerId"] = claim.Payer.Id,
        ["ruleSet"] = ruleSet,
    };

    public static string Render(object? value) => value switch
    {
        null => "none",
        string s => s.Length == 0 ? "none" : s,
        bool b => b ? "yes" : "no",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        double x => x.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => Join(e),
        _ => value.ToString() ?? "none",
    };

    private static string Join(IEnumerable items)
    {
        var parts = items.Cast<object?>().Select(Render).ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
