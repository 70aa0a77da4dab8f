using PainBilling.Rules.Claims;
using PainBilling.Rules.Expressions;
using PainBilling.Rules.RuleSets;
using RulesEngine.HelperFunctions;
using RulesEngine.Models;
using Re = RulesEngine.RulesEngine;

namespace PainBilling.Rules.Engine;

/// <summary>
/// The only type that touches Microsoft RulesEngine. It turns loaded rule sets into one immutable engine,
/// proves at load that every expression compiles and runs, and executes workflows for the evaluator.
/// </summary>
/// <remarks>
/// Settings follow the measured pitfalls of RulesEngine 6.0.1: formatted error messages off (messages come from rule
/// properties), input types not auto-registered (expressions reach only the claim views and <see cref="RuleData"/>),
/// the default expression compiler (FastExpressionCompiler threw a NullReferenceException in the scoped parameters of FACET-DIAG-001 on a synthetic claim where Expression.Compile did not, so it is not used), a cache sized above the rule count, and no
/// <c>AddOrUpdateWorkflow</c> on a live engine: a new snapshot means a new instance.
/// </remarks>
internal sealed class CompiledRules : IWorkflowRunner
{
    private const string ClaimParameter = "claim";
    private const string LineParameter = "line";
    private const string DataParameter = "data";

    private readonly Re _engine;
    private readonly Dictionary<string, Dictionary<string, RuleDefinition>> _rulesByWorkflow = new(StringComparer.Ordinal);

    public CompiledRules(LoadedRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var workflows = new List<Workflow>();
        foreach (var set in rules.RuleSets)
        {
            AddWorkflow(set, RuleScope.Line, set.LineWorkflow);
            AddWorkflow(set, RuleScope.Claim, set.ClaimWorkflow);
        }

        var settings = CreateSettings(rules);
        _engine = new Re(workflows.ToArray(), settings);

        void AddWorkflow(LoadedRuleSet set, RuleScope scope, string name)
        {
            var definitions = set.Rules.Where(r => r.Scope == scope).ToList();
            if (definitions.Count == 0)
            {
                return;
            }

            _rulesByWorkflow[name] = definitions.ToDictionary(r => r.RuleId, StringComparer.Ordinal);
            workflows.Add(new Workflow
            {
                WorkflowName = name,
                GlobalParams = set.GlobalParams.Select(p => new ScopedParam { Name = p.Name, Expression = p.Expression }).ToArray(),
                Rules = definitions.Select(r => new Rule
                {
                    RuleName = r.RuleId,
                    Expression = r.Expression,
                    RuleExpressionType = RuleExpressionType.LambdaExpression,
                    LocalParams = r.LocalParams.Select(p => new ScopedParam { Name = p.Name, Expression = p.Expression }).ToArray(),
                    Enabled = true,
                }).ToArray(),
            });
        }
    }

    /// <summary>The RulesEngine settings both evaluation paths parse expressions with (same allowed types, same compiler).</summary>
    internal static ReSettings CreateSettings(LoadedRules rules)
    {
        var ruleCount = rules.RuleSets.Sum(s => s.Rules.Count + s.Rules.Sum(r => r.LocalParams.Count) + s.GlobalParams.Count);
        return new ReSettings
        {
            CustomTypes = RuleExpressionTypes.All,
            AutoRegisterInputType = false,
            EnableFormattedErrorMessage = false,
            EnableExceptionAsErrorMessage = true,
            EnableExceptionAsErrorMessageForRuleExpressionParsing = true,
            IgnoreException = false,
            UseFastExpressionCompiler = false,
            EnableScopedParams = true,
            AutoExecuteActions = false,
            NestedRuleExecutionMode = NestedRuleExecutionMode.All,
            CacheConfig = new MemCacheConfig { SizeLimit = Math.Max(1000, ruleCount * 8) },
        };
    }

    /// <summary>Whether the workflow exists (a rule set may have only line or only claim rules).</summary>
    public bool HasWorkflow(string workflow) => _rulesByWorkflow.ContainsKey(workflow);

    /// <summary>
    /// Runs a workflow and returns the rules whose expression was true, with the values of their parameters.
    /// Any engine error is returned as <paramref name="error"/> instead: a broken rule is never a finding and never a pass.
    /// </summary>
    public IReadOnlyList<FiredRule> Execute(string workflow, ClaimView claim, LineView line, RuleData data, out RuleFailure? error)
        => Execute(workflow, claim, line, data, EvaluationDeadline.None, CancellationToken.None, out error);

    /// <summary>
    /// As above, within a deadline and a cancellation token. RulesEngine checks the token between rules; the deadline is
    /// checked once the workflow has run (the standard path cannot stop inside a workflow), naming its last rule.
    /// </summary>
    public IReadOnlyList<FiredRule> Execute(string workflow, ClaimView claim, LineView line, RuleData data, EvaluationDeadline deadline, CancellationToken cancellationToken, out RuleFailure? error)
    {
        error = null;
        if (!_rulesByWorkflow.TryGetValue(workflow, out var definitions))
        {
            return [];
        }

        var results = _engine.ExecuteAllRulesAsync(
            workflow,
            [new RuleParameter(ClaimParameter, claim), new RuleParameter(LineParameter, line), new RuleParameter(DataParameter, data)],
            cancellationToken).AsTask().GetAwaiter().GetResult();
        if (deadline.Passed && results.Count > 0)
        {
            error = new RuleFailure(results[^1].Rule.RuleName, deadline.Describe());
            return [];
        }

        var fired = new List<FiredRule>();
        foreach (var result in results)
        {
            if (!string.IsNullOrEmpty(result.ExceptionMessage))
            {
                error = new RuleFailure(result.Rule.RuleName, Sanitize(result.ExceptionMessage));
                return [];
            }

            if (result.IsSuccess)
            {
                fired.Add(new FiredRule(definitions[result.Rule.RuleName], result.Inputs ?? new Dictionary<string, object>()));
            }
        }

        return fired;
    }

    /// <summary>Engine messages can carry stack traces; keep the first line only.</summary>
    private static string Sanitize(string message)
    {
        var firstLine = message.Split('\n', 2)[0].Trim();
        return firstLine.Length > 400 ? firstLine[..400] + "…" : firstLine;
    }
}

/// <summary>A rule whose expression was true, and the values of its inputs and parameters.</summary>
internal sealed record FiredRule(RuleDefinition Rule, IReadOnlyDictionary<string, object> Values)
{
    /// <summary>The rule's message, remediation and source parsed when the unit compiled (compiled path only), with <see cref="Values"/> as <see cref="CapturedValues"/>.</summary>
    public TextTemplate[]? Texts { get; init; }
}

/// <summary>A rule that failed to compile or threw while running.</summary>
internal sealed record RuleFailure(string RuleId, string Reason);
