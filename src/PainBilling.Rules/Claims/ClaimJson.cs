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

    /// <summary>Reads one claim. Never throws, whatever the input: problems name the JSON path that is wrong.</summary>
    /// <param name="json">The claim JSON.</param>
    /// <returns>The claim, or the problems that stop it from being evaluated.</returns>
    public static ClaimReadResult Read(string json)
    {
        if (json is null)
        {
            return new ClaimReadResult(null, string.Empty, [new ClaimDataProblem("$", "the claim is missing")]);
        }

        if (json.Length > ClaimLimits.MaxJsonBytes)
        {
            return TooLarge();
        }

        // A lone surrogate cannot be encoded as UTF-8; it becomes a control character, which the scanner then reports
        // as invalid JSON at its path (inside a string or out of it).
        var hadLoneSurrogates = HasLoneSurrogate(json);
        var text = hadLoneSurrogates ? ReplaceLoneSurrogates(json) : json;
        return ReadUtf8(System.Text.Encoding.UTF8.GetBytes(text), hadLoneSurrogates);
    }

    /// <summary>Reads one claim from UTF-8 bytes (a leading byte-order mark is allowed). Never throws, whatever the input.</summary>
    /// <param name="utf8Json">The claim JSON as UTF-8; invalid UTF-8 is a problem naming its JSON path.</param>
    /// <returns>The claim, or the problems that stop it from being evaluated.</returns>
    public static ClaimReadResult Read(ReadOnlySpan<byte> utf8Json)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        return ReadUtf8(utf8Json.StartsWith(bom) ? utf8Json[3..] : utf8Json, hadLoneSurrogates: false);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Reading a claim never throws: an unforeseen failure is a Reject, not a crash.")]
    private static ClaimReadResult ReadUtf8(ReadOnlySpan<byte> utf8, bool hadLoneSurrogates)
    {
        if (utf8.Length > ClaimLimits.MaxJsonBytes)
        {
            return TooLarge();
        }

        var claimId = string.Empty;
        try
        {
            (claimId, var problem) = ClaimJsonScanner.Scan(utf8, hadLoneSurrogates);
            claimId = ClaimShapeValidator.IsEchoableClaimId(claimId) ? claimId : string.Empty;
            if (problem is not null)
            {
                return new ClaimReadResult(null, claimId, [problem]);
            }

            Claim? claim;
            try
            {
                claim = JsonSerializer.Deserialize<Claim>(utf8, Options);
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
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new ClaimReadResult(null, claimId, [new ClaimDataProblem("$", "could not be read as a claim")]);
        }
    }

    private static ClaimReadResult TooLarge()
        => new(null, string.Empty, [new ClaimDataProblem("$", $"is larger than {ClaimLimits.MaxJsonBytes / 1024} KiB; a claim may be at most {ClaimLimits.MaxJsonBytes / 1024} KiB of JSON")]);

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\u0001';
            }
        }

        return new string(chars);
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
        var path = ClaimPath.Sanitize(ex.Path);
        var message = ex.Message;
        var unmapped = UnmappedMember().Match(message);
        if (unmapped.Success)
        {
            var member = ClaimPath.Member(unmapped.Groups["name"].Value);
            var memberPath = path.EndsWith(member, StringComparison.Ordinal) ? path : path + member;
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

    [GeneratedRegex("The JSON property '(?<name>[^']*)' could not be mapped", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("could not be converted to (?<type>[^.\\s]+(\\.[^.\\s]+)*)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Conversion();
}
