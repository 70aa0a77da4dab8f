using System.Linq.Expressions;
using PainBilling.Rules.Engine;
using Xunit;
using Xunit.Abstractions;

namespace PainBilling.Rules.Tests.Engine;

/// <summary>
/// Edge cases found by an independent review of <see cref="LinqFusion"/>: where Enumerable answers from a count without
/// running selectors or keys, lambdas created inside a loop, null sources and inner sequences, lambda prefixes, overloads
/// whose second argument is not a lambda. Each compares the rewritten tree (alone, and followed by
/// <see cref="NestedLambdas"/> as the compiled path runs it) with Enumerable.
/// </summary>
public sealed class LinqFusionEdgeCaseTests(ITestOutputHelper output)
{
    private static readonly int[][] Inputs = [[], [0], [0, 1], [0, 5], [1, 0], [3, 1, 2], [5, -4, 5, 0, 7, 7, -9], [.. Enumerable.Range(0, 45).Select(i => (i * 37) % 23)]];

    public static TheoryData<string> Shapes => new(Cases.Keys);

    private static readonly Dictionary<string, Expression<Func<IReadOnlyList<int>, object?>>> Cases = new()
    {
        ["Select.Any()"] = xs => xs.Select(x => 10 / x).Any(),
        ["OrderBy.Count()"] = xs => xs.OrderBy(x => 10 / x).Count(),
        ["OrderBy.Any()"] = xs => xs.OrderBy(x => 10 / x).Any(),
        ["OrderBy.First(pred) keys"] = xs => xs.OrderBy(x => 10 / x).First(x => x != 0),
        ["OrderBy.FirstOrDefault(pred) order"] = xs => xs.OrderBy(x => -x).FirstOrDefault(x => 10 / x > 0),
        ["SelectMany(OrderBy).Count()"] = xs => xs.SelectMany(x => xs.OrderBy(y => 10 / y)).Count(),
        ["lazy inner Where captured"] = xs => xs.Select(x => xs.Where(y => y < x)).ToList().Select(s => s.Count()).ToList(),
        ["Func<int> captured"] = xs => xs.Select(x => (Func<int>)(() => x)).ToList().Select(f => f()).ToList(),
        ["Distinct.OrderBy strings"] = xs => xs.Select(x => x % 2 == 0 ? "b" + x : "B" + x).Distinct().OrderBy(s => s).ToList(),
        ["OrderBy null keys"] = xs => xs.OrderBy(x => x % 3 == 0 ? null : (int?)x).ToList(),
        ["Max int? all null"] = xs => xs.Max(x => (int?)null),
        ["Min long? some"] = xs => xs.Where(x => x > 2).Min(x => (long?)x),
        ["Sum long? overflow"] = xs => xs.Sum(x => (long?)long.MaxValue / 2 * (x == 0 ? 0 : 1)),
        ["First(pred) value"] = xs => xs.First(x => x > 100),
        ["FirstOrDefault(pred) value"] = xs => xs.FirstOrDefault(x => x < -100),
        ["SelectMany null"] = xs => xs.SelectMany(x => x == 0 ? null! : xs).Count(),
        ["SelectMany null inner stage"] = xs => xs.SelectMany(x => (x == 0 ? null! : xs).Where(y => y > 0)).Count(),
        ["SelectMany null ToList"] = xs => xs.SelectMany(x => x == 0 ? null! : xs).ToList(),
        ["SelectMany null Any"] = xs => xs.SelectMany(x => x == 0 ? null! : xs).Any(),
        ["SelectMany null Count(pred)"] = xs => xs.SelectMany(x => x == 0 ? null! : xs).Count(y => y > 0),
        ["SelectMany.Select.Count() null"] = xs => xs.SelectMany(x => x == 0 ? null! : xs).Select(y => y).Count(),
        ["Select.Select.Any()"] = xs => xs.Select(x => x + 1).Select(x => 10 / (x - 1)).Any(),
        ["Where.Select.Any()"] = xs => xs.Where(x => true).Select(x => 10 / x).Any(),
        ["Distinct.Select.Count()"] = xs => xs.Distinct().Select(x => 10 / x).Count(),
        ["decimal max scale"] = xs => xs.Select(x => x % 2 == 0 ? 1.00m : 1.0m).Max(),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fused_chain_matches_Enumerable(string shape)
    {
        var expression = Cases[shape];
        Check(shape, expression, Inputs);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fused_chain_with_bound_lambdas_matches_Enumerable(string shape)
    {
        var expression = Cases[shape];
        Check(shape, expression, Inputs, e => NestedLambdas.Rewrite(LinqFusion.Rewrite(e)));
    }

    /// <summary>Compares the expression compiled as written with it compiled after <paramref name="rewrite"/> (the fusion alone by default) on every input.</summary>
    private void Check<T>(string shape, Expression<Func<T, object?>> expression, IEnumerable<T> inputs, Func<Expression<Func<T, object?>>, Expression<Func<T, object?>>>? rewrite = null)
    {
        var plain = expression.Compile();
        var loop = (rewrite ?? LinqFusion.Rewrite)(expression).Compile();
        var failures = new List<string>();
        foreach (var input in inputs)
        {
            var expected = LinqFusionTests.Outcome(() => plain(input));
            var actual = LinqFusionTests.Outcome(() => loop(input));
            if (expected != actual) failures.Add($"[{(input is System.Collections.IEnumerable e ? string.Join(",", e.Cast<object>()) : input)}]: Enumerable={expected} | fused={actual}");
        }

        foreach (var f in failures) output.WriteLine(f);
        Assert.True(failures.Count == 0, shape + "\n" + string.Join("\n", failures));
    }

    [Fact]
    public void Null_source_with_throwing_prefix()
    {
        var xs = Expression.Parameter(typeof(IEnumerable<int>), "xs");
        var x = Expression.Parameter(typeof(int), "x");
        var predicate = Expression.Block(
            Expression.Throw(Expression.New(typeof(FormatException).GetConstructor([typeof(string)])!, Expression.Constant("prefix"))),
            Expression.Lambda<Func<int, bool>>(Expression.GreaterThan(x, Expression.Constant(0)), x));
        var where = Expression.Call(typeof(Enumerable).GetMethods().First(m => m.Name == "Where" && m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2).MakeGenericMethod(typeof(int)), xs, predicate);
        var count = Expression.Call(typeof(Enumerable).GetMethods().Single(m => m.Name == "Count" && m.GetParameters().Length == 1).MakeGenericMethod(typeof(int)), where);
        var lambda = Expression.Lambda<Func<IEnumerable<int>, object?>>(Expression.Convert(count, typeof(object)), xs);
        Check("null source + prefix", lambda, [null!]);
    }

    [Fact]
    public void FirstOrDefault_with_delegate_default_value()
    {
        var xs = Expression.Parameter(typeof(IEnumerable<Func<object, bool>>), "xs");
        var o = Expression.Parameter(typeof(object), "o");
        var dflt = Expression.Lambda<Func<object, bool>>(Expression.Constant(false), o);
        var method = typeof(Enumerable).GetMethods().Single(m => m.Name == "FirstOrDefault" && m.GetParameters().Length == 2 && m.GetParameters()[1].ParameterType.IsGenericParameter).MakeGenericMethod(typeof(Func<object, bool>));
        var call = Expression.Call(method, xs, dflt);
        var lambda = Expression.Lambda<Func<IEnumerable<Func<object, bool>>, object?>>(
            Expression.Condition(Expression.ReferenceEqual(call, Expression.Constant(null, typeof(Func<object, bool>))), Expression.Constant("null", typeof(object)), Expression.Constant("first-or-default delegate", typeof(object))), xs);
        Func<object, bool>[] one = [_ => true];
        Check("FirstOrDefault(source, defaultValue delegate)", lambda, [one]);
    }

    [Fact]
    public void Generic_Max_with_nullable_result()
    {
        var xs = Expression.Parameter(typeof(IReadOnlyList<int>), "xs");
        var x = Expression.Parameter(typeof(int), "x");
        var sel = Expression.Lambda<Func<int, int?>>(Expression.Condition(Expression.GreaterThan(x, Expression.Constant(2)), Expression.Convert(x, typeof(int?)), Expression.Constant(null, typeof(int?))), x);
        var max = typeof(Enumerable).GetMethods().Single(m => m.Name == "Max" && m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 2 && m.GetParameters().Length == 2).MakeGenericMethod(typeof(int), typeof(int?));
        var lambda = Expression.Lambda<Func<IReadOnlyList<int>, object?>>(Expression.Convert(Expression.Call(max, xs, sel), typeof(object)), xs);
        Assert.NotSame(lambda, LinqFusion.Rewrite(lambda));
        Check("generic Max int?", lambda, Inputs);
    }
}
