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

    /// <summary>
    /// Fills a fired rule's text: its parameter values first (as captured when it fired), then the built-in placeholders;
    /// an unknown name stays as written. Same result as <see cref="Format(string, IReadOnlyDictionary{string, object?})"/>
    /// over <see cref="BuiltIns"/> overlaid with the values, without building either dictionary or running a regex.
    /// </summary>
    public static string Format(string template, ClaimView claim, LineView line, string ruleSet, IReadOnlyDictionary<string, object> values)
    {
        var open = template.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return template;
        }

        var text = t_builder ?? new System.Text.StringBuilder(256);
        t_builder = null;
        text.Clear();
        var copied = 0;
        while (open >= 0)
        {
            var end = open + 1;
            if (end < template.Length && char.IsAsciiLetter(template[end]))
            {
                end++;
                while (end < template.Length && char.IsAsciiLetterOrDigit(template[end]))
                {
                    end++;
                }

                if (end < template.Length && template[end] == '}')
                {
                    if (Resolve(template.AsSpan(open + 1, end - open - 1), claim, line, ruleSet, values, out var value))
                    {
                        AppendRendered(text.Append(template, copied, open - copied), value);
                        copied = end + 1;
                    }

                    open = template.IndexOf('{', end + 1);
                    continue;
                }
            }

            open = template.IndexOf('{', open + 1);
        }

        var formatted = text.Append(template, copied, template.Length - copied).ToString();
        if (text.Capacity <= 4096)
        {
            t_builder = text;
        }

        return formatted;
    }

    // One builder per thread for Format (taken while in use), so a message costs only its own string.
    [ThreadStatic]
    private static System.Text.StringBuilder? t_builder;

    private static bool Resolve(ReadOnlySpan<char> name, ClaimView claim, LineView line, string ruleSet, IReadOnlyDictionary<string, object> values, out object? value)
    {
        if (name is not ("claim" or "line" or "data") && Captured(values, name, out var captured))
        {
            value = captured;
            return true;
        }

        value = name switch
        {
            "line" => line.Line,
            "code" => line.Code,
            "units" => line.Units,
            "serviceDate" => line.ServiceDate,
            "modifiers" => line.Modifiers,
            "state" => claim.ServiceState,
            "placeOfService" => claim.PlaceOfService,
            "payerType" => claim.Payer.Type,
            "payerId" => claim.Payer.Id,
            "ruleSet" => ruleSet,
            _ => null,
        };
        return name is "line" or "code" or "units" or "serviceDate" or "modifiers" or "state" or "placeOfService" or "payerType" or "payerId" or "ruleSet";
    }

    /// <summary>A captured parameter by name, looked up without making a string of the name where the dictionary allows it.</summary>
    private static bool Captured(IReadOnlyDictionary<string, object> values, ReadOnlySpan<char> name, out object? value)
    {
        if (values is Dictionary<string, object> dictionary && dictionary.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup))
        {
            var found = lookup.TryGetValue(name, out var v);
            value = v;
            return found;
        }

        var result = values.TryGetValue(name.ToString(), out var boxed);
        value = boxed;
        return result;
    }

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

    /// <summary>The most characters of one echoed value; longer values are cut and end with an ellipsis.</summary>
    public const int MaxEchoLength = 64;

    /// <summary>The most items of one echoed list; further items are summarised as a count.</summary>
    public const int MaxEchoItems = 12;

    public static string Render(object? value) => value switch
    {
        null => "none",
        TrustedText t => t.Text,
        string s => s.Length == 0 ? "none" : Echo(s),
        bool b => b ? "yes" : "no",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##", CultureInfo.InvariantCulture),
        double x => x.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => Join(e),
        _ => Echo(value.ToString() ?? "none"),
    };

    /// <summary>
    /// A value as it may appear in a message: at most <see cref="MaxEchoLength"/> characters (then an ellipsis), with
    /// control, invisible formatting and lone surrogate characters written as <c>\uXXXX</c> so that no escape sequence
    /// reaches a terminal.
    /// </summary>
    /// <summary>Appends what <see cref="Render"/> gives, without making a string of it first.</summary>
    internal static void AppendRendered(System.Text.StringBuilder text, object? value)
    {
        Span<char> buffer = stackalloc char[64];
        switch (value)
        {
            case null:
                text.Append("none");
                break;
            case TrustedText t:
                text.Append(t.Text);
                break;
            case string s:
                if (s.Length == 0)
                {
                    text.Append("none");
                }
                else if (s.Length <= MaxEchoLength && !NeedsEscape(s))
                {
                    text.Append(s);
                }
                else
                {
                    text.Append(Echo(s));
                }

                break;
            case bool b:
                text.Append(b ? "yes" : "no");
                break;
            case DateOnly d:
                AppendDate(text, d);
                break;
            case decimal m when m.TryFormat(buffer, out var written, "0.##", CultureInfo.InvariantCulture):
                text.Append(buffer[..written]);
                break;
            case double x when x.TryFormat(buffer, out var written, "0.##", CultureInfo.InvariantCulture):
                text.Append(buffer[..written]);
                break;
            case int i when i.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture):
                text.Append(buffer[..written]);
                break;
            case IEnumerable e when value is not IFormattable:
                // As Join: the first items rendered and separated by commas, an ellipsis for the rest, "none" when empty.
                var count = 0;
                foreach (var item in e)
                {
                    if (count == MaxEchoItems)
                    {
                        text.Append(", \u2026");
                        count++;
                        break;
                    }

                    if (count > 0)
                    {
                        text.Append(", ");
                    }

                    AppendRendered(text, item);
                    count++;
                }

                if (count == 0)
                {
                    text.Append("none");
                }

                break;
            default:
                text.Append(Render(value));
                break;
        }
    }

    /// <summary>Appends a date as <c>yyyy-MM-dd</c> (what the invariant "yyyy-MM-dd" format gives: years padded to four digits).</summary>
    internal static void AppendDate(System.Text.StringBuilder text, DateOnly date)
    {
        Span<char> buffer = stackalloc char[10];
        Digits(buffer[..4], date.Year);
        buffer[4] = '-';
        Digits(buffer.Slice(5, 2), date.Month);
        buffer[7] = '-';
        Digits(buffer.Slice(8, 2), date.Day);
        text.Append(buffer);

        static void Digits(Span<char> into, int value)
        {
            for (var i = into.Length - 1; i >= 0; i--)
            {
                into[i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }
    }

    public static string Echo(string value)
    {
        if (value.Length <= MaxEchoLength && !NeedsEscape(value))
        {
            // Short and printable: echoed as it is.
            return value;
        }

        var builder = new System.Text.StringBuilder(Math.Min(value.Length, MaxEchoLength) + 8);
        var kept = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (kept >= MaxEchoLength)
            {
                return builder.Append('\u2026').ToString();
            }

            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                     or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }

            kept++;
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(string value)
    {
        foreach (var c in value)
        {
            if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator)
            {
                return true;
            }
        }

        return false;
    }

    private static string Join(IEnumerable items)
    {
        var parts = items.Cast<object?>().Take(MaxEchoItems + 1).Select(Render).ToList();
        if (parts.Count > MaxEchoItems)
        {
            parts[MaxEchoItems] = "\u2026";
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}

/// <summary>Text of the library's own making (a JSON path, a reason), rendered as is: it is not a value from the claim.</summary>
internal sealed record TrustedText(string Text)
{
    public override string ToString() => Text;
}

/// <summary>
/// A finding text (message, remediation, source) parsed once when its unit compiles: literal runs and placeholders,
/// each placeholder resolved ahead to a captured parameter (by position), a built-in value, or kept as written. Gives
/// exactly what <see cref="FindingFormatter.Format(string, ClaimView, LineView, string, IReadOnlyDictionary{string, object})"/>
/// gives, without scanning the text or looking names up per finding.
/// </summary>
internal sealed class TextTemplate
{
    private readonly string _text;
    private readonly Segment[]? _segments;

    private TextTemplate(string text, Segment[]? segments)
    {
        _text = text;
        _segments = segments;
    }

    private enum BuiltIn
    {
        None,
        Line,
        Code,
        Units,
        ServiceDate,
        Modifiers,
        State,
        PlaceOfService,
        PayerType,
        PayerId,
        RuleSet,
    }

    /// <summary>Parses <paramref name="text"/> as Format reads it; <paramref name="captured"/> are the parameter names the rule captures, in value order.</summary>
    public static TextTemplate Parse(string text, string[] captured)
    {
        var segments = new List<Segment>();
        var copied = 0;
        var open = text.IndexOf('{', StringComparison.Ordinal);
        while (open >= 0)
        {
            var end = open + 1;
            if (end < text.Length && char.IsAsciiLetter(text[end]))
            {
                end++;
                while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
                {
                    end++;
                }

                if (end < text.Length && text[end] == '}')
                {
                    var name = text.Substring(open + 1, end - open - 1);
                    var index = name is "claim" or "line" or "data" ? -1 : Array.IndexOf(captured, name);
                    var builtIn = index >= 0 ? BuiltIn.None : BuiltInNamed(name);
                    if (index >= 0 || builtIn != BuiltIn.None)
                    {
                        if (open > copied)
                        {
                            segments.Add(new Segment(text.Substring(copied, open - copied), -1, BuiltIn.None));
                        }

                        segments.Add(new Segment(null, index, builtIn));
                        copied = end + 1;
                    }

                    open = text.IndexOf('{', end + 1);
                    continue;
                }
            }

            open = text.IndexOf('{', open + 1);
        }

        if (segments.Count == 0)
        {
            return new TextTemplate(text, null);
        }

        if (copied < text.Length)
        {
            segments.Add(new Segment(text[copied..], -1, BuiltIn.None));
        }

        return new TextTemplate(text, [.. segments]);
    }

    /// <summary>The text for one finding: <paramref name="values"/> are the captured parameters' values, in the order given to <see cref="Parse"/>.</summary>
    public string Format(ClaimView claim, LineView line, string ruleSet, object?[] values)
    {
        if (_segments is null)
        {
            return _text;
        }

        var text = t_builder ?? new System.Text.StringBuilder(256);
        t_builder = null;
        text.Clear();
        foreach (var segment in _segments)
        {
            if (segment.Literal is not null)
            {
                text.Append(segment.Literal);
            }
            else if (segment.Captured >= 0)
            {
                FindingFormatter.AppendRendered(text, values[segment.Captured]);
            }
            else
            {
                switch (segment.BuiltIn)
                {
                    case BuiltIn.Line:
                        AppendInt(text, line.Line);
                        break;
                    case BuiltIn.Code:
                        FindingFormatter.AppendRendered(text, line.Code);
                        break;
                    case BuiltIn.Units:
                        AppendInt(text, line.Units);
                        break;
                    case BuiltIn.ServiceDate:
                        FindingFormatter.AppendDate(text, line.ServiceDate);
                        break;
                    case BuiltIn.Modifiers:
                        FindingFormatter.AppendRendered(text, line.Modifiers);
                        break;
                    case BuiltIn.State:
                        FindingFormatter.AppendRendered(text, claim.ServiceState);
                        break;
                    case BuiltIn.PlaceOfService:
                        FindingFormatter.AppendRendered(text, claim.PlaceOfService);
                        break;
                    case BuiltIn.PayerType:
                        FindingFormatter.AppendRendered(text, claim.Payer.Type);
                        break;
                    case BuiltIn.PayerId:
                        FindingFormatter.AppendRendered(text, claim.Payer.Id);
                        break;
                    default:
                        FindingFormatter.AppendRendered(text, ruleSet);
                        break;
                }
            }
        }

        var formatted = text.ToString();
        if (text.Capacity <= 4096)
        {
            t_builder = text;
        }

        return formatted;
    }

    [ThreadStatic]
    private static System.Text.StringBuilder? t_builder;

    private static void AppendInt(System.Text.StringBuilder text, int value)
    {
        Span<char> buffer = stackalloc char[12];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        text.Append(buffer[..written]);
    }

    private static BuiltIn BuiltInNamed(string name) => name switch
    {
        "line" => BuiltIn.Line,
        "code" => BuiltIn.Code,
        "units" => BuiltIn.Units,
        "serviceDate" => BuiltIn.ServiceDate,
        "modifiers" => BuiltIn.Modifiers,
        "state" => BuiltIn.State,
        "placeOfService" => BuiltIn.PlaceOfService,
        "payerType" => BuiltIn.PayerType,
        "payerId" => BuiltIn.PayerId,
        "ruleSet" => BuiltIn.RuleSet,
        _ => BuiltIn.None,
    };

    private readonly record struct Segment(string? Literal, int Captured, BuiltIn BuiltIn);
}
