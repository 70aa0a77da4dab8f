using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Evaluations;

namespace PainBilling.Rules.Tests.Embedding;

/// <summary>ClaimJson.TypeInfoResolver gives a host's own serializer options (ASP.NET Core's web defaults) the contract's strictness.</summary>
public sealed class HostJsonTests
{
    private static readonly JsonSerializerOptions Host = CreateHostOptions();

    public static TheoryData<string> Samples() => Repository.SampleFileNames();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Host_options_read_every_sample_as_the_library_does(string sample)
    {
        var json = File.ReadAllText(Path.Combine(Repository.Samples, sample));

        var hosted = JsonSerializer.Deserialize<Claim>(json, Host)!;

        JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(hosted, Host)), JsonNode.Parse(ClaimJson.Write(ClaimJson.Read(json).Claim!)))
            .Should().BeTrue();
    }

    [Fact]
    public void Host_options_bind_enums_by_name_only_and_reject_unknown_members()
    {
        var claim = SampleNode();
        JsonSerializer.Deserialize<Claim>(claim.ToJsonString(), Host)!.Payer.Type.Should().Be(PayerType.Medicare);

        var misspelt = SampleNode();
        misspelt["lines"]![0]!["modifer"] = new JsonArray("RT");
        var unknown = () => JsonSerializer.Deserialize<Claim>(misspelt.ToJsonString(), Host);
        unknown.Should().Throw<JsonException>().WithMessage("*modifer*");

        var number = SampleNode();
        number["payer"]!["type"] = 0;
        var numeric = () => JsonSerializer.Deserialize<Claim>(number.ToJsonString(), Host);
        numeric.Should().Throw<JsonException>();

        var quoted = SampleNode();
        quoted["lines"]![0]!["units"] = "2";
        var text = () => JsonSerializer.Deserialize<Claim>(quoted.ToJsonString(), Host);
        text.Should().Throw<JsonException>("web defaults read numbers from strings, the contract does not");
    }

    [Fact]
    public async Task Host_options_write_evaluations_like_the_library_without_null_members()
    {
        var evaluation = await TestRules.Evaluator.EvaluateJsonAsync(SampleNode().ToJsonString());
        evaluation.Findings.Should().Contain(f => f.Carc == null);

        var hosted = JsonSerializer.Serialize(evaluation, Host);

        hosted.Should().NotContain("null").And.Contain("\"outcome\":\"Reject\"");
        JsonNode.DeepEquals(JsonNode.Parse(hosted), JsonNode.Parse(ClaimJson.Write(evaluation))).Should().BeTrue();
    }

    [Fact]
    public void Other_types_keep_the_host_settings()
    {
        var other = JsonSerializer.Deserialize<HostType>("""{"Value":"2","extra":1,"kind":"second"}""", Host)!;

        other.Value.Should().Be(2);
        other.Kind.Should().Be(HostKind.Second);
    }

    private static JsonObject SampleNode()
        => JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json")))!.AsObject();

    private static JsonSerializerOptions CreateHostOptions()
    {
        // What ASP.NET Core's ConfigureHttpJsonOptions starts from, plus a host-wide camelCase enum converter, plus the one documented line.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.TypeInfoResolverChain.Insert(0, ClaimJson.TypeInfoResolver);
        return options;
    }

    public sealed record HostType(int Value, HostKind Kind);

    public enum HostKind
    {
        First,
        Second,
    }
}
