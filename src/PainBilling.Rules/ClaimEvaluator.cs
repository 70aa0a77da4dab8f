using PainBilling.Rules.Claims;
using PainBilling.Rules.Engine;
using PainBilling.Rules.Evaluations;
using PainBilling.Rules.Expressions;
using PainBilling.Rules.RuleSets;

namespace PainBilling.Rules;

/// <summary>The <see cref="IClaimEvaluator"/> over a <see cref="RuleLibrary"/>. Thread-safe and deterministic.</summary>
public sealed partial class ClaimEvaluator : IClaimEvaluator
{
    /// <summary>The family label of rule sets that apply to every line (always reported as applied when in scope).</summary>
    private const string CrossCutting = "Cross-cutting";

    private readonly RuleLibrary _library;
    private readonly IWorkflowRunner _runner;
    private readonly TimeSpan _budget;
    private readonly TimeProvider? _clock;
    private readonly DateOnly? _latestServiceDate;

    /// <summary>Creates an evaluator over a loaded library, with the default evaluation budget.</summary>
    /// <param name="library">The rules to apply.</param>
    public ClaimEvaluator(RuleLibrary library)
        : this(library, null, EvaluationPath.Compiled)
    {
    }

    /// <summary>Creates an evaluator over a loaded library.</summary>
    /// <param name="library">The rules to apply.</param>
    /// <param name="options">Options (the evaluation budget); <see langword="null"/> for the defaults.</param>
    public ClaimEvaluator(RuleLibrary library, ClaimEvaluatorOptions? options)
        : this(library, options, EvaluationPath.Compiled)
    {
    }

    /// <summary>Creates an evaluator that runs the rules through <paramref name="path"/> (the fast compiled path, or RulesEngine's standard execution).</summary>
    internal ClaimEvaluator(RuleLibrary library, EvaluationPath path)
        : this(library, null, path)
    {
    }

