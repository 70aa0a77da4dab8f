using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.RuleSets;

/// <summary>JSON checks and wording for rule files that System.Text.Json does not give by itself.</summary>
internal static class RuleFileJson
{
    private static readonly (string TypeName, string Expected)[] Expectations =
    [
        (typeof(FindingSeverity).FullName!, "one of: " + string.Join(", ", Enum.GetNames<FindingSeverity>())),
        (typeof(FindingCategory).FullName!, "one of: " + string.Join(", ", Enum.GetNames<FindingCategory>())),
        (typeof(PayerType).FullName!, "one of: " + string.Join(", ", Enum.GetNames<PayerType>())),
        (typeof(RuleScope).FullName!, "one of: " + string.Join(", ", Enum.GetNames<RuleScope>())),
        (typeof(LineSelection).FullName!, "one of: " + string.Join(", ", Enum.GetNames<LineSelection>())),
        (typeof(EvaluationOutcome).FullName!, "one of: " + string.Join(", ", Enum.GetNames<EvaluationOutcome>())),
        ("System.DateOnly", "a date written yyyy-MM-dd (e.g. 2026-01-01)"),
        ("System.Int32", "a whole number"),
        ("System.Decimal", "a number"),
        ("System.Boolean", "true or false"),
        ("System.String", "a string in double quotes"),
        ("IReadOnlyList", "a list in [ ]"),
    ];

    /// <summary>What a value should have been, from System.Text.Json's "could not be converted to T" message.</summary>
    public static string Expected(string message)
    {
        foreach (var (typeName, expected) in Expectations)
        {
            if (message.Contains(typeName, StringComparison.Ordinal))
            {
                return expected;
            }
        }

        return "of the expected kind (see the schema in rules-json/schema)";
    }

    /// <summary>The raw JSON text at a System.Text.Json path such as <c>$.Workflow.Rules[0].Properties.Severity</c>, or null.</summary>
    public static string? ValueAt(string content, string path)
    {
        try
        {
            var node = JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = true });
            var i = path.StartsWith('$') ? 1 : 0;
            while (node is not null && i < path.Length)
            {
                if (path[i] == '.')
                {
                    var end = path.IndexOfAny(['.', '['], i + 1);
                    var name = path[(i + 1)..(end < 0 ? path.Length : end)];
                    node = node is JsonObject o && o.TryGetPropertyValue(name, out var child) ? child : null;
                    i = end < 0 ? path.Length : end;
                }
                else if (path[i] == '[')
                {
                    var end = path.IndexOf(']', i);
                    var inner = path[(i + 1)..end].Trim('\'');
                    node = int.TryParse(inner, System.Globalization.CultureInfo.InvariantCulture, out var index)
                        ? node is JsonArray a && index < a.Count ? a[index] : null
                        : node is JsonObject o2 && o2.TryGetPropertyValue(inner, out var child2) ? child2 : null;
                    i = end + 1;
                }
                else
                {
                    return null;
                }
            }

            return node?.ToJsonString();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>A value for a message: at most 60 characters, control characters escaped.</summary>
    public static string Shorten(string value)
    {
        var builder = new StringBuilder();
        foreach (var c in value.Length > 60 ? value[..60] + "…" : value)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }

    /// <summary>Every <c>null</c> entry of a list in the file (lists in rule files never hold null), with its path, line and column.</summary>
    public static IReadOnlyList<RuleLoadError> NullEntries(string file, string content)
    {
        var errors = new List<RuleLoadError>();
        var bytes = Encoding.UTF8.GetBytes(content);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        var stack = new Stack<(bool IsArray, int Index, string Name)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance();
                        stack.Push((reader.TokenType == JsonTokenType.StartArray, -1, property ?? string.Empty));
                        property = null;
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.Pop();
                        continue;
                    default:
                        Advance();
                        if (reader.TokenType == JsonTokenType.Null && stack.Count > 0 && stack.Peek().IsArray)
                        {
                            var (line, column) = Position(bytes, (int)reader.TokenStartIndex);
                            errors.Add(new RuleLoadError(file, null, $"null entry at {Path()}: lists in rule files may not hold null", line, column));
                        }

                        property = null;
                        continue;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported, with its position, by the deserializer that runs next.
        }

        return errors;

        void Advance()
        {
            if (stack.Count > 0 && stack.Peek().IsArray)
            {
                var top = stack.Pop();
                stack.Push(top with { Index = top.Index + 1 });
            }
        }

        string Path()
        {
            var builder = new StringBuilder("$");
            var frames = stack.Reverse().ToArray();
            for (var i = 0; i < frames.Length; i++)
            {
                if (i > 0 && frames[i].Name.Length > 0)
                {
                    builder.Append('.').Append(frames[i].Name);
                }

                if (frames[i].IsArray)
                {
                    builder.Append('[').Append(frames[i].Index).Append(']');
                }
            }

            return builder.ToString();
        }
    }

    /// <summary>The first non-nullable member of a deserialized row that is null (a key missing from the JSON), or null.</summary>
    public static string? MissingMember(object row)
    {
        var context = new NullabilityInfoContext();
        foreach (var property in row.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType.IsValueType || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            if (context.Create(property).ReadState == NullabilityState.NotNull && property.GetValue(row) is null)
            {
                return property.Name;
            }
        }

        return null;
    }

    private static (int Line, int Column) Position(byte[] bytes, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, Encoding.UTF8.GetCharCount(bytes, lineStart, offset - lineStart) + 1);
    }
}
