using System.Linq.Expressions;
using PainBilling.Rules.Expressions;
using PainBilling.Rules.RuleSets;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace PainBilling.Rules.Engine;

/// <summary>
/// The fast evaluation path: the same rule files, parsed by RulesEngine's own <see cref="RuleExpressionParser"/>
/// (System.Linq.Dynamic.Core, the same settings and allowed types as <see cref="CompiledRules"/>), but run as one
/// compiled delegate per rule set and scope instead of through <c>ExecuteAllRulesAsync</c>.
/// </summary>
/// <remarks>
/// <para>Each unit (a rule set's line rules, or its claim rules) is one expression tree with typed parameters
/// <c>claim</c>, <c>line</c>, <c>data</c>: it assigns the GlobalParams once, in file order, each parsed with the earlier
/// ones in scope and typed by its parsed expression; then, rule by rule, the rule's LocalParams the same way and its
/// expression (parsed as <see cref="bool"/>). This mirrors how RulesEngine scopes and types parameters, so both paths
/// see the same values; the differential test proves the evaluations identical.</para>
/// <para>Parameters are computed on first use (a flag per parameter): a rule whose expression is decided before it
/// reaches a parameter never computes it. RulesEngine computes every parameter before its rule, so the only observable
/// difference is for a parameter that throws where its rule does not need it: RulesEngine fails the rule, this path does
/// not. The load-time proof (<see cref="Prove"/>) therefore runs eagerly, as RulesEngine does, so such a parameter still
/// stops loading when a synthetic claim reaches it.</para>
/// <para>Each parameter's expression is compiled once, as its own delegate taking <c>claim</c>, <c>line</c>, <c>data</c>
/// and the parameters it reads; the unit calls it where the parameter is first needed. LINQ chains that end in an eager
/// operator are fused into loops (<see cref="LinqFusion"/>) and the remaining nested lambdas are compiled once and bound
/// by value (<see cref="NestedLambdas"/>), in the parameters' delegates and in the unit alike.</para>
/// <para>Nothing is allocated for a rule that does not fire: no result tree, no parameter dictionary, no message.
/// When a rule fires, only the parameters its message, remediation and source name as placeholders are captured.</para>
/// </remarks>
internal sealed class FastRules : IWorkflowRunner
{
    private static readonly System.Reflection.MethodInfo EnterMethod = typeof(FiringSink).GetMethod(nameof(FiringSink.Enter))!;
    private static readonly System.Reflection.MethodInfo FireMethod = typeof(FiringSink).GetMethod(nameof(FiringSink.Fire))!;

    private readonly Dictionary<string, CompiledUnit> _units = new(StringComparer.Ordinal);

    public FastRules(LoadedRules rules, ReSettings settings)
        : this(rules, settings, null)
    {
    }

    /// <summary>Compiles the rules, reusing the trees the expression guard parsed (<paramref name="parsed"/>) where it has them.</summary>
    public FastRules(LoadedRules rules, ReSettings settings, ParsedExpressions? parsed)
    {
        ArgumentNullException.ThrowIfNull(rules);

        // Compiling is mostly JIT time: units are compiled in parallel (one parser each) and added in file order.
        var work = rules.RuleSets
            .SelectMany(set => new[] { (Set: set, Scope: RuleScope.Line, Workflow: set.LineWorkflow), (Set: set, Scope: RuleScope.Claim, Workflow: set.ClaimWorkflow) })
            .Select(u => (u.Set, u.Workflow, Rules: u.Set.Rules.Where(r => r.Scope == u.Scope).ToArray()))
            .Where(u => u.Rules.Length > 0)
            .ToArray();
        var compiled = new CompiledUnit[work.Length];
        ExpressionGuard.LargeStackParallel(work.Length, i => compiled[i] = CompiledUnit.Compile(new RuleExpressionParser(settings), work[i].Set, work[i].Rules, parsed));
        for (var i = 0; i < work.Length; i++)
        {
            _units[work[i].Workflow] = compiled[i];
        }
    }

    /// <summary>Every unit's parsed expression trees (parameters and rule expressions), for checks that walk them.</summary>
    public IEnumerable<(string Workflow, CompiledUnit Unit)> Units => _units.Select(u => (u.Key, u.Value));

    public bool HasWorkflow(string workflow) => _units.ContainsKey(workflow);

