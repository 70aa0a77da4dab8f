using System.Linq.Expressions;
using System.Reflection;

namespace PainBilling.Rules.Engine;

/// <summary>
/// Turns the LINQ chains of a rule unit that end in an eager operator (<c>lines.Where(…).Select(…).Distinct().ToList()</c>,
/// <c>levels.Any(…)</c>, <c>lines.Where(…).Max(…)</c>…) into one loop over the source, with the lambdas' bodies inlined:
/// no iterator, enumerator, delegate or bound environment is allocated, only the result (a list, a set for
/// <c>Distinct</c>).
/// </summary>
/// <remarks>
/// <para>The loop does what <see cref="Enumerable"/> does, element by element in the same order and with the same early
/// exits, so it computes the same values and throws the same exceptions: <see cref="ArgumentNullException"/>
/// ("source") for a null source, <see cref="InvalidOperationException"/> ("Sequence contains no elements" /
/// "no matching element") for <c>First</c>, <c>Max</c> and <c>Min</c> on an empty sequence, <see cref="OverflowException"/>
/// for a checked <c>Sum</c> or <c>Count</c>. The differential test holds the compiled path to RulesEngine's output.</para>
/// <para>Fused stages: <c>Where</c>, <c>Select</c>, <c>SelectMany</c> (one selector), <c>Distinct</c> (default comparer);
/// terminals: <c>ToList</c>, <c>Count</c>, <c>Any</c>, <c>All</c>, <c>First</c>, <c>FirstOrDefault</c> (with or
/// without predicate), <c>Sum</c>, <c>Max</c>, <c>Min</c> (of <see cref="int"/>, <see cref="long"/>,
/// <see cref="decimal"/>, and their nullable forms). Anything else (<c>OrderBy</c>, <c>GroupBy</c>, comparers, indexed
/// lambdas, other result types) is left to <see cref="Enumerable"/>, and a chain is fused only from where it starts
/// to be fusable. Applied to a unit's tree after its lazy parameters are placed (<see cref="ParameterForcer"/>) and before
/// <see cref="NestedLambdas"/>.</para>
/// </remarks>
internal sealed class LinqFusion : ExpressionVisitor
{
    private static readonly ConstructorInfo InvalidOperation = typeof(InvalidOperationException).GetConstructor([typeof(string)])!;
    private static readonly ConstructorInfo ArgumentNull = typeof(ArgumentNullException).GetConstructor([typeof(string)])!;
    private static readonly MethodInfo MoveNext = typeof(System.Collections.IEnumerator).GetMethod(nameof(System.Collections.IEnumerator.MoveNext))!;
    private static readonly MethodInfo Dispose = typeof(IDisposable).GetMethod(nameof(IDisposable.Dispose))!;

    private static readonly HashSet<string> Stages = ["Where", "Select", "SelectMany", "Distinct", "OrderBy", "OrderByDescending"];
    private static readonly MethodInfo SortStable = typeof(FusionRuntime).GetMethod(nameof(FusionRuntime.SortStable))!;
    private static readonly HashSet<string> Terminals = ["ToList", "Count", "Any", "All", "First", "FirstOrDefault", "Sum", "Max", "Min"];

    private LinqFusion()
    {
    }

