using System.Linq.Expressions;
using FluentAssertions;
using PainBilling.Rules.Engine;
using Xunit;

namespace PainBilling.Rules.Tests.Engine;

/// <summary>
/// The rewrite that compiles a unit's nested lambdas once and binds them to the values they read must compute exactly
/// what the expression compiler computes without it.
/// </summary>
public sealed class NestedLambdaTests
{
    [Fact]
    public void Lambdas_reading_outer_parameters_and_variables_give_the_same_results()
    {
        // (codes, prefix) => { var min = prefix.Length; return codes.Where(c => c.StartsWith(prefix) && c.Length > min)
        //                                                          .Select(c => codes.Count(d => d == c) * min).Sum(); }
        var codes = Expression.Parameter(typeof(string[]), "codes");
        var prefix = Expression.Parameter(typeof(string), "prefix");
        var min = Expression.Variable(typeof(int), "min");
        var c = Expression.Parameter(typeof(string), "c");
        var d = Expression.Parameter(typeof(string), "d");
        var where = Expression.Lambda<Func<string, bool>>(
            Expression.AndAlso(
                Expression.Call(c, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, prefix),
                Expression.GreaterThan(Expression.Property(c, nameof(string.Length)), min)),
            c);
        var count = Expression.Call(
            typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string)),
            codes,
            Expression.Lambda<Func<string, bool>>(Expression.Equal(d, c), d));
        var select = Expression.Lambda<Func<string, int>>(Expression.Multiply(count, min), c);
        var body = Expression.Block(
            [min],
            Expression.Assign(min, Expression.Property(prefix, nameof(string.Length))),
            Expression.Call(
                typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Sum) && m.GetParameters().Length == 1 && m.GetParameters()[0].ParameterType == typeof(IEnumerable<int>)),
                Expression.Call(
                    typeof(Enumerable).GetMethods().First(m => m.Name == nameof(Enumerable.Select) && m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2).MakeGenericMethod(typeof(string), typeof(int)),
                    Expression.Call(
                        typeof(Enumerable).GetMethods().First(m => m.Name == nameof(Enumerable.Where) && m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2).MakeGenericMethod(typeof(string)),
                        codes,
                        where),
                    select)));
        var lambda = Expression.Lambda<Func<string[], string, int>>(body, codes, prefix);

        var plain = lambda.Compile();
        var rewritten = NestedLambdas.Rewrite(lambda).Compile();

        string[][] inputs = [[], ["64483", "64484", "64483", "6448"], ["J1030", "64483", "64483X"], ["99213"]];
        foreach (var input in inputs)
        {
            foreach (var start in new[] { "6448", "64483", "", "J" })
            {
                rewritten(input, start).Should().Be(plain(input, start), "codes {0}, prefix '{1}'", string.Join(",", input), start);
            }
        }

        plain(["64483", "64484", "64483"], "6448").Should().Be(4 * 2 + 4 * 2 + 4 * 1, "the test itself computes something");
    }

    [Fact]
    public void Nested_lambdas_are_replaced_and_a_lambda_that_assigns_an_outer_variable_is_left_alone()
    {
        var x = Expression.Parameter(typeof(int), "x");
        var total = Expression.Variable(typeof(int), "total");
        var y = Expression.Parameter(typeof(int), "y");

        // A lambda that reads x: replaced by a bound, precompiled delegate (no LambdaExpression left in the tree).
        var reads = Expression.Lambda<Func<int, Func<int, int>>>(Expression.Lambda<Func<int, int>>(Expression.Add(x, y), y), x);
        var rewrittenReads = NestedLambdas.Rewrite(reads);
        LambdaCount(rewrittenReads.Body).Should().Be(0);
        rewrittenReads.Compile()(40)(2).Should().Be(42);

        // A lambda that assigns total (outside it): kept as a lambda, so the assignment is still seen outside.
        var assigns = Expression.Lambda<Func<int, int>>(
            Expression.Block(
                [total],
                Expression.Invoke(Expression.Lambda<Func<int, int>>(Expression.Assign(total, Expression.Add(x, y)), y), Expression.Constant(2)),
                total),
            x);
        var rewrittenAssigns = NestedLambdas.Rewrite(assigns);
        LambdaCount(rewrittenAssigns.Body).Should().Be(1);
        rewrittenAssigns.Compile()(40).Should().Be(42);
    }

    private static int LambdaCount(Expression expression)
    {
        var counter = new LambdaCounter();
        counter.Visit(expression);
        return counter.Count;
    }

    private sealed class LambdaCounter : ExpressionVisitor
    {
        public int Count { get; private set; }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            Count++;
            return base.VisitLambda(node);
        }
    }
}
