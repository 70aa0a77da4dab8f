using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.Tests.Telemetry;
using Xunit.Abstractions;

namespace PainBilling.Rules.Tests.Toolkit;

/// <summary>Hot reload: edits to a rules folder are loaded in the background and swapped in atomically; broken edits keep the last good rules.</summary>
public sealed partial class HotReloadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "painrules-reload-" + Guid.NewGuid().ToString("N"));
    private readonly string _claimData;
    private readonly string _codingEdits;

    private readonly ITestOutputHelper _output;

    public HotReloadTests(ITestOutputHelper output)
    {
        _output = output;
        // A small rules folder (system, reference tables and the two cross-cutting common sets) keeps each reload quick.
        foreach (var file in Directory.EnumerateFiles(Repository.RulesJson, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repository.RulesJson, file).Replace('\\', '/');
            if (relative == "system.json" || relative.StartsWith("reference/", StringComparison.Ordinal)
                || relative is "rule-sets/common/claim-data.json" or "rule-sets/common/coding-edits.json")
            {
                var target = Path.Combine(_root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        _claimData = File.ReadAllText(Path.Combine(_root, "rule-sets/common/claim-data.json"));
        _codingEdits = File.ReadAllText(Path.Combine(_root, "rule-sets/common/coding-edits.json"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Four_threads_evaluate_without_failure_while_the_folder_changes_50_times_and_each_evaluation_sees_one_snapshot()
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var evaluator = new ReloadingClaimEvaluator(_root, new ClaimEvaluatorOptions { ReloadDebounce = TimeSpan.FromMilliseconds(50) }, loggerFactory.CreateLogger("PainBilling.Rules"));
        var published = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal) { [Signature(evaluator.Library)] = true };
        var reloads = 0;
        var failures = 0;
        evaluator.Reloaded += (_, e) =>
        {
            published[Signature(e.Current)] = true;
            Interlocked.Increment(ref reloads);
        };
        evaluator.ReloadFailed += (_, _) => Interlocked.Increment(ref failures);

        var claim = File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-clean.json"));
        var seen = new ConcurrentBag<string>();
        var errors = new ConcurrentBag<Exception>();
        var evaluations = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var evaluation = evaluator.EvaluateJsonAsync(claim).GetAwaiter().GetResult();
                        seen.Add(Signature(evaluation));
                        Interlocked.Increment(ref evaluations);
                    }
#pragma warning disable CA1031 // Every failure is counted and asserted on.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        errors.Add(ex);
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        string? lastGood = null;
        for (var change = 0; change < 50; change++)
        {
            if (change % 5 == 2)
            {
                if (change < 10)
                {
                    var good = lastGood;
                    Wait(() => Signature(evaluator.Library) == good, $"change {change - 1} is swapped in");
                }

                var failuresBefore = Volatile.Read(ref failures);
                Write("rule-sets/common/claim-data.json", change % 2 == 0
                    ? "{ \"Id\": "
                    : _claimData.Replace("\"Severity\": \"Reject\"", "\"Severity\": \"Rejected\"", StringComparison.Ordinal));
                if (change < 10)
                {
                    Wait(() => Volatile.Read(ref failures) > failuresBefore, "a broken change is reported");
                    Signature(evaluator.Library).Should().Be(lastGood, "a broken change keeps the last good snapshot");
                }
            }
            else
            {
                var version = $"9.{change}.0";
                Write("rule-sets/common/claim-data.json", WithVersion(_claimData, version));
                Write("rule-sets/common/coding-edits.json", WithVersion(_codingEdits, version));
                lastGood = $"{version}|{version}";
                if (change % 10 == 9)
                {
                    var expected = lastGood;
                    Wait(() => Signature(evaluator.Library) == expected, $"change {change} is swapped in");
                }
            }

            Thread.Sleep(60);
        }

        Wait(() => Signature(evaluator.Library) == lastGood, "the last change is swapped in");
        Thread.Sleep(300);
        stop.Cancel();
        await Task.WhenAll(workers);

        _output.WriteLine($"{evaluations} evaluations on 4 threads, {reloads} reloads, {failures} failed reloads, {seen.Distinct().Count()} snapshots seen, {errors.Count} failed evaluations");
        errors.Should().BeEmpty("no evaluation fails while the rules change");
        evaluations.Should().BeGreaterThan(100);
        reloads.Should().BeGreaterThanOrEqualTo(5);
        failures.Should().BeGreaterThanOrEqualTo(1);
        seen.Distinct().Where(s => !published.ContainsKey(s)).Should().BeEmpty("every evaluation reports the versions of one snapshot that was in force");
        seen.Distinct().Count().Should().BeGreaterThan(1, "evaluations ran on several snapshots");
        logs.Entries.Should().Contain(e => e.EventId.Name == "RulesReloadFailed" && e.Level == LogLevel.Error);
        logs.Entries.Should().Contain(e => e.EventId.Name == "RulesReloaded");
    }

    [Fact]
    public void After_dispose_changes_are_not_loaded_and_nothing_keeps_running()
    {
        var evaluator = new ReloadingClaimEvaluator(_root, new ClaimEvaluatorOptions { ReloadDebounce = TimeSpan.FromMilliseconds(20) });
        var reloads = 0;
        evaluator.Reloaded += (_, _) => Interlocked.Increment(ref reloads);
        var before = Signature(evaluator.Library);

        evaluator.Dispose();
        Write("rule-sets/common/claim-data.json", WithVersion(_claimData, "9.99.0"));
        Thread.Sleep(1000);

        reloads.Should().Be(0);
        evaluator.ReloadNow().Should().BeFalse();
        Signature(evaluator.Library).Should().Be(before);
    }

    [Fact]
    public async Task Dependency_injection_registers_a_reloading_evaluator_for_a_watched_folder()
    {
        var services = new ServiceCollection();
        services.AddPainBillingRules(o =>
        {
            o.UseRulesFolder(_root, reload: true);
            o.ReloadDebounce = TimeSpan.FromMilliseconds(20);
        });
        ReloadingClaimEvaluator reloading;
        await using (var provider = services.BuildServiceProvider())
        {
            reloading = provider.GetRequiredService<IClaimEvaluator>().Should().BeOfType<ReloadingClaimEvaluator>().Subject;
            provider.GetRequiredService<RuleLibrary>().Should().BeSameAs(reloading.Library);
            Write("rule-sets/common/claim-data.json", WithVersion(_claimData, "9.1.0"));
            Wait(() => reloading.Library.RuleSets.Any(s => s.Version == "9.1.0"), "the change is loaded");
            var evaluation = await reloading.EvaluateJsonAsync(File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-clean.json")));
            evaluation.RuleSets.Should().Contain(new RuleSetReference("claim-data", "9.1.0"));
        }

        reloading.ReloadNow().Should().BeFalse("the container disposed the evaluator");
    }

    private static string Signature(RuleLibrary library)
        => $"{library.RuleSets.Single(s => s.Id == "claim-data").Version}|{library.RuleSets.Single(s => s.Id == "coding-edits").Version}";

    private static string Signature(ClaimEvaluation evaluation)
        => $"{evaluation.RuleSets.Single(s => s.Id == "claim-data").Version}|{evaluation.RuleSets.Single(s => s.Id == "coding-edits").Version}";

    private static string WithVersion(string ruleSet, string version) => VersionMember().Replace(ruleSet, $"\"Version\": \"{version}\"", 1);

    private static void Wait(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }

            Thread.Sleep(25);
        }
    }

    private void Write(string relative, string content) => File.WriteAllText(Path.Combine(_root, relative), content);

    [GeneratedRegex("\"Version\": \"[^\"]*\"")]
    private static partial Regex VersionMember();
}
