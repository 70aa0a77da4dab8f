using System.Text.Json;

namespace PainBilling.Rules.Claims;

/// <summary>
/// One forward pass over a claim's UTF-8 JSON before it is deserialized: it finds the top-level <c>claimId</c> (so it
/// can be echoed even when the JSON breaks later on) and answers, with the JSON path, everything the deserializer would
/// throw on or should never see: invalid JSON, invalid UTF-8, lone UTF-16 surrogates in values or member names, and
/// nesting deeper than <see cref="ClaimLimits.MaxDepth"/>.
/// </summary>
internal static class ClaimJsonScanner
{
    public static (string ClaimId, ClaimDataProblem? Problem) Scan(ReadOnlySpan<byte> utf8, bool hadLoneSurrogates)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = ClaimLimits.MaxDepth + 2,
        });
        var path = new PathStack();
        string? claimId = null;
        var claimIdNext = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        path.BeginValue();
                        if (reader.CurrentDepth >= ClaimLimits.MaxDepth)
                        {
                            return (claimId ?? string.Empty, new(path.ToString(), $"nests objects or arrays deeper than {ClaimLimits.MaxDepth} levels"));
                        }

                        path.Push(reader.TokenType == JsonTokenType.StartArray);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        if (!TryGetText(ref reader, out var name))
                        {
                            path.Name(null);
                            return (claimId ?? string.Empty, new(path.ToString(), "has a member name that is not valid Unicode text (invalid UTF-8 or a lone UTF-16 surrogate)"));
                        }

                        path.Name(name);
                        claimIdNext = reader.CurrentDepth == 1 && name == "claimId" && claimId is null;
                        continue;
                    default:
                        path.BeginValue();
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            if (!TryGetText(ref reader, out var text))
                            {
                                return (claimIdNext ? string.Empty : claimId ?? string.Empty, new(path.ToString(), "is not valid Unicode text (invalid UTF-8 or a lone UTF-16 surrogate)"));
                            }

                            if (claimIdNext)
                            {
                                claimId = text;
                            }
                        }

                        break;
                }

                claimIdNext = false;
            }
        }
        catch (JsonException ex)
        {
            var reason = hadLoneSurrogates
                ? "is not valid Unicode text (a lone UTF-16 surrogate)"
                : ex.LineNumber is { } line
                    ? $"is not valid JSON (line {line + 1}, byte {ex.BytePositionInLine + 1})"
                    : "is not valid JSON";
            return (claimId ?? string.Empty, new(path.ToString(), reason));
        }

        return (claimId ?? string.Empty, null);
    }

    private static bool TryGetText(ref Utf8JsonReader reader, out string text)
    {
        try
        {
            text = reader.GetString() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or an escaped lone surrogate ("\ud800X").
            text = string.Empty;
            return false;
        }
    }

    /// <summary>The JSON path of the current token, built as the reader goes.</summary>
    private sealed class PathStack
    {
        private readonly List<Frame> _frames = [];

        public void Push(bool isArray) => _frames.Add(new Frame(isArray));

        public void Pop()
        {
            if (_frames.Count > 0)
            {
                _frames.RemoveAt(_frames.Count - 1);
            }
        }

        public void Name(string? name)
        {
            if (_frames.Count > 0)
            {
                _frames[^1].Member = name;
            }
        }

        /// <summary>A value starts: in an array it is the next element.</summary>
        public void BeginValue()
        {
            if (_frames.Count > 0 && _frames[^1].IsArray)
            {
                _frames[^1].Count++;
            }
        }

        public override string ToString()
        {
            var builder = new System.Text.StringBuilder("$");
            foreach (var frame in _frames)
            {
                if (frame.IsArray)
                {
                    if (frame.Count > 0)
                    {
                        builder.Append('[').Append((frame.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
                    }
                }
                else if (frame.Member is not null)
                {
                    builder.Append(ClaimPath.Member(frame.Member));
                }
            }

            return builder.ToString();
        }

        private sealed class Frame(bool isArray)
        {
            public bool IsArray { get; } = isArray;

            public int Count { get; set; }

            public string? Member { get; set; }
        }
    }
}

/// <summary>JSON path segments that are safe to echo: contract-like member names are shown, anything else is not.</summary>
internal static partial class ClaimPath
{
    /// <summary>The path segment for a member: <c>.name</c> when the name looks like a contract member, else <c>['?']</c>.</summary>
    public static string Member(string name) => IsPlainName(name) ? "." + name : "['?']";

    /// <summary>Rewrites a System.Text.Json path so that member names that do not look like contract members are not echoed.</summary>
    public static string Sanitize(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "$";
        }

        var cleaned = BracketedName().Replace(path, m =>
        {
            var name = m.Groups["name"].Value;
            return IsPlainName(name) ? "." + name : "['?']";
        });
        return cleaned.Length <= 200 && cleaned.All(c => c is >= ' ' and <= '~') ? cleaned : "$";
    }

    public static bool IsPlainName(string name)
        => name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');

    [System.Text.RegularExpressions.GeneratedRegex(@"\['(?<name>(?:[^'\\]|\\.)*)'\]", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex BracketedName();
}