    /// <summary>Rewrites the fusable chains in <paramref name="lambda"/>'s body.</summary>
    public static Expression<T> Rewrite<T>(Expression<T> lambda)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        var body = new LinqFusion().Visit(lambda.Body);
        return ReferenceEquals(body, lambda.Body) ? lambda : Expression.Lambda<T>(body, lambda.Name, lambda.TailCall, lambda.Parameters);
    }

    /// <summary>Rewrites the fusable chains in <paramref name="lambda"/>'s body (any delegate type).</summary>
    public static LambdaExpression Rewrite(LambdaExpression lambda)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        var body = new LinqFusion().Visit(lambda.Body);
        return ReferenceEquals(body, lambda.Body) ? lambda : Expression.Lambda(lambda.Type, body, lambda.Name, lambda.TailCall, lambda.Parameters);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType == typeof(Enumerable) && Terminals.Contains(node.Method.Name) && Chain.TryParse(node, out var chain))
        {
            return Build(chain);
        }

        return base.VisitMethodCall(node);
    }

    private BlockExpression Build(Chain chain)
    {
        var variables = new List<ParameterExpression>();
        var statements = new List<Expression>();
        var end = Expression.Label("end");

        // The source, once, then every lambda argument's prefix (lazy parameters computed before the lambda was created), in argument order.
        var source = Visit(chain.Source);
        var sourceVariable = Expression.Variable(source.Type, "source");
        variables.Add(sourceVariable);
        statements.Add(Expression.Assign(sourceVariable, source));

        // In Enumerable's order: the source, the first call's lambda argument (its prefix), that call's null check of the
        // source, then the later calls' lambda arguments.
        var terminal = chain.Terminal;
        var prefixes = chain.Steps.Select(s => s.Prefix).Append(terminal.Prefix).ToList();
        statements.AddRange(prefixes[0].Select(Visit)!);
        if (!source.Type.IsValueType)
        {
            statements.Add(Expression.IfThen(
                Expression.ReferenceEqual(sourceVariable, Expression.Constant(null, source.Type)),
                Expression.Throw(Expression.New(ArgumentNull, Expression.Constant("source")))));
        }

        foreach (var prefix in prefixes.Skip(1).SelectMany(p => p))
        {
            statements.Add(Visit(prefix));
        }

        var result = Expression.Variable(terminal.ResultType, "result");
        variables.Add(result);
        var found = Expression.Variable(typeof(bool), "found");
        ParameterExpression? accumulator = null;

        Expression Inline(LambdaExpression lambda, Expression argument)
        {
            var body = new Substitution(lambda.Parameters[0], argument).Visit(lambda.Body);
            return Visit(body);
        }

        // What happens to each element that reaches the terminal.
        Expression Consume(ParameterExpression element)
        {
            // The terminal's lambda is a predicate (Count, Any, All, First, FirstOrDefault) or a selector of the values (Sum, Max, Min).
            var inlined = terminal.Lambda is null ? null : Inline(terminal.Lambda, element);
            var isPredicate = terminal.Name is "Count" or "Any" or "All" or "First" or "FirstOrDefault";
            var value = isPredicate ? element : inlined ?? element;
            var predicate = isPredicate ? inlined : null;
            switch (terminal.Name)
            {
                case "ToList":
                    return Expression.Call(result, result.Type.GetMethod(nameof(List<int>.Add))!, element);
                case "Count":
                    var increment = Expression.AddAssignChecked(result, Expression.Constant(1));
                    return predicate is null ? increment : Expression.IfThen(predicate, increment);
                case "Any":
                    var yes = Expression.Block(Expression.Assign(result, Expression.Constant(true)), Expression.Goto(end));
                    return predicate is null ? yes : Expression.IfThen(predicate, yes);
                case "All":
                    return Expression.IfThen(Expression.Not(predicate!), Expression.Block(Expression.Assign(result, Expression.Constant(false)), Expression.Goto(end)));
                case "First":
                case "FirstOrDefault":
                    var take = Expression.Block(Expression.Assign(result, element), Expression.Assign(found, Expression.Constant(true)), Expression.Goto(end));
                    return predicate is null ? take : Expression.IfThen(predicate, take);
                case "Sum":
                    return Accumulate(value, (sum, v) => terminal.ValueType == typeof(decimal) ? Expression.Add(sum, v) : Expression.AddChecked(sum, v), first: null);
                case "Max":
                    return Accumulate(value, null, first: (best, v) => Expression.GreaterThan(v, best));
                default: // Min
                    return Accumulate(value, null, first: (best, v) => Expression.LessThan(v, best));
            }
        }

        // Sum adds every non-null value; Max/Min keep the first value, then any better one (as Enumerable does).
        Expression Accumulate(Expression value, Func<Expression, Expression, Expression>? add, Func<Expression, Expression, Expression>? first)
        {
            var v = Expression.Variable(terminal.ValueType, "v");
            accumulator ??= Expression.Variable(terminal.ValueType, "accumulator");
            Expression update = add is not null
                ? Expression.Assign(accumulator, add(accumulator, v))
                : Expression.IfThenElse(
                    Expression.Not(found),
                    Expression.Block(Expression.Assign(accumulator, v), Expression.Assign(found, Expression.Constant(true))),
                    Expression.IfThen(first!(accumulator, v), Expression.Assign(accumulator, v)));
            if (value.Type != terminal.ValueType)
            {
                // A nullable value: nulls are skipped.
                var raw = Expression.Variable(value.Type, "raw");
                return Expression.Block(
                    [raw, v],
                    Expression.Assign(raw, value),
                    Expression.IfThen(
                        Expression.Property(raw, "HasValue"),
                        Expression.Block(Expression.Assign(v, Expression.Property(raw, "Value")), update)));
            }

            return Expression.Block([v], Expression.Assign(v, value), update);
        }

        // Each stage hands its elements to the next; the last to `last`. A Distinct's set belongs to the loop the stages run in.
        Expression Pipeline(IReadOnlyList<Step> steps, int index, ParameterExpression element, Func<ParameterExpression, Expression> last, List<ParameterExpression> scope, List<Expression> init)
        {
            if (index == steps.Count)
            {
                return last(element);
            }

            var step = steps[index];
            switch (step.Name)
            {
                case "Where":
                    return Expression.IfThen(Inline(step.Lambda!, element), Pipeline(steps, index + 1, element, last, scope, init));
                case "Select":
                    var selected = Expression.Variable(step.OutputType, "selected");
                    return Expression.Block([selected], Expression.Assign(selected, Inline(step.Lambda!, element)), Pipeline(steps, index + 1, selected, last, scope, init));
                case "SelectMany":
                    return Nested(Inline(step.Lambda!, element), step.OutputType, item => Pipeline(steps, index + 1, item, last, scope, init));
                default: // Distinct
                    var seen = Expression.Variable(typeof(HashSet<>).MakeGenericType(step.OutputType), "seen");
                    scope.Add(seen);
                    init.Add(Expression.Assign(seen, Expression.Constant(null, seen.Type)));
                    return Expression.Block(
                        Expression.IfThen(Expression.ReferenceEqual(seen, Expression.Constant(null, seen.Type)), Expression.Assign(seen, Expression.New(seen.Type))),
                        Expression.IfThen(Expression.Call(seen, seen.Type.GetMethod(nameof(HashSet<int>.Add))!, element), Pipeline(steps, index + 1, element, last, scope, init)));
            }
        }

        // A SelectMany's inner sequence, once per outer element: its own stages (lines.SelectMany(l => l.Levels.Where(…)))
        // are fused into the inner loop, with the null check and lambda prefixes Enumerable would run when it is created.
        Expression Nested(Expression inner, Type elementType, Func<ParameterExpression, Expression> body)
        {
            var innerSteps = new List<Step>();
            MethodInfo? innermost = null;
            while (inner is MethodCallExpression stage && stage.Method.DeclaringType == typeof(Enumerable) && Stages.Contains(stage.Method.Name) && Chain.TryStage(stage, out var step))
            {
                innerSteps.Insert(0, step.Step);
                innermost = step.InputMethod;
                inner = stage.Arguments[0];
            }

            if (innermost is null)
            {
                return Loop(inner, elementType, body);
            }

            var innerElement = Chain.ElementOf(innermost);
            var scope = new List<ParameterExpression>();
            var init = new List<Expression>();
            var innerSource = Expression.Variable(inner.Type, "inner");
            scope.Add(innerSource);
            init.Add(Expression.Assign(innerSource, inner));
            init.AddRange(innerSteps[0].Prefix);
            if (!inner.Type.IsValueType)
            {
                init.Add(Expression.IfThen(
                    Expression.ReferenceEqual(innerSource, Expression.Constant(null, inner.Type)),
                    Expression.Throw(Expression.New(ArgumentNull, Expression.Constant("source")))));
            }

            init.AddRange(innerSteps.Skip(1).SelectMany(s => s.Prefix));
            var loop = Segments(innerSource, innerElement, innerSteps, body, scope, init);
            return Expression.Block(scope, init.Append(loop));
        }

        // The loop over a source through the stages. An OrderBy ends a segment, as in Enumerable: every element that reaches
        // it is buffered, the keys are computed in buffer order, the buffer is sorted stably by them (Comparer<TKey>.Default,
        // ties in buffer order), and the next segment loops over the buffer.
        Expression Segments(Expression source, Type elementType, List<Step> steps, Func<ParameterExpression, Expression> last, List<ParameterExpression> scope, List<Expression> init)
        {
            var at = steps.FindIndex(s => s.Name is "OrderBy" or "OrderByDescending");
            if (at < 0)
            {
                return Loop(source, elementType, e => Pipeline(steps, 0, e, last, scope, init));
            }

            var order = steps[at];
            var itemType = order.OutputType;
            var keyType = order.Lambda!.ReturnType;
            var buffer = Expression.Variable(typeof(List<>).MakeGenericType(itemType), "buffer");
            var keys = Expression.Variable(keyType.MakeArrayType(), "keys");
            var k = Expression.Variable(typeof(int), "k");
            return Expression.Block(
                [buffer, keys, k],
                Expression.Assign(buffer, Expression.New(buffer.Type)),
                Loop(source, elementType, e => Pipeline(steps[..at], 0, e, x => Expression.Call(buffer, buffer.Type.GetMethod(nameof(List<int>.Add))!, x), scope, init)),
                Expression.Assign(keys, Expression.NewArrayBounds(keyType, Expression.Property(buffer, "Count"))),
                Expression.Assign(k, Expression.Constant(0)),
                Loop(buffer, itemType, x => Expression.Block(
                    Expression.Assign(Expression.ArrayAccess(keys, k), Inline(order.Lambda!, x)),
                    Expression.PreIncrementAssign(k))),
                Expression.Call(SortStable.MakeGenericMethod(itemType, keyType), buffer, keys, Expression.Constant(order.Name == "OrderByDescending")),
                Segments(buffer, itemType, steps[(at + 1)..], last, scope, init));
        }

        // Initial values.
        switch (terminal.Name)
        {
            case "ToList":
                statements.Add(Expression.Assign(result, Expression.New(result.Type)));
                break;
            case "Count":
                statements.Add(Expression.Assign(result, Expression.Constant(0)));
                break;
            case "Any":
                statements.Add(Expression.Assign(result, Expression.Constant(false)));
                break;
            case "All":
                statements.Add(Expression.Assign(result, Expression.Constant(true)));
                break;
            default:
                statements.Add(Expression.Assign(result, Expression.Default(result.Type)));
                break;
        }

        variables.Add(found);
        statements.Add(Expression.Assign(found, Expression.Constant(false)));
        var loop = Segments(sourceVariable, chain.ElementType, chain.Steps, Consume, variables, statements);
        if (accumulator is not null)
        {
            variables.Add(accumulator);
            statements.Add(Expression.Assign(accumulator, Expression.Default(accumulator.Type)));
        }

        statements.Add(loop);
        statements.Add(Expression.Label(end));

        // After the loop: the exceptions and results Enumerable gives.
        switch (terminal.Name)
        {
            case "First":
                statements.Add(Expression.IfThen(
                    Expression.Not(found),
                    Expression.Throw(Expression.New(InvalidOperation, Expression.Constant(terminal.Lambda is null ? "Sequence contains no elements" : "Sequence contains no matching element")))));
                break;
            case "Sum":
                statements.Add(Expression.Assign(result, Expression.Convert(accumulator!, result.Type)));
                break;
            case "Max":
            case "Min":
                if (result.Type == terminal.ValueType)
                {
                    statements.Add(Expression.IfThen(Expression.Not(found), Expression.Throw(Expression.New(InvalidOperation, Expression.Constant("Sequence contains no elements")))));
                    statements.Add(Expression.Assign(result, accumulator!));
                }
                else
                {
                    statements.Add(Expression.Assign(result, Expression.Condition(found, Expression.Convert(accumulator!, result.Type), Expression.Default(result.Type))));
                }

                break;
        }

        statements.Add(result);
        return Expression.Block(result.Type, variables, statements);
    }

    /// <summary>
    /// A loop over <paramref name="source"/>: by index over an array, a <see cref="List{T}"/> or an
    /// <see cref="IReadOnlyList{T}"/> (as the claim views are), else with its enumerator (disposed, as <c>foreach</c> does).
    /// </summary>
    private static Expression Loop(Expression source, Type elementType, Func<ParameterExpression, Expression> body)
    {
        // A reference conversion to IEnumerable<T> (a SelectMany selector returning a list) hides the list: loop over the list.
        while (source is UnaryExpression { NodeType: ExpressionType.Convert, Method: null } convert && !convert.Operand.Type.IsValueType
               && convert.Type.IsAssignableFrom(convert.Operand.Type))
        {
            source = convert.Operand;
        }

        var element = Expression.Variable(elementType, "element");
        var brk = Expression.Label("break");
        var list = Expression.Variable(source.Type, "list");
        if (source.Type.IsArray && source.Type.GetArrayRank() == 1 && source.Type.GetElementType() == elementType)
        {
            return IndexLoop(list, Expression.ArrayLength(list), i => Expression.ArrayIndex(list, i));
        }

        if (source.Type == typeof(List<>).MakeGenericType(elementType))
        {
            var item = source.Type.GetProperty("Item")!;
            return IndexLoop(list, Expression.Property(list, "Count"), i => Expression.Property(list, item, i));
        }

        var readOnlyList = typeof(IReadOnlyList<>).MakeGenericType(elementType);
        if (readOnlyList.IsAssignableFrom(source.Type))
        {
            list = Expression.Variable(readOnlyList, "list");
            var count = typeof(IReadOnlyCollection<>).MakeGenericType(elementType).GetProperty("Count")!;
            var item = readOnlyList.GetProperty("Item")!;
            return IndexLoop(list, Expression.Property(list, count), i => Expression.Property(list, item, i));
        }

        var enumerable = typeof(IEnumerable<>).MakeGenericType(elementType);
        var enumerator = Expression.Variable(typeof(IEnumerator<>).MakeGenericType(elementType), "enumerator");
        return Expression.Block(
            [enumerator],
            Expression.Assign(enumerator, Expression.Call(Expression.Convert(source, enumerable), enumerable.GetMethod(nameof(IEnumerable<int>.GetEnumerator))!)),
            Expression.TryFinally(
                Expression.Loop(
                    Expression.Block(
                        [element],
                        Expression.IfThen(Expression.Not(Expression.Call(enumerator, MoveNext)), Expression.Break(brk)),
                        Expression.Assign(element, Expression.Property(enumerator, "Current")),
                        body(element)),
                    brk),
                Expression.Call(enumerator, Dispose)));

        Expression IndexLoop(ParameterExpression target, Expression countOf, Func<ParameterExpression, Expression> itemAt)
        {
            var i = Expression.Variable(typeof(int), "i");
            var n = Expression.Variable(typeof(int), "n");
            // The element is declared inside the loop's body: a lambda created in the body and kept (a lazy sequence in a
            // list) captures this iteration's element, as a C# foreach variable would be captured.
            return Expression.Block(
                [target, i, n],
                Expression.Assign(target, source.Type == target.Type ? source : Expression.Convert(source, target.Type)),
                Expression.Assign(n, countOf),
                Expression.Assign(i, Expression.Constant(0)),
                Expression.Loop(
                    Expression.Block(
                        Expression.IfThen(Expression.GreaterThanOrEqual(i, n), Expression.Break(brk)),
                        Expression.Block(
                            [element],
                            Expression.Assign(element, itemAt(i)),
                            body(element)),
                        Expression.PreIncrementAssign(i)),
                    brk));
        }
    }

    /// <summary>One Where/Select/SelectMany/Distinct stage, or the terminal: its lambda and what ran before the lambda was created.</summary>
    private sealed record Step(string Name, LambdaExpression? Lambda, IReadOnlyList<Expression> Prefix, Type OutputType);

    private sealed class Chain
    {
        public required Expression Source { get; init; }

        public required Type ElementType { get; init; }

        /// <summary>The stages in order of execution, then the terminal.</summary>
        public required List<Step> Steps { get; init; }

        public required TerminalInfo Terminal { get; init; }

        public static bool TryParse(MethodCallExpression call, out Chain chain)
        {
            chain = null!;
            if (!TryTerminal(call, out var terminal))
            {
                return false;
            }

            var steps = new List<(Step Step, MethodInfo InputMethod)>();
            var current = call.Arguments[0];
            while (current is MethodCallExpression stage && stage.Method.DeclaringType == typeof(Enumerable) && Stages.Contains(stage.Method.Name) && TryStage(stage, out var step))
            {
                steps.Insert(0, step);
                current = stage.Arguments[0];
            }

            // Nothing to gain without a stage or a lambda: a List's Count() or ToList() allocate nothing extra.
            if (steps.Count == 0 && terminal.Lambda is null)
            {
                return false;
            }

            // Count() and Any() without a predicate: Enumerable may answer from a count without running the last
            // Select's selector, an OrderBy's keys or a SelectMany's inner count, so a chain ending in one of those is
            // left to it (a loop would run them, and throw where Enumerable does not).
            if (terminal.Lambda is null && terminal.Name is "Count" or "Any" && steps.Count > 0 && steps[^1].Step.Name is not ("Where" or "Distinct"))
            {
                return false;
            }

            var elementType = ElementOf(steps.Count > 0 ? steps[0].InputMethod : call.Method);
            while (current is UnaryExpression { NodeType: ExpressionType.Convert, Method: null } convert && !convert.Operand.Type.IsValueType
                   && convert.Type.IsAssignableFrom(convert.Operand.Type))
            {
                current = convert.Operand;
            }

            chain = new Chain { Source = current, ElementType = elementType, Steps = steps.Select(s => s.Step).ToList(), Terminal = terminal };
            return true;
        }

        public static Type ElementOf(MethodInfo method) => method.GetParameters()[0].ParameterType.GetGenericArguments()[0];

        public static bool TryStage(MethodCallExpression stage, out (Step Step, MethodInfo InputMethod) step)
        {
            step = default;
            var method = stage.Method;
            var parameters = method.GetParameters();
            if (!parameters[0].ParameterType.IsGenericType || parameters[0].ParameterType.GetGenericTypeDefinition() != typeof(IEnumerable<>))
            {
                return false;
            }

            if (method.Name == "Distinct")
            {
                if (parameters.Length != 1)
                {
                    return false;
                }

                step = (new Step("Distinct", null, [], ElementOf(method)), method);
                return true;
            }

            if (parameters.Length != 2 || !TryLambda(stage.Arguments[1], out var lambda, out var prefix) || lambda.Parameters.Count != 1)
            {
                return false;
            }

            Type output;
            switch (method.Name)
            {
                case "Where":
                    output = ElementOf(method);
                    break;
                case "OrderBy":
                case "OrderByDescending":
                    // OrderBy<TSource, TKey>(source, keySelector): no comparer.
                    output = ElementOf(method);
                    if (lambda.ReturnType != method.GetGenericArguments()[1])
                    {
                        return false;
                    }

                    break;
                case "Select":
                    output = method.ReturnType.GetGenericArguments()[0];
                    if (lambda.ReturnType != output)
                    {
                        return false;
                    }

                    break;
                default: // SelectMany(source, Func<T, IEnumerable<R>>)
                    output = method.ReturnType.GetGenericArguments()[0];
                    if (lambda.ReturnType != typeof(IEnumerable<>).MakeGenericType(output))
                    {
                        return false;
                    }

                    break;
            }

            step = (new Step(method.Name, lambda, prefix, output), method);
            return true;
        }

        private static bool TryTerminal(MethodCallExpression call, out TerminalInfo terminal)
        {
            terminal = null!;
            var method = call.Method;
            var parameters = method.GetParameters();
            if (!parameters[0].ParameterType.IsGenericType || parameters[0].ParameterType.GetGenericTypeDefinition() != typeof(IEnumerable<>))
            {
                return false;
            }

            LambdaExpression? lambda = null;
            IReadOnlyList<Expression> prefix = [];
            if (parameters.Length == 2)
            {
                // A Func of the element (predicate or selector), not e.g. FirstOrDefault's default value.
                var second = parameters[1].ParameterType;
                if (!second.IsGenericType || second.GetGenericTypeDefinition() != typeof(Func<,>) || second.GetGenericArguments()[0] != ElementOf(method)
                    || !TryLambda(call.Arguments[1], out lambda, out prefix) || lambda.Parameters.Count != 1)
                {
                    return false;
                }
            }
            else if (parameters.Length != 1)
            {
                return false;
            }

            var name = method.Name;
            var valueType = method.ReturnType;
            switch (name)
            {
                case "ToList" when lambda is null:
                case "Count" when method.ReturnType == typeof(int):
                case "Any":
                case "All" when lambda is not null:
                case "First":
                case "FirstOrDefault":
                    break;
                case "Sum":
                case "Max":
                case "Min":
                    var underlying = Nullable.GetUnderlyingType(method.ReturnType) ?? method.ReturnType;
                    if (underlying != typeof(int) && underlying != typeof(long) && underlying != typeof(decimal))
                    {
                        return false;
                    }

                    // The values summed or compared: the lambda's result, or the elements themselves.
                    var values = lambda?.ReturnType ?? ElementOf(method);
                    if (values != method.ReturnType)
                    {
                        return false;
                    }

                    valueType = underlying;
                    break;
                default:
                    return false;
            }

            terminal = new TerminalInfo(name, lambda, prefix, method.ReturnType, valueType);
            return true;
        }

        /// <summary>A lambda argument, possibly behind the statements that compute the lazy parameters it reads.</summary>
        private static bool TryLambda(Expression argument, out LambdaExpression lambda, out IReadOnlyList<Expression> prefix)
        {
            switch (argument)
            {
                case LambdaExpression direct:
                    lambda = direct;
                    prefix = [];
                    return true;
                case BlockExpression { Variables.Count: 0 } block when block.Result is LambdaExpression last:
                    lambda = last;
                    prefix = block.Expressions.Take(block.Expressions.Count - 1).ToArray();
                    return true;
                default:
                    lambda = null!;
                    prefix = [];
                    return false;
            }
        }
    }

    private sealed record TerminalInfo(string Name, LambdaExpression? Lambda, IReadOnlyList<Expression> Prefix, Type ResultType, Type ValueType);

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}

