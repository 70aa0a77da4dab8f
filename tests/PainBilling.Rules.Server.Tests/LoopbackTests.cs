using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PainBilling.Rules.Server.Tests;

/// <summary>The real service (Kestrel, as <c>painrules serve</c> builds it) on 127.0.0.1 with a free port; bounded in time.</summary>
public sealed class LoopbackTests
{
    [Fact]
    public async Task The_service_answers_over_loopback_and_enforces_its_request_size_limit()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var started = Stopwatch.StartNew();
        await using var app = PainRulesServer.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production"]);
        await app.StartAsync(timeout.Token);
        var startup = started.Elapsed;
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            new Uri(address).Host.Should().Be("127.0.0.1");
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
            var json = await File.ReadAllTextAsync(Path.Combine(Repository.Samples, "medicare-ny-tpi-denied.json"), timeout.Token);

            var first = Stopwatch.StartNew();
            using var response = await client.PostAsync("/v1/claims/evaluate", new StringContent(json, Encoding.UTF8, "application/json"), timeout.Token);
            var firstRequest = first.Elapsed;
            var evaluation = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!;

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            evaluation["claimId"]!.GetValue<string>().Should().Be("SAMPLE-TPI-DENIED");
            evaluation["outcome"]!.GetValue<string>().Should().Be("Deny");
            Console.WriteLine($"loopback: started in {startup.TotalMilliseconds:0} ms, first request {firstRequest.TotalMilliseconds:0} ms");
            firstRequest.Should().BeLessThan(TimeSpan.FromSeconds(10), "the rules were warmed up at start");

            using var huge = await client.PostAsync("/v1/claims/evaluate", new ByteArrayContent(new byte[3 * 1024 * 1024]) { Headers = { { "Content-Type", "application/json" } } }, timeout.Token);
            huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);

            using var health = await client.GetAsync("/health", timeout.Token);
            health.IsSuccessStatusCode.Should().BeTrue();
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }
}
