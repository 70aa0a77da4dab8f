using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PainBilling.Rules.Claims;

namespace PainBilling.Rules.Server.Tests;

/// <summary>The README's ASP.NET Core snippet, compiled and run on 127.0.0.1 (README.md must show it verbatim; a test in PainBilling.Rules.Tests checks).</summary>
public sealed class AspNetCoreSnippetTests
{
    [Fact]
    public async Task A_minimal_api_binds_claims_with_the_contracts_strictness()
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--environment", "Production"];
        await using var app = Snippet(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await app.StartAsync(timeout.Token);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
            var sample = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json"), timeout.Token))!;

            using var ok = await Post(client, sample, timeout.Token);
            var body = await ok.Content.ReadAsStringAsync(timeout.Token);
            ok.StatusCode.Should().Be(HttpStatusCode.OK);
            body.Should().Contain("\"outcome\":\"Reject\"").And.Contain("\"claimId\":\"SAMPLE-ESI-DENIED\"").And.NotContain("null");

            var misspelt = sample.DeepClone();
            misspelt["lines"]![0]!["modifer"] = new JsonArray("RT");
            using var unknown = await Post(client, misspelt, timeout.Token);
            unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a misspelt member must not pass silently");

            var numeric = sample.DeepClone();
            numeric["payer"]!["type"] = 0;
            using var number = await Post(client, numeric, timeout.Token);
            number.StatusCode.Should().Be(HttpStatusCode.BadRequest, "enums are names");

            using var health = await client.GetAsync("/health", timeout.Token);
            health.IsSuccessStatusCode.Should().BeTrue();
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, JsonNode claim, CancellationToken cancellationToken)
        => client.PostAsync("/claims/evaluate", new StringContent(claim.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);

    private static WebApplication Snippet(string[] args)
    {
        // begin-snippet: aspnetcore
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddPainBillingRules(builder.Configuration.GetSection("PainBillingRules"));
        builder.Services.AddHealthChecks().AddPainBillingRules();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ClaimJson.TypeInfoResolver));

        var app = builder.Build();
        app.MapPost("/claims/evaluate", (Claim claim, IClaimEvaluator evaluator, CancellationToken ct) => evaluator.EvaluateAsync(claim, ct));
        app.MapHealthChecks("/health");
        // end-snippet
        return app;
    }
}
