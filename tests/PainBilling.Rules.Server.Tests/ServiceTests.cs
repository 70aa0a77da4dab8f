using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PainBilling.Rules.Claims;

namespace PainBilling.Rules.Server.Tests;

/// <summary>The HTTP endpoints, in memory through WebApplicationFactory.</summary>
public sealed class ServiceTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    private static readonly Lazy<ClaimEvaluator> Expected = new(ClaimEvaluator.CreateDefault);

    [Fact]
    public async Task Evaluate_answers_one_claim_with_its_evaluation()
    {
        using var client = factory.CreateClient();
        var json = await File.ReadAllTextAsync(Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json"));

        using var response = await client.PostAsync("/v1/claims/evaluate", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await response.Content.ReadAsStringAsync();
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(ClaimJson.Write(Expected.Value.Evaluate(ClaimJson.Read(json))))).Should().BeTrue();
        body.Should().NotContain("null");
    }

    [Fact]
    public async Task Evaluate_answers_an_unreadable_claim_with_a_reject_naming_the_path()
    {
        using var client = factory.CreateClient();
        var claim = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json")))!;
        claim["lines"]![0]!["modifer"] = new JsonArray("RT");

        using var response = await client.PostAsync("/v1/claims/evaluate", new StringContent(claim.ToJsonString(), Encoding.UTF8, "application/json"));
        var evaluation = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        evaluation["outcome"]!.GetValue<string>().Should().Be("Reject");
        evaluation["findings"]![0]!["message"]!.GetValue<string>().Should().Contain("$.lines[0].modifer");
    }

    [Fact]
    public async Task Evaluate_batch_streams_ndjson_evaluations_in_input_order()
    {
        using var client = factory.CreateClient();
        var claims = Repository.SampleFiles.Select(f => JsonNode.Parse(File.ReadAllText(f))!.ToJsonString()).ToArray();
        var ndjson = string.Join("\n", claims.SelectMany(c => new[] { c, string.Empty })) + "\n";

        using var content = new StringContent(ndjson, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await client.PostAsync("/v1/claims/evaluate-batch", content);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-ndjson");
        lines.Should().HaveCount(claims.Length);
        for (var i = 0; i < claims.Length; i++)
        {
            JsonNode.DeepEquals(JsonNode.Parse(lines[i]), JsonNode.Parse(ClaimJson.Write(Expected.Value.Evaluate(ClaimJson.Read(claims[i])))))
                .Should().BeTrue($"line {i + 1} answers claim {i + 1}");
        }
    }

    [Fact]
    public async Task Rules_lists_the_catalogue_and_health_reports_versions()
    {
        using var client = factory.CreateClient();

        var rules = JsonNode.Parse(await client.GetStringAsync("/v1/rules"))!;
        using var health = await client.GetAsync("/health");
        var report = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;

        rules["rules"]!.AsArray().Count.Should().Be(Expected.Value.Library.Rules.Count);
        rules["ruleSets"]!.AsArray().Should().Contain(s => s!["id"]!.GetValue<string>() == "claim-data");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        report["status"]!.GetValue<string>().Should().BeOneOf("Healthy", "Degraded");
        report["checks"]!["painbilling-rules"]!["data"]!["ruleSets"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        using var client = factory.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        document["openapi"]!.GetValue<string>().Should().StartWith("3.");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        paths.Should().Contain(["/v1/claims/evaluate", "/v1/claims/evaluate-batch", "/v1/rules"]);
        document["paths"]!["/v1/claims/evaluate"]!["post"]!["requestBody"]!["content"]!["application/json"].Should().NotBeNull();
        document["paths"]!["/v1/claims/evaluate-batch"]!["post"]!["requestBody"]!["content"]!["application/x-ndjson"].Should().NotBeNull();
        document["components"]!["schemas"]!.AsObject().Select(s => s.Key).Should().Contain(["Claim", "ClaimEvaluation"]);
    }

    [Fact]
    public async Task No_patient_data_reaches_the_service_logs()
    {
        using var client = factory.CreateClient();
        var claim = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json")))!;
        claim["claimId"] = "CLAIM-CANARY-4417";
        claim["payer"]!["name"] = "Canary Mutual";
        claim["patient"] = new JsonObject { ["birthDate"] = "1931-07-13", ["sex"] = "F" };
        var unreadable = claim.DeepClone();
        unreadable["patient"]!["name"] = "Jane Canaryfield";
        unreadable["patient"]!["memberId"] = "MBR-CANARY-5521";

        (await client.PostAsync("/v1/claims/evaluate", new StringContent(claim.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/v1/claims/evaluate", new StringContent(unreadable.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/v1/claims/evaluate-batch", new StringContent(claim.ToJsonString() + "\n" + unreadable.ToJsonString() + "\n{ broken", Encoding.UTF8, "application/x-ndjson"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/v1/claims/evaluate", new StringContent("{\"claimId\":\"CLAIM-CANARY-4417\",", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        factory.Logs.Should().NotBeEmpty();
        foreach (var canary in new[] { "CANARY", "Canary", "1931", "Canaryfield", "MBR-" })
        {
            factory.Logs.Where(l => l.Contains(canary, StringComparison.Ordinal)).Should().BeEmpty();
        }
    }

    [Fact]
    public void Bad_limits_in_configuration_are_rejected()
    {
        var options = new ServerOptions();
        options.MaxBatchBytes.Should().BeGreaterThan(options.MaxClaimBytes);
        JsonSerializer.Serialize(new PainRulesServer.BatchError("C-1", "rule-failure", "claim-data@1", "CD-1", 2), ClaimJson.Options)
            .Should().Be("""{"claimId":"C-1","error":"rule-failure","ruleSet":"claim-data@1","ruleId":"CD-1","line":2}""");
    }
}
