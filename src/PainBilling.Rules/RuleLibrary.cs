using System.Collections.Concurrent;
using PainBilling.Rules.Claims;
using PainBilling.Rules.Engine;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.Expressions;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules;

/// <summary>
/// Loaded, validated and compiled rule sets and reference tables: an immutable snapshot.
/// Loading proves every rule compiles and runs on synthetic claims at each version's dates; a broken rule file
/// throws <see cref="RuleSetLoadException"/> naming the file, rule and reason.
/// </summary>
/// <remarks>Thread-safe. To pick up edited rule files, load a new library and build a new evaluator from it.</remarks>
public sealed class RuleLibrary
{
    private readonly ConcurrentDictionary<DateOnly, RuleData> _dataByDate = new();
    private readonly ConcurrentDictionary<string, ReferenceIndex> _indexes = new(StringComparer.Ordinal);
    private readonly Lazy<CompiledRules> _standard;

    private RuleLibrary(RulesSource source, LoadedRules loaded)
    {
        Source = source;
        Loaded = loaded;
        var settings = CompiledRules.CreateSettings(loaded);

        // Every expression is parsed and its tree checked against the allow-list before either path compiles it.
        var parsed = ExpressionGuard.CheckAll(loaded, settings);
        Compiled = new FastRules(loaded, settings, parsed);
        _standard = new Lazy<CompiledRules>(() => VerifyEveryRuleRuns(new CompiledRules(loaded)), LazyThreadSafetyMode.ExecutionAndPublication);
        RuleSets = loaded.RuleSets
            .OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.Effective.From)
            .Select(s => new RuleSetDescription
            {
                Id = s.Id,
                Version = s.Version,
                Title = s.Title,
                Family = s.Family,
                File = s.File,
                Effective = s.Effective,
                Scope = s.DescribeScope(),
                Covers = s.Covers,
                Sources = s.Sources,
                RuleCount = s.Rules.Count,
                Extends = s.Extends,
                Replaces = s.ReplacesRuleSets.Select(id => "rule set " + id).Concat(s.ReplacesRules.Select(id => "rule " + id)).ToArray(),
            }).ToArray();
        Rules = loaded.RuleSets
            .SelectMany(s => s.Rules.Select(r => (Set: s, Rule: r)))
            .GroupBy(x => x.Rule.RuleId, StringComparer.Ordinal)
            .Select(g =>
            {
                var latest = g.OrderBy(x => x.Set.Effective.From).Last();
                var first = g.OrderBy(x => x.Set.Effective.From).First();
                return new RuleDescription
                {
                    RuleId = g.Key,
                    RuleSet = latest.Set.Id,
                    Versions = g.Select(x => x.Set.Version).ToArray(),
                    Family = latest.Set.Family,
                    Category = latest.Rule.Category,
                    Severity = latest.Rule.Severity,
                    Carc = latest.Rule.Carc,
                    Scope = latest.Set.DescribeScope(),
                    Effective = new EffectiveWindow(first.Set.Effective.From, latest.Set.Effective.To),
                    Message = latest.Rule.Message,
                    Source = latest.Rule.Source,
                };
            })
            .OrderBy(r => r.Family, StringComparer.Ordinal).ThenBy(r => r.RuleId, StringComparer.Ordinal)
            .ToArray();
        ReferenceTables = loaded.Tables.Versions
            .OrderBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.Effective.From)
            .Select(v => new RuleSetReference("reference/" + v.Name, v.Version))
            .ToArray();
        VerifyEveryRuleRuns(Compiled);
        Index = new RuleSetIndex(loaded.RuleSets);
        ProveOnFixtureClaims();
    }

    /// <summary>Where the rules were read from.</summary>
    public RulesSource Source { get; }

    /// <summary>Every loaded rule-set version, ordered by id and date.</summary>
    public IReadOnlyList<RuleSetDescription> RuleSets { get; }

    /// <summary>Every rule, ordered by family and id.</summary>
    public IReadOnlyList<RuleDescription> Rules { get; }

    /// <summary>Every loaded reference-table version (as <c>reference/&lt;table&gt;</c>).</summary>
    public IReadOnlyList<RuleSetReference> ReferenceTables { get; }

    internal LoadedRules Loaded { get; }

    /// <summary>The rules compiled for evaluation (<see cref="FastRules"/>): what loading proves and evaluators run by default.</summary>
    internal FastRules Compiled { get; }

    /// <summary>RulesEngine's standard execution of the same workflows, built and proven on first use (kept as an option and as the reference the fast path is tested against).</summary>
    internal CompiledRules Standard => _standard.Value;

    /// <summary>Whether any rule set is a payer policy that replaces others (see <c>RuleSets/PayerPolicies</c>).</summary>
    internal bool HasPayerPolicies => _hasPayerPolicies ??= Loaded.RuleSets.Any(s => s.IsPayerPolicy);

    private bool? _hasPayerPolicies;

    /// <summary>The rule sets indexed by payer type, for finding the sets that apply to a line.</summary>
    internal RuleSetIndex Index { get; }

    /// <summary>Loads, validates and compiles the rules from <paramref name="source"/>.</summary>
    /// <param name="source">The rules source; <see cref="RulesSource.Embedded"/> for the shipped rules.</param>
    /// <returns>The library.</returns>
    /// <exception cref="RuleSetLoadException">A file, rule or table is invalid; the message names file, rule and reason.</exception>
    public static RuleLibrary Load(RulesSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        RuleLibrary library;
        try
        {
            // Parsing is recursive: a thread with a known, large stack means no rule file can overflow it.
            library = ExpressionGuard.LargeStack(() =>
            {
                try
                {
                    return new RuleLibrary(source, RuleSetLoader.Load(source));
                }
                catch (RuleSetLoadException)
                {
                    throw;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Whatever went wrong, a host sees a load error naming the source, never an engine exception.
                    throw new RuleSetLoadException(source.Description, null, $"the rules could not be loaded ({ex.GetType().Name}: {ex.Message.Split('\n', 2)[0].Trim()})", ex);
                }
            });
        }
        catch
        {
            Telemetry.RulesTelemetry.RecordLoad(started, succeeded: false);
            throw;
        }

        library.LoadDuration = Telemetry.RulesTelemetry.RecordLoad(started, succeeded: true);
        return library;
    }

    /// <summary>How long <see cref="Load"/> took (read, validate, compile and prove every rule).</summary>
    internal TimeSpan LoadDuration { get; private set; }

    /// <summary>The reference data in force on a date of service.</summary>
    internal RuleData DataFor(DateOnly date) => _dataByDate.GetOrAdd(date, d =>
    {
        var tables = Loaded.Tables.InForce(d);
        return new RuleData(d, _indexes.GetOrAdd(ReferenceIndex.KeyOf(tables), _ => new ReferenceIndex(tables, Loaded.Tables.Versions)));
    });

    /// <summary>
    /// Runs every rule on synthetic claims at each version's first and last date (with HCPCS letter codes among the
    /// codes). Every rule that fails is reported, not only the first.
    /// </summary>
    private T VerifyEveryRuleRuns<T>(T runner)
        where T : IWorkflowRunner
    {
        var errors = Loaded.NewErrors();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in Loaded.RuleSets)
        {
            var dates = new[] { set.Effective.From, set.Effective.To ?? set.Effective.From }.Distinct();
            foreach (var date in dates)
            {
                foreach (var claim in SyntheticClaims.For(set, date, DataFor(date)))
                {
                    var view = ClaimView.From(claim);
                    var data = DataFor(date);
                    foreach (var line in view.Lines)
                    {
                        Check(set, set.LineWorkflow, view, line, data, date);
                    }

                    Check(set, set.ClaimWorkflow, view, view.Lines[0], data, date);
                }
            }
        }

        errors.ThrowIfAny();
        return runner;

        void Check(LoadedRuleSet set, string workflow, ClaimView claim, LineView line, RuleData data, DateOnly date)
        {
            runner.Prove(workflow, claim, line, data, out var error);
            if (error is not null && failed.Add(error.RuleId))
            {
                errors.Add(set.File, error.RuleId, $"does not compile or run (checked on a synthetic claim dated {date:yyyy-MM-dd}): {error.Reason}");
            }
        }
    }

    /// <summary>Evaluates the claims of the fixtures that come with a rules folder: a rule that throws on one is a load error.</summary>
    private void ProveOnFixtureClaims()
    {
        var fixtures = Source.FixtureClaims();
        if (fixtures.Count == 0)
        {
            return;
        }

        var errors = Loaded.NewErrors();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var files = Loaded.RuleSets.ToDictionary(s => s.Key, s => s.File, StringComparer.Ordinal);
        var evaluator = new ClaimEvaluator(this, new ClaimEvaluatorOptions { EvaluationBudget = Timeout.InfiniteTimeSpan });
        foreach (var (name, json) in fixtures)
        {
            try
            {
                evaluator.Evaluate(ClaimJson.Read(json));
            }
            catch (RuleEvaluationException ex)
            {
                if (failed.Add(ex.RuleId))
                {
                    errors.Add(files.GetValueOrDefault(ex.RuleSet, ex.RuleSet), ex.RuleId, $"does not run on the claim of fixture {name}: {ex.Reason}");
                }
            }
        }

        errors.ThrowIfAny();
    }
}
