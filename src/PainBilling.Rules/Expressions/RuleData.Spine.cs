namespace PainBilling.Rules.Expressions;

/// <summary>
/// Generic spinal-level helpers for rule expressions: which spinal regions a documented level touches and whether two
/// sets of levels are contiguous. They read level text only (e.g. <c>L4-L5</c>, <c>L5-S1</c>, <c>T12-L1</c>, <c>L5</c>,
/// <c>C8</c>); which region a procedure code belongs to, and what a mismatch means, stays in the rule files.
/// </summary>
/// <remarks>
/// A level is a vertebra (<c>C1</c>-<c>C7</c>, <c>T1</c>-<c>T12</c>, <c>L1</c>-<c>L5</c>, <c>S1</c>-<c>S5</c>), the
/// nerve root <c>C8</c>, or a segment of two of them joined by a hyphen (<c>L4-L5</c>; <c>L4-5</c> is read as
/// <c>L4-L5</c>). Anything else is not a recognised level: the helpers answer "unknown" (empty region list, not
/// contiguous) and rules decide what that means. Case and surrounding spaces are ignored.
/// </remarks>
internal sealed partial class RuleData
{
    private static readonly string[] RegionNames = ["cervical", "thoracic", "lumbar", "sacral"];

    /// <summary>Whether <paramref name="level"/> is a recognised spinal level or segment.</summary>
    public bool IsSpinalLevel(string level) => ParseLevel(level) is not null;

    /// <summary>
    /// The regions a level touches, in cranial-to-caudal order: <c>cervical</c>, <c>thoracic</c>, <c>lumbar</c>,
    /// <c>sacral</c> (e.g. <c>T12-L1</c> touches thoracic and lumbar). Empty when the level is not recognised.
    /// </summary>
    public IReadOnlyList<string> SpineRegions(string level)
    {
        if (ParseLevel(level) is not { } span)
        {
            return [];
        }

        return RegionNames.Where(r => Touches(span, r)).ToArray();
    }

    /// <summary>
    /// Whether a recognised level touches one of the regions named in <paramref name="regions"/>, a slash-separated
    /// list as used by the procedure-code table (e.g. <c>cervical/thoracic</c>, <c>lumbar/sacral</c>). False when the
    /// level is not recognised or no region is named.
    /// </summary>
    public bool LevelInRegion(string level, string regions)
    {
        if (ParseLevel(level) is not { } span || string.IsNullOrWhiteSpace(regions))
        {
            return false;
        }

        var rest = regions.AsSpan();
        while (true)
        {
            var slash = rest.IndexOf('/');
            var region = (slash < 0 ? rest : rest[..slash]).Trim();
            if (!region.IsEmpty && Touches(span, RegionNamed(region)))
            {
                return true;
            }

            if (slash < 0)
            {
                return false;
            }

            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>
    /// Whether some level of <paramref name="levels"/> is contiguous with some level of <paramref name="others"/>:
    /// two segments are contiguous when they share a vertebra (<c>L4-L5</c> and <c>L5-S1</c>); two single levels (or
    /// a single level and a segment) when they are at most one vertebra apart (<c>L4</c> and <c>L5</c>). Unrecognised
    /// levels are ignored; false when either side has no recognised level.
    /// </summary>
    public bool LevelsContiguous(IEnumerable<string> levels, IEnumerable<string> others)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(others);
        var second = Parsed(others);
        if (second.Count == 0)
        {
            return false;
        }

        foreach (var a in Parsed(levels))
        {
            foreach (var b in second)
            {
                if (Contiguous(a, b))
                {
                    return true;
                }
            }
        }

        return false;

        static List<LevelSpan> Parsed(IEnumerable<string> texts)
        {
            var spans = new List<LevelSpan>();
            if (texts is IReadOnlyList<string> list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (ParseLevel(list[i]) is { } span)
                    {
                        spans.Add(span);
                    }
                }
            }
            else
            {
                foreach (var text in texts)
                {
                    if (ParseLevel(text) is { } span)
                    {
                        spans.Add(span);
                    }
                }
            }

            return spans;
        }
    }

    private static bool Contiguous(LevelSpan a, LevelSpan b)
    {
        var gap = Math.Max(a.Start, b.Start) - Math.Min(a.End, b.End);
        return gap <= (a.IsSegment && b.IsSegment ? 0 : 2);
    }

    /// <summary>The region name of the table's text in lower case (as <c>ToLowerInvariant</c> would give), or an empty string when it names none.</summary>
    private static string RegionNamed(ReadOnlySpan<char> text)
    {
        foreach (var name in RegionNames)
        {
            if (text.Length == name.Length && LowerEquals(text, name))
            {
                return name;
            }
        }

        return string.Empty;

        static bool LowerEquals(ReadOnlySpan<char> text, string lower)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (char.ToLowerInvariant(text[i]) != lower[i])
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static bool Touches(LevelSpan span, string region)
    {
        var (low, high) = region switch
        {
            "cervical" => (2, 15),
            "thoracic" => (16, 38),
            "lumbar" => (40, 48),
            "sacral" => (50, 58),
            _ => (int.MaxValue, int.MinValue),
        };
        return span.Start <= high && span.End >= low;
    }

    /// <summary>
    /// Parses a level into a span of doubled vertebra positions (C1 = 2 ... S5 = 58; C8 = 15, between C7 and T1): the
    /// trimmed text, case ignored, as one vertebra or two joined by one hyphen. Reads the text in place (no allocation:
    /// rules call it for every documented level).
    /// </summary>
    private static LevelSpan? ParseLevel(string? level)
    {
        if (string.IsNullOrWhiteSpace(level) || level.Length > 16)
        {
            return null;
        }

        var text = level.AsSpan().Trim();
        var dash = text.IndexOf('-');
        if (dash >= 0 && text[(dash + 1)..].Contains('-'))
        {
            return null;
        }

        if (Vertebra(dash < 0 ? text : text[..dash], null) is not { } start)
        {
            return null;
        }

        if (dash < 0)
        {
            return new LevelSpan(start.Position, start.Position, IsSegment: false);
        }

        if (Vertebra(text[(dash + 1)..], start.Letter) is not { } end || end.Position <= start.Position)
        {
            return null;
        }

        return new LevelSpan(start.Position, end.Position, IsSegment: true);
    }

    private static (char Letter, int Position)? Vertebra(ReadOnlySpan<char> text, char? impliedLetter)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var first = char.ToUpperInvariant(text[0]);
        var isLetter = char.IsLetter(first);
        var letter = isLetter ? first : impliedLetter ?? '\0';
        var digits = isLetter ? text[1..] : text;
        if (digits.Length is 0 or > 2)
        {
            return null;
        }

        var number = 0;
        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit(digit))
            {
                return null;
            }

            number = (number * 10) + (digit - '0');
        }

        int? position = letter switch
        {
            'C' when number is >= 1 and <= 7 => number * 2,
            'C' when number == 8 => 15,
            'T' when number is >= 1 and <= 12 => (7 + number) * 2,
            'L' when number is >= 1 and <= 5 => (19 + number) * 2,
            'S' when number is >= 1 and <= 5 => (24 + number) * 2,
            _ => null,
        };
        return position is { } p ? (letter, p) : null;
    }

    private readonly record struct LevelSpan(int Start, int End, bool IsSegment);
}