    internal ClaimEvaluator(RuleLibrary library, ClaimEvaluatorOptions? options, EvaluationPath path)
    {
        ArgumentNullException.ThrowIfNull(library);
        var budget = options?.EvaluationBudget ?? ClaimEvaluatorOptions.DefaultEvaluationBudget;
        if (budget <= TimeSpan.Zero && budget != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), budget, "EvaluationBudget must be positive, or Timeout.InfiniteTimeSpan");
        }

        _library = library;
        _budget = budget;
        _clock = options?.Clock;
        _latestServiceDate = options?.LatestServiceDate;
        _runner = path == EvaluationPath.RulesEngine ? library.Standard : library.Compiled;
    }

    /// <summary>The most time one claim's evaluation may take (see <see cref="ClaimEvaluatorOptions.EvaluationBudget"/>).</summary>
    public TimeSpan EvaluationBudget => _budget;

    /// <summary>The rules this evaluator applies.</summary>
    public RuleLibrary Library => _library;

    /// <summary>Creates an evaluator over the rules shipped in the package.</summary>
    /// <returns>The evaluator.</returns>
    public static ClaimEvaluator CreateDefault() => new(RuleLibrary.Load(RulesSource.Embedded));

    /// <summary>The latest plausible date of service: the host's explicit horizon, else its clock's date plus a day, else none.</summary>
    private DateOnly? Horizon()
    {
        if (_latestServiceDate is { } latest)
        {
            return latest;
        }

        return _clock is null ? null : DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(ClaimLimits.ClockToleranceDays);
    }

    /// <summary>Evaluates one claim without telemetry (see <c>ClaimEvaluator.Telemetry.cs</c> for the public entry points).</summary>
    private ClaimEvaluation EvaluateCore(Claim claim, CancellationToken cancellationToken)
    {
        var problems = ClaimShapeValidator.Validate(claim, Horizon());
        if (problems.Count > 0)
        {
            var id = claim?.ClaimId ?? string.Empty;
            return Reject(ClaimShapeValidator.IsEchoableClaimId(id) ? id : string.Empty, problems);
        }

        var deadline = EvaluationDeadline.After(_budget);
        var sink = _runner is FastRules ? new FastRules.FiringSink(deadline, cancellationToken) : null;
        var view = ClaimView.From(claim);

        // The working collections of one evaluation, reused by the next one on this thread (taken, so that an evaluation
        // that somehow started inside another would get its own).
        var scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        scratch.Clear();
        var findings = scratch.Findings;
        var used = scratch.Used;
        var claimLevel = scratch.ClaimLevel;
        var notEvaluated = _library.Loaded.System.NotEvaluated;
        var applicable = scratch.Applicable;
        var incomplete = false;
        var replacedRules = scratch.ReplacedRules;
        var policies = scratch.Policies;
        HashSet<string>? replacedAnywhere = null;
        RuleData? lastData = null;

        foreach (var line in view.Lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var data = _library.DataFor(line.ServiceDate);
            if (!ReferenceEquals(data, lastData))
            {
                // The tables in force on the line's date (one set of them per date; lines of one date add nothing new).
                foreach (var table in data.TableReferences)
                {
                    used.Add(table);
                }

                lastData = data;
            }

            applicable.Clear();
            _library.Index.Applicable(view, line.ServiceDate, data, applicable);
            if (_library.HasPayerPolicies && PayerPolicies.Apply(applicable, replacedRules, policies))
            {
                // A payer policy takes precedence over what it replaces; it is reported as applied wherever it does.
                policies.ForEach(p => used.Add(p.Reference));
                (replacedAnywhere ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(replacedRules);
            }
            var family = data.Family(line.Code);
            if (!AnyCovers(applicable, family))
            {
                var values = FindingFormatter.BuiltIns(view, line, string.Empty);
                findings.Add(FromTemplate(notEvaluated, line.Line, line.Code, values));
                incomplete = true;
            }

            foreach (var set in applicable)
            {
                var covers = RuleSetIndex.Covers(set, family);
                if (set.Scope.Lines == LineSelection.Covered && !covers)
                {
                    continue;
                }

                var before = findings.Count;
                Run(set, set.LineWorkflow, view, line, data, findings, lineLevel: true, deadline, sink, cancellationToken);
                if (replacedRules.Count > 0)
                {
                    RemoveReplaced(findings, before, replacedRules);
                }
                claimLevel.TryAdd(set, line);

                // Reported as applied: cross-cutting sets, family sets for the lines of their families, and any set that found something.
                if (set.Covers.Count == 0 || set.Family == CrossCutting || covers || findings.Count > before)
                {
                    used.Add(set.Reference);
                }
            }
        }

        foreach (var (set, line) in claimLevel)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = findings.Count;
            Run(set, set.ClaimWorkflow, view, line, _library.DataFor(line.ServiceDate), findings, lineLevel: false, deadline, sink, cancellationToken);
            if (replacedAnywhere is not null)
            {
                RemoveReplaced(findings, before, replacedAnywhere);
            }
            if (findings.Count > before)
            {
                used.Add(set.Reference);
            }
        }

        var evaluation = ClaimEvaluation.Create(view.ClaimId, used, findings, incomplete);

        // Emptied before it is kept: an idle thread holds no claim's findings, nor a replaced library's rule sets.
        scratch.Clear();
        t_scratch = scratch;
        return evaluation;
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>The collections one evaluation works with (copied into the evaluation at its end, so they can be reused).</summary>
    private sealed class Scratch
    {
        public List<Finding> Findings { get; } = [];

        /// <summary>
        /// The rule-set and table versions applied: shared objects (one per version), compared by reference here and by
        /// value once, when the evaluation is built.
        /// </summary>
        public HashSet<RuleSetReference> Used { get; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>Each rule-set version that ran on a line, with the first line it ran on (a version is one shared object: keyed by reference; enumerated in insertion order).</summary>
        public Dictionary<LoadedRuleSet, LineView> ClaimLevel { get; } = new(ReferenceEqualityComparer.Instance);

        public List<LoadedRuleSet> Applicable { get; } = [];

        public HashSet<string> ReplacedRules { get; } = new(StringComparer.Ordinal);

        public List<LoadedRuleSet> Policies { get; } = [];

        public void Clear()
        {
            Findings.Clear();
            Used.Clear();
            ClaimLevel.Clear();
            Applicable.Clear();
            ReplacedRules.Clear();
            Policies.Clear();
        }
    }

    private static bool AnyCovers(List<LoadedRuleSet> applicable, string family)
    {
        foreach (var set in applicable)
        {
            if (RuleSetIndex.Covers(set, family))
            {
                return true;
            }
        }

        return false;
    }

    private static void RemoveReplaced(List<Finding> findings, int from, HashSet<string> replaced)
    {
        for (var i = findings.Count - 1; i >= from; i--)
        {
            if (replaced.Contains(findings[i].RuleId))
            {
                findings.RemoveAt(i);
            }
        }
    }

    private void Run(LoadedRuleSet set, string workflow, ClaimView claim, LineView line, RuleData data, List<Finding> findings, bool lineLevel, EvaluationDeadline deadline, FastRules.FiringSink? sink, CancellationToken cancellationToken)
    {
        if (!_runner.HasWorkflow(workflow))
        {
            return;
        }

        RuleFailure? error;
        var fired = sink is not null
            ? ((FastRules)_runner).Execute(workflow, claim, line, data, sink, out error)
            : _runner.Execute(workflow, claim, line, data, deadline, cancellationToken, out error);
        if (error is not null)
        {
            throw new RuleEvaluationException(set.Key, error.RuleId, claim.ClaimId, lineLevel ? line.Line : null, error.Reason);
        }

        foreach (var rule in fired)
        {
            var r = rule.Rule;
            string message, remediation, source;
            if (rule is { Texts: { } texts, Values: CapturedValues captured })
            {
                // Compiled path: texts parsed when the unit compiled.
                message = texts[0].Format(claim, line, set.Key, captured.Raw);
                remediation = texts[1].Format(claim, line, set.Key, captured.Raw);
                source = texts[2].Format(claim, line, set.Key, captured.Raw);
            }
            else
            {
                message = FindingFormatter.Format(r.Message, claim, line, set.Key, rule.Values);
                remediation = FindingFormatter.Format(r.Remediation, claim, line, set.Key, rule.Values);
                source = FindingFormatter.Format(r.Source, claim, line, set.Key, rule.Values);
            }

            findings.Add(new Finding
            {
                RuleId = r.RuleId,
                Category = r.Category,
                Severity = r.Severity,
                Line = lineLevel ? line.Line : null,
                Code = lineLevel ? line.Code : null,
                Message = message,
                Remediation = remediation,
                Carc = r.Carc,
                Source = source,
            });
        }
    }

    private ClaimEvaluation Reject(string claimId, IReadOnlyList<ClaimDataProblem> problems)
    {
        var template = _library.Loaded.System.ClaimUnreadable;
        var findings = problems.Select(p => FromTemplate(template, null, null, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["path"] = new TrustedText(p.Path),
            ["reason"] = new TrustedText(p.Reason),
        }));
        return ClaimEvaluation.Create(claimId, [], findings);
    }

    private static Finding FromTemplate(FindingTemplate template, int? line, string? code, IReadOnlyDictionary<string, object?> values) => new()
    {
        RuleId = template.RuleId,
        Category = template.Category,
        Severity = template.Severity,
        Line = line,
        Code = code,
        Message = FindingFormatter.Format(template.Message, values),
        Remediation = FindingFormatter.Format(template.Remediation, values),
        Carc = template.Carc,
        Source = FindingFormatter.Format(template.Source, values),
    };
}
