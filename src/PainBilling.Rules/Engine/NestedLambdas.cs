using System.Linq.Expressions;
using System.Reflection;

namespace PainBilling.Rules.Engine;

/// <summary>
/// Compiles the nested lambdas of a rule unit (the predicates and selectors of <c>Where</c>, <c>Any</c>, <c>Select</c>…)
/// ahead of time, so that evaluating a unit never builds a delegate by reflection.
/// </summary>
/// <remarks>
/// <para><see cref="LambdaExpression.Compile()"/> turns each nested lambda into a call of
/// <c>DynamicMethod.CreateDelegate</c> every time the lambda is reached, and moves every variable a nested lambda reads
/// into a heap-allocated closure: on the hot path that was the largest single cost of a unit. This rewrite, applied to a
/// unit's tree before it is compiled, replaces each nested <see cref="Func{T, TResult}"/>-shaped lambda (one to three
/// parameters), innermost first, with a delegate compiled once (on first use) and bound at run time to the values of the
/// variables it reads (an ordinary delegate construction), and a lambda that reads no outer variable with a constant
/// delegate.</para>
/// <para>Binding by value is exact here: rule expressions cannot assign (the expression guard refuses assignment nodes),
/// and every lazily computed parameter a nested lambda reads is computed before the lambda is created
/// (<see cref="ParameterForcer"/>), so no variable a lambda reads changes after it is created. A lambda that assigns
/// to an outer variable anyway, or has another delegate shape, is left to the expression compiler.</para>
/// </remarks>
internal sealed class NestedLambdas : ExpressionVisitor
{
    private static readonly MethodInfo[] BindMethods =
    [
        typeof(BoundLambda).GetMethod(nameof(BoundLambda.Bind1))!,
        typeof(BoundLambda).GetMethod(nameof(BoundLambda.Bind2))!,
        typeof(BoundLambda).GetMethod(nameof(BoundLambda.Bind3))!,
    ];

    private int _depth;

    /// <summary>Rewrites the nested lambdas of <paramref name="lambda"/> (not <paramref name="lambda"/> itself).</summary>
    public static Expression<T> Rewrite<T>(Expression<T> lambda)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        var visitor = new NestedLambdas { _depth = 1 };
        var body = visitor.Visit(lambda.Body);
        return Expression.Lambda<T>(body, lambda.Name, lambda.TailCall, lambda.Parameters);
    }

    /// <summary>Rewrites the nested lambdas of <paramref name="lambda"/> (not <paramref name="lambda"/> itself), any delegate type.</summary>
    public static LambdaExpression Rewrite(LambdaExpression lambda)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        var visitor = new NestedLambdas { _depth = 1 };
        var body = visitor.Visit(lambda.Body);
        return Expression.Lambda(lambda.Type, body, lambda.Name, lambda.TailCall, lambda.Parameters);
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        _depth++;
        Expression body;
        try
        {
            body = Visit(node.Body);
        }
        finally
        {
            _depth--;
        }

        var lambda = ReferenceEquals(body, node.Body) ? node : Expression.Lambda<T>(body, node.Name, node.TailCall, node.Parameters);
        if (!IsFunc(typeof(T), out var arity))
        {
            return lambda;
        }

        var free = FreeVariables.Find(lambda);
        if (free is null)
        {
            // Assigns to an outer variable: binding by value would change its meaning.
            return lambda;
        }

        if (free.Count == 0)
        {
            var constant = Activator.CreateInstance(typeof(LazyLambda<>).MakeGenericType(typeof(T)), lambda)!;
            return Expression.Property(Expression.Constant(constant), "Value");
        }

        var env = Expression.Parameter(typeof(object[]), "env");
        var replacements = new Dictionary<ParameterExpression, Expression>(free.Count);
        for (var i = 0; i < free.Count; i++)
        {
            replacements[free[i]] = Expression.Convert(Expression.ArrayIndex(env, Expression.Constant(i)), free[i].Type);
        }

        var types = typeof(T).GetGenericArguments();
        var bodyType = Expression.GetFuncType([typeof(object[]), .. types]);
        var bound = Expression.Lambda(bodyType, new Replacer(replacements).Visit(lambda.Body), [env, .. lambda.Parameters]);
        var slot = Activator.CreateInstance(typeof(LazyLambda<>).MakeGenericType(bodyType), bound)!;
        var values = Expression.NewArrayInit(typeof(object), free.Select(f => f.Type.IsValueType ? Expression.Convert(f, typeof(object)) : (Expression)f));
        return Expression.Call(BindMethods[arity - 1].MakeGenericMethod(types), Expression.Property(Expression.Constant(slot), "Value"), values);
    }

    private static bool IsFunc(Type type, out int arity)
    {
        arity = 0;
        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        arity = definition == typeof(Func<,>) ? 1 : definition == typeof(Func<,,>) ? 2 : definition == typeof(Func<,,,>) ? 3 : 0;
        return arity > 0;
    }

    /// <summary>The variables a lambda reads from outside itself, in first-use order; <see langword="null"/> when it assigns to one.</summary>
    private sealed class FreeVariables : ExpressionVisitor
    {
        private readonly List<ParameterExpression> _free = [];
        private readonly HashSet<ParameterExpression> _declared = [];
        private bool _assignsOuter;

        public static List<ParameterExpression>? Find(LambdaExpression lambda)
        {
            var finder = new FreeVariables();
            finder._declared.UnionWith(lambda.Parameters);
            finder.Visit(lambda.Body);
            return finder._assignsOuter ? null : finder._free;
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            _declared.UnionWith(node.Parameters);
            return base.VisitLambda(node);
        }

        protected override Expression VisitBlock(BlockExpression node)
        {
            _declared.UnionWith(node.Variables);
            return base.VisitBlock(node);
        }

        protected override CatchBlock VisitCatchBlock(CatchBlock node)
        {
            if (node.Variable is not null)
            {
                _declared.Add(node.Variable);
            }

            return base.VisitCatchBlock(node);
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.Left is ParameterExpression target && IsAssignment(node.NodeType) && !_declared.Contains(target))
            {
                _assignsOuter = true;
            }

            return base.VisitBinary(node);
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (node.Operand is ParameterExpression target && node.NodeType is ExpressionType.PreIncrementAssign or ExpressionType.PreDecrementAssign
                or ExpressionType.PostIncrementAssign or ExpressionType.PostDecrementAssign && !_declared.Contains(target))
            {
                _assignsOuter = true;
            }

            return base.VisitUnary(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (!_declared.Contains(node) && !_free.Contains(node))
            {
                _free.Add(node);
            }

            return node;
        }

        private static bool IsAssignment(ExpressionType type) => type is ExpressionType.Assign or ExpressionType.AddAssign
            or ExpressionType.AddAssignChecked or ExpressionType.SubtractAssign or ExpressionType.SubtractAssignChecked
            or ExpressionType.MultiplyAssign or ExpressionType.MultiplyAssignChecked or ExpressionType.DivideAssign
            or ExpressionType.ModuloAssign or ExpressionType.AndAssign or ExpressionType.OrAssign
            or ExpressionType.ExclusiveOrAssign or ExpressionType.LeftShiftAssign or ExpressionType.RightShiftAssign
            or ExpressionType.PowerAssign;
    }

    private sealed class Replacer(Dictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node)
            => replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }
}

