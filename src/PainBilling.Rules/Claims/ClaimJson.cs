using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Claims;

/// <summary>Reads claims and writes evaluations in the contract's JSON form (camelCase, ISO dates, enums as names).</summary>
public static partial class ClaimJson
{
    /// <summary>Options for the contract JSON: camelCase, strict (unknown members are errors), enums as names.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    /// <summary>The same as <see cref="Options"/>, indented.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    /// <summary>Reads one claim. Never throws for bad input: problems name the JSON path that is wrong.</summary>
    /// <param name="json">The claim JSON.</param>
    /// <returns>The claim, or the problems that stop it from being evaluated.</returns>
    public static ClaimReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var claimId = TryReadClaimId(json);
        Claim? claim;
        try
        {
            claim = JsonSerializer.Deserialize<Claim>(json, Options);
        }
        catch (JsonException ex)
        {
            return new ClaimReadResult(null, claimId, [Describe(ex)]);
        }

        if (claim is null)
        {
            return new ClaimReadResult(null, claimId, [new ClaimDataProblem("$", "the claim is null")]);
        }

        var problems = ClaimShapeValidator.Validate(claim);
        return problems.Count == 0
            ? new ClaimReadResult(claim, claim.ClaimId, [])
            : new ClaimReadResult(null, claimId, problems);
    }

    /// <summary>Writes an evaluation as one line of JSON.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(ClaimEvaluation evaluation, bool indented = false)
        => JsonSerializer.Serialize(evaluation, indented ? IndentedOptions : Options);

    /// <summary>Writes a claim in the contract's JSON form.</summary>
    /// <param name="claim">The claim.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(Claim claim) => JsonSerializer.Serialize(claim, Options);

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        // Presence of required members is checked by ClaimShapeValidator so that every problem names its path.
        resolver.Modifiers.Add(static info =>
        {
            foreach (var property in info.Properties)
            {
                property.IsRequired = false;
            }
        });
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowDuplicateProperties = false,
            WriteIndented = indented,
            // Output goes to files and consoles, never into HTML: keep apostrophes and the like readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = resolver,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    private static ClaimDataProblem Describe(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var message = ex.Message;
        var unmapped = UnmappedMember().Match(message);
        if (unmapped.Success)
        {
            var member = unmapped.Groups["name"].Value;
            var memberPath = path.EndsWith("." + member, StringComparison.Ordinal) ? path : $"{path}.{member}";
            return new ClaimDataProblem(memberPath, "is not a member of the claim contract (names are camelCase)");
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return new ClaimDataProblem(path, "appears twice; each member may appear once");
        }

        var conversion = Conversion().Match(message);
        if (conversion.Success)
        {
            return new ClaimDataProblem(path, $"has the wrong type or format: expected {Friendly(conversion.Groups["type"].Value)}");
        }

        if (ex.LineNumber is { } lineNumber)
        {
            return new ClaimDataProblem(path, $"is not valid JSON (line {lineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }

        return new ClaimDataProblem(path, "is not valid JSON");
    }

    private static string Friendly(string type) => type switch
    {
        _ when type.Contains("DateOnly", StringComparison.Ordinal) => "a date (yyyy-MM-dd)",
        _ when type.Contains("PayerType", StringComparison.Ordinal) => "one of Medicare, MedicareAdvantage, Medicaid, Commercial",
        _ when type.Contains("ImagingGuidance", StringComparison.Ordinal) => "one of None, Fluoroscopy, CT, Ultrasound",
        _ when type.Contains("Sex", StringComparison.Ordinal) => "one of F, M, U",
        _ when type.Contains("Int32", StringComparison.Ordinal) => "an integer",
        _ when type.Contains("Decimal", StringComparison.Ordinal) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("String", StringComparison.Ordinal) => "a string",
        _ when type.Contains("IReadOnlyList", StringComparison.Ordinal) => "an array",
        _ => "an object of the contract's shape",
    };

    /// <summary>Reads the top-level claimId with a forward-only reader, so it is echoed even when the JSON breaks later on.</summary>
    private static string TryReadClaimId(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowTrailingCommas = false });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("claimId"))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() ?? string.Empty : string.Empty;
                }
            }
        }
        catch (JsonException)
        {
            // The claim id comes before the break or not at all.
        }

        return string.Empty;
    }

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("could not be converted to (?<type>[^.\\s]+(\\.[^.\\s]+)*)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Conversion();
}
