using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules.Tests.Telemetry;

/// <summary>Logs, metrics and traces: what they say, and that no patient data reaches them.</summary>
[Collection(nameof(TelemetryListeners))]
public sealed class TelemetryTests
{
    private const string BirthDate = "1931-07-13";
    private const string PatientName = "Jane Canaryfield";
    private const string MemberId = "MBR-CANARY-5521";
    private const string ClaimId = "CLAIM-CANARY-7731";
    private const string PayerName = "Canary Mutual Payer";
    private const string AuthorizationNumber = "AUTH-CANARY-9941";

    private static readonly string[] Canaries = [BirthDate, "07/13/1931", "1931", PatientName, "Canaryfield", MemberId, ClaimId, PayerName, AuthorizationNumber, "CANARY"];

    [Fact]
    public async Task No_patient_data_reaches_a_log_a_metric_tag_an_activity_tag_or_baggage()
    {
        using var capture = new TelemetryCapture();
        using var rules = RulesFolderCopy.Create();
        rules.MakeUnitsRuleThrowOn64999();
        using var provider = CreateProvider(capture, o => o.UseRulesFolder(rules.Root));
        var evaluator = provider.GetRequiredService<IClaimEvaluator>();

        // A readable claim full of identifying values, one with unknown identifying members, and one that makes a rule fail.
        (await evaluator.EvaluateJsonAsync(CanaryClaim().ToJsonString())).Findings.Should().Contain(f => f.RuleId == "ESI-BILAT-001", "the claim was read and evaluated");
        var unknown = CanaryClaim();
        unknown["patient"]!["name"] = PatientName;
        unknown["patient"]!["memberId"] = MemberId;
        unknown["notes"] = "Patient " + PatientName + " born " + BirthDate;
        (await evaluator.EvaluateJsonAsync(unknown.ToJsonString())).Findings.Should().OnlyContain(f => f.Severity == FindingSeverity.Reject);
        var failing = CanaryClaim();
        failing["lines"]!.AsArray().Add(JsonNode.Parse("""{ "line": 9, "code": "64999", "diagnosisPointers": [1], "serviceDate": "2026-03-10" }"""));
        var failed = async () => await evaluator.EvaluateJsonAsync(failing.ToJsonString());
        await failed.Should().ThrowAsync<RuleEvaluationException>();

        // A load that fails, too.
        using (var broken = CreateProvider(capture, o => o.RulesSource = RulesSource.FromFiles("broken", () => new Dictionary<string, string> { ["rule-sets/broken.json"] = "{ \"Id\": " })))
        {
            var load = () => broken.GetRequiredService<IClaimEvaluator>();
            load.Should().Throw<RuleSetLoadException>();
        }

        capture.Logs.Entries.Should().Contain(e => e.EventId.Name == "RulesLoaded");
        capture.Logs.Entries.Should().Contain(e => e.EventId.Name == "RuleFailed" && e.Text.Contains("CD-UNITS-001", StringComparison.Ordinal));
        capture.Measurements.Should().Contain(m => m.Instrument == "painbilling.rules.claim.evaluations");
        capture.Activities.Should().NotBeEmpty();

        var everything = capture.Logs.Entries.Select(e => "log: " + e.Text)
            .Concat(capture.Measurements.SelectMany(m => m.Tags.Select(t => $"metric {m.Instrument}: {t.Key}={Render(t.Value)}")))
            .Concat(capture.Activities.SelectMany(a => a.TagObjects.Select(t => $"activity {a.OperationName}: {t.Key}={Render(t.Value)}")
                .Concat(a.Baggage.Select(b => $"baggage {a.OperationName}: {b.Key}={b.Value}"))
                .Append($"activity {a.OperationName}: {a.DisplayName} {a.StatusDescription}")))
            .ToList();
        everything.Should().NotBeEmpty();
        foreach (var canary in Canaries)
        {
            everything.Where(s => s.Contains(canary, StringComparison.OrdinalIgnoreCase)).Should().BeEmpty($"'{canary}' is patient or claim data");
        }

        // The claim's own values stay out too: its procedure codes and diagnoses are not telemetry dimensions.
        everything.Where(s => s.Contains("M54.50", StringComparison.Ordinal) || s.Contains("L4-L5", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_evaluation_records_outcome_duration_findings_and_one_activity_with_the_rule_set_versions()
    {
        using var capture = new TelemetryCapture();
        using var provider = CreateProvider(capture, configure: null);
        var evaluator = provider.GetRequiredService<IClaimEvaluator>();
        var claim = CanaryClaim();
        claim["lines"]!.AsArray().Add(JsonNode.Parse("""{ "line": 4, "code": "97110", "diagnosisPointers": [1], "serviceDate": "2026-03-10" }"""));

        var evaluation = await evaluator.EvaluateJsonAsync(claim.ToJsonString());

        var mine = capture.Activities.Where(a => a.OperationName == "painbilling.rules.evaluate" && (string?)a.GetTagItem("painbilling.rules.outcome") == evaluation.Outcome.ToString()).ToList();
        mine.Should().NotBeEmpty();
        var activity = mine.Last();
        activity.Source.Name.Should().Be("PainBilling.Rules");
        activity.GetTagItem("painbilling.rules.rule_sets").Should().BeAssignableTo<string[]>()
            .Which.Should().Equal(evaluation.RuleSets.Select(r => r.Id + "@" + r.Version));
        capture.Measurements.Should().Contain(m => m.Instrument == "painbilling.rules.claim.evaluations" && m.HasTag("painbilling.rules.outcome", evaluation.Outcome.ToString()));
        capture.Measurements.Should().Contain(m => m.Instrument == "painbilling.rules.claim.evaluation.duration" && m.Value > 0);
        var finding = evaluation.Findings.First(f => f.Severity != FindingSeverity.Info);
        capture.Measurements.Should().Contain(m => m.Instrument == "painbilling.rules.findings"
            && m.HasTag("painbilling.rules.finding.category", finding.Category.ToString())
            && m.HasTag("painbilling.rules.finding.severity", finding.Severity.ToString()));
        capture.Measurements.Should().Contain(m => m.Instrument == "painbilling.rules.lines.not_evaluated");
        capture.Measurements.Should().Contain(m => m.Instrument == "painbilling.rules.load.duration" && m.HasTag("painbilling.rules.load.outcome", "success"));
        var loaded = capture.Logs.Entries.Should().Contain(e => e.EventId.Name == "RulesLoaded").Which;
        loaded.Level.Should().Be(LogLevel.Information);
        loaded.Text.Should().Contain("embedded").And.Contain("claim-data@");
    }

    private static ServiceProvider CreateProvider(TelemetryCapture capture, Action<ClaimEvaluatorOptions>? configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture.Logs));
        services.AddPainBillingRules(configure);
        return services.BuildServiceProvider();
    }

    private static JsonObject CanaryClaim()
    {
        var claim = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Samples, "medicare-tx-esi-denied.json")))!.AsObject();
        claim["claimId"] = ClaimId;
        claim["payer"]!["name"] = PayerName;
        claim["patient"] = new JsonObject { ["birthDate"] = BirthDate, ["sex"] = "F" };
        claim["priorAuthorizations"] = JsonNode.Parse($$"""[{ "number": "{{AuthorizationNumber}}", "codes": ["62323"], "validFrom": "2026-01-01", "validTo": "2026-12-31" }]""");
        return claim;
    }

    private static string Render(object? value) => value switch
    {
        string[] values => string.Join(",", values),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>Listens to the library's meter and activity source, and captures logs, for one test.</summary>
    private sealed class TelemetryCapture : IDisposable
    {
        private readonly MeterListener _meters = new();
        private readonly ActivityListener _activities;

        public TelemetryCapture()
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "PainBilling.Rules")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Measurements.Enqueue(new Measurement(i.Name, v, tags.ToArray())));
            _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Measurements.Enqueue(new Measurement(i.Name, v, tags.ToArray())));
            _meters.Start();
            _activities = new ActivityListener
            {
                ShouldListenTo = s => s.Name == "PainBilling.Rules",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a => Activities.Enqueue(a),
            };
            ActivitySource.AddActivityListener(_activities);
        }

        public CapturingLoggerProvider Logs { get; } = new();

        public ConcurrentQueue<Measurement> Measurements { get; } = new();

        public ConcurrentQueue<Activity> Activities { get; } = new();

        public void Dispose()
        {
            _meters.Dispose();
            _activities.Dispose();
        }
    }

    private sealed record Measurement(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)
    {
        public bool HasTag(string key, string value) => Tags.Any(t => t.Key == key && Equals(t.Value, value));
    }
}

/// <summary>Telemetry tests listen process-wide; they run one at a time.</summary>
[CollectionDefinition(nameof(TelemetryListeners), DisableParallelization = true)]
public sealed class TelemetryListeners;