    public IReadOnlyList<FiredRule> Execute(string workflow, ClaimView claim, LineView line, RuleData data, out RuleFailure? error)
        => Execute(workflow, claim, line, data, eager: false, EvaluationDeadline.None, CancellationToken.None, out error);

    public IReadOnlyList<FiredRule> Execute(string workflow, ClaimView claim, LineView line, RuleData data, EvaluationDeadline deadline, CancellationToken cancellationToken, out RuleFailure? error)
        => Execute(workflow, claim, line, data, eager: false, deadline, cancellationToken, out error);

    /// <summary>Runs a workflow computing every parameter before its rule, as RulesEngine does: a parameter that throws fails its rule even when the rule would not need it.</summary>
    public IReadOnlyList<FiredRule> Prove(string workflow, ClaimView claim, LineView line, RuleData data, out RuleFailure? error)
        => Execute(workflow, claim, line, data, eager: true, EvaluationDeadline.None, CancellationToken.None, out error);

    public IReadOnlyList<FiredRule> Execute(string workflow, ClaimView claim, LineView line, RuleData data, bool eager, EvaluationDeadline deadline, CancellationToken cancellationToken, out RuleFailure? error)
        => Execute(workflow, claim, line, data, new FiringSink(deadline, cancellationToken) { Eager = eager }, out error);

    /// <summary>
    /// Runs a workflow with a sink that one claim's evaluation reuses for every unit it runs (<see cref="FiringSink"/>):
    /// nothing is allocated per unit unless a rule fires, and the clock is read every few rules of the claim, not at the start of every unit.
    /// </summary>
    public IReadOnlyList<FiredRule> Execute(string workflow, ClaimView claim, LineView line, RuleData data, FiringSink sink, out RuleFailure? error)
    {
        error = null;
        if (!_units.TryGetValue(workflow, out var unit))
        {
            return [];
        }

        sink.Start(unit);
        try
        {
            unit.Run(claim, line, data, sink);
        }
        catch (EvaluationBudgetExceededException)
        {
            // Checked before each rule, so the rule named is the one that would have run next after the budget ran out.
            error = new RuleFailure(unit.Rules[sink.Current].RuleId, sink.Deadline.Describe());
            return [];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = new RuleFailure(unit.Rules[sink.Current].RuleId, Describe(ex));
            return [];
        }

        return sink.TakeFired();
    }

    /// <summary>A failure reason without stack trace or values (never patient data): the exception type and first message line.</summary>
    private static string Describe(Exception ex)
    {
        var message = ex.Message.Split('\n', 2)[0].Trim();
        if (message.Length > 400)
        {
            message = message[..400] + "…";
        }

        return $"Error while executing rule - {ex.GetType().Name}: {message}";
    }

    /// <summary>
    /// Collects the fired rules of a unit's run and tracks the rule being evaluated so a throw names it. One claim's
    /// evaluation reuses one sink for all the units it runs (it is not thread-safe; each evaluation has its own).
    /// </summary>
    internal sealed class FiringSink(EvaluationDeadline deadline, CancellationToken cancellationToken)
    {
        /// <summary>How many rules run between two reads of the clock (a power of two).</summary>
        public const int DeadlineStride = 16;

        private CompiledUnit? _unit;
        private int _entered;
        private List<FiredRule>? _fired;

        public int Current;

        /// <summary>Compute every parameter before its rule, as RulesEngine does (the load-time proof), instead of on first use.</summary>
        public bool Eager;

        public EvaluationDeadline Deadline => deadline;

        /// <summary>Prepares the sink for a run of <paramref name="unit"/>.</summary>
        public void Start(CompiledUnit unit)
        {
            _unit = unit;
            _fired = null;
            Current = 0;
        }

        /// <summary>The rules that fired in the run (the list is handed over: the next run starts a new one).</summary>
        public IReadOnlyList<FiredRule> TakeFired()
        {
            var fired = _fired;
            _fired = null;
            return fired ?? (IReadOnlyList<FiredRule>)[];
        }

        /// <summary>
        /// Called before each rule: the rule index, and the point where cancellation is honoured. The clock is read before
        /// the first rule the sink runs and every <see cref="DeadlineStride"/> rules after it, across units (a monotonic
        /// clock read costs more than most rules), so an evaluation overruns its deadline by at most that many rules.
        /// </summary>
        public void Enter(int rule)
        {
            Current = rule;
            cancellationToken.ThrowIfCancellationRequested();
            if ((_entered++ & (DeadlineStride - 1)) == 0)
            {
                deadline.ThrowIfPassed();
            }
        }