/// <summary>What fused chains call at run time (<see cref="LinqFusion"/>).</summary>
internal static class FusionRuntime
{
    /// <summary>
    /// Sorts <paramref name="items"/> by <paramref name="keys"/> (same length, key i belongs to item i) with
    /// <see cref="Comparer{T}.Default"/>, ties kept in their order: what <c>OrderBy</c>/<c>OrderByDescending</c> give.
    /// </summary>
    public static void SortStable<T, TKey>(List<T> items, TKey[] keys, bool descending)
    {
        var comparer = Comparer<TKey>.Default;
        if (items.Count <= 32)
        {
            // Insertion sort: stable, and the lists rules sort are short (a claim's lines or history).
            for (var i = 1; i < items.Count; i++)
            {
                var item = items[i];
                var key = keys[i];
                var j = i - 1;
                while (j >= 0 && Compare(keys[j], key) > 0)
                {
                    items[j + 1] = items[j];
                    keys[j + 1] = keys[j];
                    j--;
                }

                items[j + 1] = item;
                keys[j + 1] = key;
            }

            return;
        }

        var order = new int[items.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = Compare(keys[a], keys[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var sorted = new T[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = items[order[i]];
        }

        for (var i = 0; i < sorted.Length; i++)
        {
            items[i] = sorted[i];
        }

        int Compare(TKey a, TKey b)
        {
            var c = comparer.Compare(a, b);
            return descending ? -c : c;
        }
    }
}