/// <summary>
/// A nested lambda compiled on first use (compiling is mostly JIT time, and many lambdas of a rule set are reached only by
/// some claims); thread-safe, and a lambda compiled twice by a race is the same code.
/// </summary>
internal sealed class LazyLambda<TDelegate>(Expression<TDelegate> expression)
    where TDelegate : Delegate
{
    private TDelegate? _compiled;

    public TDelegate Value => Volatile.Read(ref _compiled) ?? LazyInitializer.EnsureInitialized(ref _compiled, expression.Compile);
}

/// <summary>Binds a lambda compiled once to the values it reads (see <see cref="NestedLambdas"/>).</summary>
internal static class BoundLambda
{
    public static Func<T1, TResult> Bind1<T1, TResult>(Func<object[], T1, TResult> body, object[] env)
        => new Closure1<T1, TResult>(body, env).Invoke;

    public static Func<T1, T2, TResult> Bind2<T1, T2, TResult>(Func<object[], T1, T2, TResult> body, object[] env)
        => new Closure2<T1, T2, TResult>(body, env).Invoke;

    public static Func<T1, T2, T3, TResult> Bind3<T1, T2, T3, TResult>(Func<object[], T1, T2, T3, TResult> body, object[] env)
        => new Closure3<T1, T2, T3, TResult>(body, env).Invoke;

    private sealed class Closure1<T1, TResult>(Func<object[], T1, TResult> body, object[] env)
    {
        public TResult Invoke(T1 a) => body(env, a);
    }

    private sealed class Closure2<T1, T2, TResult>(Func<object[], T1, T2, TResult> body, object[] env)
    {
        public TResult Invoke(T1 a, T2 b) => body(env, a, b);
    }

    private sealed class Closure3<T1, T2, T3, TResult>(Func<object[], T1, T2, T3, TResult> body, object[] env)
    {
        public TResult Invoke(T1 a, T2 b, T3 c) => body(env, a, b, c);
    }
}