        /// <summary>Called when a rule's expression is true, with the values of the parameters its texts name.</summary>
        public void Fire(int rule, object?[] values)
        {
            var unit = _unit!;
            (_fired ??= []).Add(new FiredRule(unit.Rules[rule], new CapturedValues(unit.Captured[rule], values)) { Texts = unit.Texts[rule] });
        }
    }

    /// <summary>One rule set's rules of one scope, compiled into a single delegate.</summary>
    internal sealed class CompiledUnit
    {
        /// <summary>The most parameters a parameter's own delegate may read besides claim, line and data (a <see cref="Func{T}"/> takes at most 16 arguments).</summary>
        private const int MaxDelegateDependencies = 13;

        private readonly Action<ClaimView, LineView, RuleData, FiringSink> _run;

        private CompiledUnit(RuleDefinition[] rules, string[][] captured, IReadOnlyList<(string Name, Expression Tree)> trees, Action<ClaimView, LineView, RuleData, FiringSink> run)
        {
            Rules = rules;
            Captured = captured;
            Texts = new TextTemplate[rules.Length][];
            for (var i = 0; i < rules.Length; i++)
            {
                Texts[i] = [TextTemplate.Parse(rules[i].Message, captured[i]), TextTemplate.Parse(rules[i].Remediation, captured[i]), TextTemplate.Parse(rules[i].Source, captured[i])];
            }
            Trees = trees;
            _run = run;
        }

        public RuleDefinition[] Rules { get; }

        /// <summary>Per rule, the parameter names captured when it fires.</summary>
        public string[][] Captured { get; }

        /// <summary>Per rule, its message, remediation and source parsed against <see cref="Captured"/>.</summary>
        public TextTemplate[][] Texts { get; }

        /// <summary>The parsed trees: every GlobalParam, LocalParam and rule expression, named.</summary>
        public IReadOnlyList<(string Name, Expression Tree)> Trees { get; }

        public void Run(ClaimView claim, LineView line, RuleData data, FiringSink sink) => _run(claim, line, data, sink);

