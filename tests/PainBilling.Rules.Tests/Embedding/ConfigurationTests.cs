using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.Embedding;

/// <summary>Configuration binding, validation at start, the warm-up, the health check and host-supplied rules sources.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void Options_bind_from_a_configuration_section()
    {
        using var folder = RulesFolderCopy.Create();
        var configuration = Configuration(new()
        {
            ["PainBillingRules:RulesFolder"] = folder.Root,
            ["PainBillingRules:EvaluationBudget"] = "00:00:02.5",
            ["PainBillingRules:ReloadOnChange"] = "false",
            ["PainBillingRules:ReloadDebounce"] = "00:00:00.250",
            ["PainBillingRules:LatestServiceDate"] = "2027-12-31",
        });
        var services = new ServiceCollection();
        services.AddPainBillingRules(configuration.GetSection("PainBillingRules"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ClaimEvaluatorOptions>>().Value;

        options.RulesFolder.Should().Be(Path.GetFullPath(folder.Root));
        options.EvaluationBudget.Should().Be(TimeSpan.FromSeconds(2.5));
        options.ReloadDebounce.Should().Be(TimeSpan.FromMilliseconds(250));
        options.LatestServiceDate.Should().Be(new DateOnly(2027, 12, 31));
        provider.GetRequiredService<RuleLibrary>().Source.Description.Should().Be(Path.GetFullPath(folder.Root));
    }

    [Fact]
    public void A_misspelt_setting_is_an_error_not_ignored()
    {
        var configuration = Configuration(new() { ["PainBillingRules:RulesFoldr"] = "rules-json" });
        var services = new ServiceCollection();
        services.AddPainBillingRules(configuration.GetSection("PainBillingRules"));
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<ClaimEvaluatorOptions>>().Value;

        read.Should().Throw<InvalidOperationException>().WithMessage("*RulesFoldr*");
    }

    [Fact]
    public async Task A_host_with_a_missing_rules_folder_or_a_bad_budget_does_not_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PainBillingRules:RulesFolder"] = Path.Combine(Path.GetTempPath(), "no-such-rules-" + Guid.NewGuid().ToString("N")),
            ["PainBillingRules:EvaluationBudget"] = "-00:00:01",
            ["PainBillingRules:ReloadDebounce"] = "-00:00:01",
        });
        builder.Services.AddPainBillingRules(builder.Configuration.GetSection("PainBillingRules"));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.Failures.Should().Contain(f => f.Contains("RulesFolder", StringComparison.Ordinal)).And.Contain(f => f.Contains("EvaluationBudget", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("ReloadDebounce", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_warm_up_loads_the_rules_when_the_host_starts()
    {
        using var folder = RulesFolderCopy.Create();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPainBillingRules(o => o.UseRulesFolder(folder.Root));
        using var host = builder.Build();

        await host.StartAsync();
        File.WriteAllText(folder.Path("rule-sets/common/claim-data.json"), "{ broken");
        var evaluator = host.Services.GetRequiredService<IClaimEvaluator>();
        await host.StopAsync();

        ((ClaimEvaluator)evaluator).Library.Rules.Should().NotBeEmpty("the rules were loaded at start, before the file broke");
    }

    [Fact]
    public async Task A_broken_rules_folder_stops_the_host_at_start()
    {
        using var folder = RulesFolderCopy.Create();
        File.WriteAllText(folder.Path("rule-sets/common/claim-data.json"), "{ broken");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPainBillingRules(o => o.UseRulesFolder(folder.Root));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        await start.Should().ThrowAsync<RuleSetLoadException>();
    }

    [Fact]
    public async Task The_health_check_reports_versions_and_coverage()
    {
        var healthy = await CheckAsync(new DateOnly(2026, 11, 15), rulesFolder: null);
        var late = await CheckAsync(new DateOnly(2031, 1, 1), rulesFolder: null);
        var broken = await CheckAsync(new DateOnly(2026, 11, 15), rulesFolder: Path.Combine(Path.GetTempPath(), "no-such-rules-" + Guid.NewGuid().ToString("N")));

        healthy.Status.Should().BeOneOf(HealthStatus.Healthy, HealthStatus.Degraded);
        healthy.Data["ruleSets"].Should().BeAssignableTo<string[]>().Which.Should().Contain(s => s.StartsWith("claim-data@", StringComparison.Ordinal));
        healthy.Data["referenceTablesInForce"].Should().BeAssignableTo<string[]>().Which.Should().NotBeEmpty();
        late.Status.Should().Be(HealthStatus.Degraded);
        late.Data["referenceTablesNotInForce"].Should().BeAssignableTo<string[]>().Which.Should().NotBeEmpty();
        late.Description.Should().Contain("2031-01-01");
        broken.Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task A_host_may_supply_its_own_rules_source()
    {
        var files = Directory.EnumerateFiles(Repository.RulesJson, "*", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(Repository.RulesJson, f).Replace('\\', '/'), Full: f))
            .Where(f => !f.Path.StartsWith("fixtures/", StringComparison.Ordinal))
            .ToDictionary(f => f.Path, f => File.ReadAllText(f.Full));
        var reads = 0;
        var services = new ServiceCollection();
        services.AddPainBillingRules(o => o.RulesSource = RulesSource.FromFiles("rules-db", () =>
        {
            reads++;
            return files;
        }));
        using var provider = services.BuildServiceProvider();

        var library = provider.GetRequiredService<RuleLibrary>();
        var evaluation = await provider.GetRequiredService<IClaimEvaluator>().EvaluateJsonAsync(File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json")));

        reads.Should().Be(1);
        library.Source.Description.Should().Be("rules-db");
        library.Rules.Select(r => r.RuleId).Should().BeEquivalentTo(TestRules.Library.Rules.Select(r => r.RuleId));
        evaluation.Findings.Should().Contain(f => f.RuleId == "ESI-BILAT-001");
        var stray = () => RuleLibrary.Load(RulesSource.FromFiles("rules-db", () => new Dictionary<string, string>(files) { ["rule-sets/notes.txt"] = "x" }));
        stray.Should().Throw<RuleSetLoadException>().WithMessage("*notes.txt*");
    }

    private static async Task<HealthReportEntry> CheckAsync(DateOnly today, string? rulesFolder)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FixedClock(today));
        if (rulesFolder is null)
        {
            services.AddPainBillingRules();
        }
        else
        {
            services.AddPainBillingRules(o => o.RulesSource = RulesSource.FromFolder(rulesFolder));
        }

        services.AddHealthChecks().AddPainBillingRules();
        using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[PainBillingRulesHealthChecksBuilderExtensions.DefaultName];
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values)
        => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private sealed class FixedClock(DateOnly today) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }
}
