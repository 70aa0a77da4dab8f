using System.Collections;
using System.Globalization;
using PainBilling.Rules.Expressions;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Engine;

/// <summary>The placeholders every finding text may use besides its rule's parameters.</summary>
internal enum BuiltInPlaceholder
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
        if (!NextPlaceholder(template, 0, out var open, out var end))
        {
            return template;
        }

        var text = RentBuilder();
        var copied = 0;
        do
        {
            if (Resolve(template.AsSpan(open + 1, end - open - 1), claim, line, ruleSet, values, out var value))
            {
                AppendRendered(text.Append(template, copied, open - copied), value);
                copied = end + 1;
            }
        }
        while (NextPlaceholder(template, end + 1, out open, out end));

        return ToStringAndReturn(text.Append(template, copied, template.Length - copied));
    }

    /// <summary>
    /// The next well-formed placeholder at or after <paramref name="from"/>: <c>{</c>, an ASCII letter, letters or digits,
    /// <c>}</c>; <paramref name="open"/> and <paramref name="end"/> are the positions of its braces. Any other brace is text.
    /// </summary>
    internal static bool NextPlaceholder(string text, int from, out int open, out int end)
    {
        open = text.IndexOf('{', from);
        while (open >= 0)
        {
            end = open + 1;
            if (end < text.Length && char.IsAsciiLetter(text[end]))
            {
                end++;
                while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
                {
                    end++;
                }

                if (end < text.Length && text[end] == '}')
                {
                    return true;
                }
            }

            open = text.IndexOf('{', open + 1);
        }

        end = -1;
        return false;
    }

    // One builder per thread for finding texts (taken while in use), so a text costs only its own string.
    [ThreadStatic]
    private static System.Text.StringBuilder? t_builder;

    /// <summary>This thread's empty text builder (a new one while it is in use).</summary>
    internal static System.Text.StringBuilder RentBuilder()
    {
        var text = t_builder ?? new System.Text.StringBuilder(256);
        t_builder = null;
        return text.Clear();
    }

    /// <summary>The builder's text; the builder goes back to the thread unless it grew large.</summary>
    internal static string ToStringAndReturn(System.Text.StringBuilder text)
    {
        var formatted = text.ToString();
        if (text.Capacity <= 4096)
        {
            t_builder = text;
        }

        return formatted;
    }

    private static bool Resolve(ReadOnlySpan<char> name, ClaimView claim, LineView line, string ruleSet, IReadOnlyDictionary<string, object> values, out object? value)
    {
        if (CanBeCaptured(name) && Captured(values, name, out var captured))
        {
            value = captured;
            return true;
        }

        var builtIn = BuiltInNamed(name);
        value = BuiltInValue(builtIn, claim, line, ruleSet);
        return builtIn != BuiltInPlaceholder.None;
    }

    /// <summary>Whether a placeholder may name a rule parameter: <c>claim</c>, <c>line</c> and <c>data</c> are the expressions' inputs, not parameters.</summary>
    internal static bool CanBeCaptured(ReadOnlySpan<char> name) => name is not ("claim" or "line" or "data");

    private static readonly (string Name, BuiltInPlaceholder BuiltIn)[] BuiltInNames =
    [
        ("line", BuiltInPlaceholder.Line),
        ("code", BuiltInPlaceholder.Code),
        ("units", BuiltInPlaceholder.Units),
        ("serviceDate", BuiltInPlaceholder.ServiceDate),
        ("modifiers", BuiltInPlaceholder.Modifiers),
        ("state", BuiltInPlaceholder.State),
        ("placeOfService", BuiltInPlaceholder.PlaceOfService),
        ("payerType", BuiltInPlaceholder.PayerType),
        ("payerId", BuiltInPlaceholder.PayerId),
        ("ruleSet", BuiltInPlaceholder.RuleSet),
    ];

    internal static BuiltInPlaceholder BuiltInNamed(ReadOnlySpan<char> name)
    {
        foreach (var (builtInName, builtIn) in BuiltInNames)
        {
            if (name.SequenceEqual(builtInName))
            {
                return builtIn;
            }
        }

        return BuiltInPlaceholder.None;
    }

    /// <summary>A built-in placeholder's value (the line's are null without a line).</summary>
    internal static object? BuiltInValue(BuiltInPlaceholder builtIn, ClaimView claim, LineView? line, string ruleSet) => builtIn switch
    {
        BuiltInPlaceholder.Line => line?.Line,
        BuiltInPlaceholder.Code => line?.Code,
        BuiltInPlaceholder.Units => line?.Units,
        BuiltInPlaceholder.ServiceDate => line?.ServiceDate,
        BuiltInPlaceholder.Modifiers => line?.Modifiers,
        BuiltInPlaceholder.State => claim.ServiceState,
        BuiltInPlaceholder.PlaceOfService => claim.PlaceOfService,
        BuiltInPlaceholder.PayerType => claim.Payer.Type,
        BuiltInPlaceholder.PayerId => claim.Payer.Id,
        BuiltInPlaceholder.RuleSet => ruleSet,
        _ => null,
    };

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

    public static Dictionary<string, object?> BuiltIns(ClaimView claim, LineView? line, string ruleSet)
    {
        var values = new Dictionary<string, object?>(BuiltInNames.Length, StringComparer.Ordinal);
        foreach (var (name, builtIn) in BuiltInNames)
        {
            values[name] = BuiltInValue(builtIn, claim, line, ruleSet);
        }

        return values;
    }

    /// <summary>The most characters of one echoed value; longer values are cut and end with an ellipsis.</summary>
    public const int MaxEchoLength = 64;

    /// <summary>The most items of one echoed list; further items are summarised as a count.</summary>
    public const int MaxEchoItems = 12;

    /// <summary>A value as it appears in a finding text (see <see cref="AppendRendered"/>).</summary>
    public static string Render(object? value)
    {
        var text = RentBuilder();
        AppendRendered(text, value);
        return ToStringAndReturn(text);
    }

    /// <summary>
    /// Appends a value as it appears in a finding text: "none" for nothing, yes/no, dates as <c>yyyy-MM-dd</c>, decimals
    /// with at most two places, lists as their first <see cref="MaxEchoItems"/> items (then an ellipsis), and values from
    /// the claim echoed (<see cref="Echo"/>). Formatted straight into the builder.
    /// </summary>
    internal static void AppendRendered(System.Text.StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("none");
                break;
            case TrustedText t:
                text.Append(t.Text);
                break;
            case string s:
                text.Append(s.Length == 0 ? "none" : Echo(s));
                break;
            case bool b:
                text.Append(b ? "yes" : "no");
                break;
            case DateOnly d:
                AppendDate(text, d);
                break;
            case decimal m:
                text.Append(CultureInfo.InvariantCulture, $"{m:0.##}");
                break;
            case double x:
                text.Append(CultureInfo.InvariantCulture, $"{x:0.##}");
                break;
            case IFormattable f:
                text.Append(CultureInfo.InvariantCulture, $"{f}");
                break;
            case IEnumerable e:
                // The first items rendered and separated by commas, an ellipsis for the rest, "none" when empty.
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
                text.Append(Echo(value.ToString() ?? "none"));
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

    /// <summary>
    /// A value as it may appear in a message: at most <see cref="MaxEchoLength"/> characters (then an ellipsis), with
    /// control, invisible formatting and lone surrogate characters written as <c>\uXXXX</c> so that no escape sequence
    /// reaches a terminal.
    /// </summary>
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

    /// <summary>Parses <paramref name="text"/> as Format reads it; <paramref name="captured"/> are the parameter names the rule captures, in value order.</summary>
    public static TextTemplate Parse(string text, string[] captured)
    {
        var segments = new List<Segment>();
        var copied = 0;
        for (var from = 0; FindingFormatter.NextPlaceholder(text, from, out var open, out var end); from = end + 1)
        {
            var name = text.AsSpan(open + 1, end - open - 1);
            var index = FindingFormatter.CanBeCaptured(name) ? Array.IndexOf(captured, name.ToString()) : -1;
            var builtIn = index >= 0 ? BuiltInPlaceholder.None : FindingFormatter.BuiltInNamed(name);
            if (index >= 0 || builtIn != BuiltInPlaceholder.None)
            {
                if (open > copied)
                {
                    segments.Add(new Segment(text[copied..open], -1, BuiltInPlaceholder.None));
                }

                segments.Add(new Segment(null, index, builtIn));
                copied = end + 1;
            }
        }

        if (segments.Count == 0)
        {
            return new TextTemplate(text, null);
        }

        if (copied < text.Length)
        {
            segments.Add(new Segment(text[copied..], -1, BuiltInPlaceholder.None));
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

        var text = FindingFormatter.RentBuilder();
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
                // The numbers and the date are written without boxing them; the rest as Format renders them.
                switch (segment.BuiltIn)
                {
                    case BuiltInPlaceholder.Line:
                        AppendInt(text, line.Line);
                        break;
                    case BuiltInPlaceholder.Units:
                        AppendInt(text, line.Units);
                        break;
                    case BuiltInPlaceholder.ServiceDate:
                        FindingFormatter.AppendDate(text, line.ServiceDate);
                        break;
                    default:
                        FindingFormatter.AppendRendered(text, FindingFormatter.BuiltInValue(segment.BuiltIn, claim, line, ruleSet));
                        break;
                }
            }
        }

        return FindingFormatter.ToStringAndReturn(text);
    }

    private static void AppendInt(System.Text.StringBuilder text, int value)
    {
        Span<char> buffer = stackalloc char[12];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        text.Append(buffer[..written]);
    }

    private readonly record struct Segment(string? Literal, int Captured, BuiltInPlaceholder BuiltIn);
}