        public static CompiledUnit Compile(RuleExpressionParser parser, LoadedRuleSet set, RuleDefinition[] rules, ParsedExpressions? parsed = null)
        {
            var claim = Expression.Parameter(typeof(ClaimView), "claim");
            var line = Expression.Parameter(typeof(LineView), "line");
            var data = Expression.Parameter(typeof(RuleData), "data");
            var sink = Expression.Parameter(typeof(FiringSink), "sink");
            var eager = Expression.Field(sink, nameof(FiringSink.Eager));
            var inputs = new List<ParameterExpression> { claim, line, data };
            var variables = new List<ParameterExpression>();
            var body = new List<Expression>();
            var trees = new List<(string, Expression)>();
            var lazy = new Dictionary<ParameterExpression, LazyParam>();

            // GlobalParams: shared by every rule of the run; a throw there is reported on the first rule (as RulesEngine does).
            body.Add(Expression.Call(sink, EnterMethod, Expression.Constant(0)));
            var globals = new List<ParameterExpression>();
            foreach (var param in set.GlobalParams)
            {
                globals.Add(Declare(param, inputs, null));
            }

            if (globals.Count > 0)
            {
                body.Add(Expression.IfThen(eager, Expression.Block(globals.Select(g => lazy[g].Force))));
            }

            var captured = new string[rules.Length][];
            var unitBody = body;
            var unitVariables = variables;
            for (var i = 0; i < rules.Length; i++)
            {
                var rule = rules[i];
                unitBody.Add(Expression.Call(sink, EnterMethod, Expression.Constant(i)));

                // Each rule is its own block; its LocalParams' variables are declared at unit level (declaring them in the
                // rule's block made the expression compiler read a wrong closure slot for a nested lambda; see the tests).
                body = [];
                variables = [];
                var scope = new List<ParameterExpression>(inputs);
                var locals = new List<ParameterExpression>();
                foreach (var param in rule.LocalParams)
                {
                    locals.Add(Declare(param, scope, rule.RuleId));
                }

                if (locals.Count > 0)
                {
                    body.Add(Expression.IfThen(eager, Expression.Block(locals.Select(l => lazy[l].Force))));
                }

                var condition = Parse(rule.Expression, scope, typeof(bool), rule.RuleId, null, rule.RuleId);
                trees.Add((rule.RuleId, condition));

                var placeholders = Placeholders(rule);
                var capture = globals.Concat(locals).Where(p => placeholders.Contains(p.Name!)).ToArray();
                captured[i] = capture.Select(p => p.Name!).ToArray();
                var values = Expression.NewArrayInit(typeof(object), capture.Select(p => (Expression)Expression.Convert(Expression.Block(lazy[p].Force, p), typeof(object))));
                body.Add(Expression.IfThen(Forcing(condition), Expression.Call(sink, FireMethod, Expression.Constant(i), values)));
                unitBody.Add(Expression.Block(body));
                unitVariables.AddRange(variables);
            }

            unitBody.Add(Expression.Empty());
            var lambda = Expression.Lambda<Action<ClaimView, LineView, RuleData, FiringSink>>(Expression.Block(unitVariables, unitBody), claim, line, data, sink);
            return new CompiledUnit(rules, captured, trees, NestedLambdas.Rewrite(LinqFusion.Rewrite(lambda)).Compile());

            // The guard's tree rebound to this unit's variables when it has one (same text, scope and types), else parsed here.
            Expression Parse(string expression, List<ParameterExpression> scope, Type? type, string ruleId, string? paramName, string? keyRuleId)
            {
                if (parsed?.Rebound(set, keyRuleId, paramName, scope) is { } rebound)
                {
                    return rebound;
                }

                try
                {
                    return parser.Parse(expression, scope.ToArray(), type);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    var where = paramName is null ? string.Empty : $" (in parameter {paramName})";
                    throw new RuleSetLoadException(set.File, ruleId, $"does not compile{where}: {ex.Message.Split('\n', 2)[0].Trim()}", ex);
                }
            }

            // A parameter is a value variable plus a "computed" flag; it is computed on first use (its own parameters first).
            ParameterExpression Declare(ScopedParamDocument param, List<ParameterExpression> scope, string? ruleId)
            {
                var expression = Parse(param.Expression, scope, null, ruleId ?? rules[0].RuleId, param.Name, ruleId);
                trees.Add((ruleId is null ? param.Name : ruleId + "/" + param.Name, expression));
                var value = Expression.Variable(expression.Type, param.Name);
                var done = Expression.Variable(typeof(bool), param.Name + "?");
                variables.Add(value);
                variables.Add(done);
                var found = ParameterFinder.Find(expression, lazy.Keys);
                var dependencies = found.Select(d => lazy[d].Force);
                var force = Expression.IfThen(
                    Expression.Not(done),
                    Expression.Block(dependencies.Append(Expression.Assign(value, Computed(expression, found))).Append(Expression.Assign(done, Expression.Constant(true)))));
                lazy[value] = new LazyParam(force);
                scope.Add(value);
                return value;
            }

            // A parameter's expression is compiled once, as its own delegate of (claim, line, data, the parameters it reads):
            // every place that may compute it first calls that delegate. Inlining the expression there instead would copy
            // it into every rule that uses the parameter (and make the unit's code, and its compile time, grow with it).
            Expression Computed(Expression expression, IReadOnlyList<ParameterExpression> dependencies)
            {
                if (dependencies.Count > MaxDelegateDependencies)
                {
                    return expression;
                }

                ParameterExpression[] parameters = [claim, line, data, .. dependencies];
                var function = Expression.Lambda(Expression.GetFuncType([.. parameters.Select(p => p.Type), expression.Type]), expression, parameters);
                var compiled = NestedLambdas.Rewrite(LinqFusion.Rewrite(function)).Compile();
                return Expression.Invoke(Expression.Constant(compiled, function.Type), parameters);
            }

            // Every use of a parameter in a rule expression computes it first if needed.
            Expression Forcing(Expression condition)
            {
                var used = ParameterFinder.Find(condition, lazy.Keys).ToList();
                return used.Count == 0 ? condition : new ParameterForcer(lazy).Visit(condition);
            }
        }

        private static HashSet<string> Placeholders(RuleDefinition rule)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var text in new[] { rule.Message, rule.Remediation, rule.Source })
            {
                foreach (System.Text.RegularExpressions.Match match in RuleSetLoader.Placeholder().Matches(text))
                {
                    names.Add(match.Groups["name"].Value);
                }
            }

            return names;
        }
    }
}

/// <summary>Runs the rule workflows of a library: RulesEngine's standard path (<see cref="CompiledRules"/>) or the fast one (<see cref="FastRules"/>).</summary>
internal interface IWorkflowRunner
{
    /// <summary>Whether the workflow exists (a rule set may have only line or only claim rules).</summary>
    bool HasWorkflow(string workflow);

    /// <summary>Runs a workflow: the rules whose expression was true, or the first rule that failed as <paramref name="error"/>.</summary>
    IReadOnlyList<FiredRule> Execute(string workflow, ClaimView claim, LineView line, RuleData data, out RuleFailure? error);

    /// <summary>
    /// Runs a workflow within an evaluation budget and a cancellation token: a rule reached after the deadline fails with
    /// the budget as its reason; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    IReadOnlyList<FiredRule> Execute(string workflow, ClaimView claim, LineView line, RuleData data, EvaluationDeadline deadline, CancellationToken cancellationToken, out RuleFailure? error);

    /// <summary>Runs a workflow for the load-time proof: every parameter and rule expression is computed.</summary>
    IReadOnlyList<FiredRule> Prove(string workflow, ClaimView claim, LineView line, RuleData data, out RuleFailure? error)
        => Execute(workflow, claim, line, data, out error);
}

/// <summary>How to compute a lazily evaluated parameter (an <c>if (!done) { ...; value = ...; done = true; }</c> statement).</summary>
/// <remarks>
/// Each use gets its own copy of the statement's lambdas: the expression compiler resolves a nested lambda's closure
/// from where the node sits, so one lambda node shared by two places in a tree can read the wrong closure.
/// </remarks>
internal sealed class LazyParam(Expression force)
{
    public Expression Force => LambdaCopier.Instance.Visit(force);

    private sealed class LambdaCopier : ExpressionVisitor
    {
        public static readonly LambdaCopier Instance = new();

        protected override Expression VisitLambda<T>(Expression<T> node)
            => Expression.Lambda<T>(Visit(node.Body), node.Name, node.TailCall, node.Parameters);
    }
}

/// <summary>Finds which of the given parameter variables an expression uses (in first-use order).</summary>
internal sealed class ParameterFinder : ExpressionVisitor
{
    private readonly ICollection<ParameterExpression> _candidates;
    private readonly List<ParameterExpression> _found = [];

    private ParameterFinder(ICollection<ParameterExpression> candidates) => _candidates = candidates;

    public static IReadOnlyList<ParameterExpression> Find(Expression expression, ICollection<ParameterExpression> candidates)
    {
        var finder = new ParameterFinder(candidates);
        finder.Visit(expression);
        return finder._found;
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (_candidates.Contains(node) && !_found.Contains(node))
        {
            _found.Add(node);
        }

        return node;
    }
}

/// <summary>
/// Rewrites each use of a lazily evaluated parameter into "compute if needed, then read". A nested lambda (e.g. the
/// predicate of <c>Any</c>) gets its parameters computed just before it is created, not inside it, so that the flags
/// stay plain locals instead of closure fields.
/// </summary>
internal sealed class ParameterForcer(Dictionary<ParameterExpression, LazyParam> lazy) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node)
        => lazy.TryGetValue(node, out var param) ? Expression.Block(param.Force, node) : node;

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        var used = ParameterFinder.Find(node, lazy.Keys);
        return used.Count == 0 ? node : Expression.Block(used.Select(p => lazy[p].Force).Append(node));
    }
}

/// <summary>
/// The parameter values a fired rule's texts name, as the names and values arrays the unit captured (a handful of
/// entries: no dictionary built per firing; the unit's <see cref="TextTemplate"/>s read <see cref="Raw"/> by position).
/// </summary>
internal sealed class CapturedValues(string[] names, object?[] values) : IReadOnlyDictionary<string, object>
{
    /// <summary>The values, in the order of the names.</summary>
    public object?[] Raw => values;

    public int Count => names.Length;

    public IEnumerable<string> Keys => names;

    public IEnumerable<object> Values => values!;

    public object this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException();

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out object value)
    {
        var at = IndexOf(key);
        value = at >= 0 ? values[at]! : null!;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        for (var i = 0; i < names.Length; i++)
        {
            yield return new KeyValuePair<string, object>(names[i], values[i]!);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(key, names[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
