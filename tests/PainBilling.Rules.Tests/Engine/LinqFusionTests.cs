using System.Linq.Expressions;
using FluentAssertions;
using PainBilling.Rules.Engine;
using Xunit;

namespace PainBilling.Rules.Tests.Engine;

/// <summary>
/// The rewrite that turns LINQ chains into loops must compute what <see cref="Enumerable"/> computes — values, early exits
/// and exceptions — for every shape it fuses, and must actually fuse them.
/// </summary>
public sealed class LinqFusionTests
{
    private static readonly int[][] Inputs = [[], [1], [3, 1, 2, 3, 2], [5, -4, 5, 0, 7, 7, -9], [int.MaxValue, 1], [.. Enumerable.Range(0, 45).Select(i => (i * 37) % 23)]];

    public static TheoryData<string> Shapes => new(Cases.Keys);

    private static readonly Dictionary<string, Expression<Func<IReadOnlyList<int>, object?>>> Cases = new()
    {
        ["Where.Select.Distinct.ToList"] = xs => xs.Where(x => x > 0).Select(x => x % 3).Distinct().ToList(),
        ["Where.Count"] = xs => xs.Where(x => x > 1).Count(),
        ["Count(pred)"] = xs => xs.Count(x => x != 5),
        ["Any()"] = xs => xs.Where(x => x < 0).Any(),
        ["Any(pred)"] = xs => xs.Any(x => x == 7),
        ["All(pred)"] = xs => xs.All(x => x != 0),
        ["First()"] = xs => xs.Where(x => x > 2).First(),
        ["First(pred)"] = xs => xs.First(x => x > 4),
        ["FirstOrDefault()"] = xs => xs.Where(x => x > 100).FirstOrDefault(),
        ["FirstOrDefault(pred)"] = xs => xs.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(s => s.Length > 1),
        ["Sum(sel)"] = xs => xs.Sum(x => x),
        ["Sum() long"] = xs => xs.Select(x => (long)x * 2).Sum(),
        ["Sum(sel) decimal?"] = xs => xs.Sum(x => x > 0 ? (decimal?)x : null),
        ["Max(sel)"] = xs => xs.Max(x => x),
        ["Min()"] = xs => xs.Where(x => x != 5).Min(),
        ["Max(sel) int?"] = xs => xs.Max(x => x > 2 ? (int?)x : null),
        ["SelectMany.Distinct.ToList"] = xs => xs.SelectMany(x => xs.Where(y => y <= x)).Distinct().ToList(),
        ["nested chains"] = xs => xs.Where(x => xs.Count(y => y == x) > 1).Select(x => xs.Where(y => y < x).Sum(y => y)).ToList(),
        ["Where.OrderBy.ToList (stable ties)"] = xs => xs.Where(x => x != 2).OrderBy(x => x % 3).ToList(),
        ["OrderByDescending.Select.FirstOrDefault"] = xs => xs.OrderByDescending(x => x % 4).Select(x => x * 10 + (x % 4)).FirstOrDefault(),
        ["Select.OrderBy.Select.Distinct.ToList"] = xs => xs.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(s => s.Length).Select(s => s + "!").Distinct().ToList(),
        ["SelectMany over an ordered inner sequence"] = xs => xs.Take(6).SelectMany(x => xs.Where(y => y < x).OrderBy(y => -y)).ToList(),
        ["SelectMany over lists behind a conversion"] = xs => xs.Select(x => new List<int> { x, -x }).SelectMany(l => (IEnumerable<int>)l).Where(y => y > 0).Sum(),
        ["array source"] = xs => xs.ToArray().Where(x => x > 0).Max(),
        ["list source"] = xs => xs.ToList().Select(x => -x).Min(),
        ["enumerable source"] = xs => xs.Skip(1).Where(x => x > 0).Count(),
        ["string source"] = xs => string.Join(",", xs).Count(c => c == ','),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_fused_chain_computes_what_Enumerable_computes(string shape)
    {
        var expression = Cases[shape];
        var fused = LinqFusion.Rewrite(expression);
        CountFusable(fused.Body).Should().Be(0, "every chain of this shape is fused");
        var plain = expression.Compile();
        var loop = fused.Compile();

        foreach (var input in Inputs)
        {
            var expected = Outcome(() => plain(input));
            var actual = Outcome(() => loop(input));
            actual.Should().Be(expected, $"{shape} on [{string.Join(",", input)}]");
        }
    }

    [Fact]
    public void A_null_source_throws_what_Enumerable_throws()
    {
        Expression<Func<IReadOnlyList<int>?, object?>> expression = xs => xs!.Where(x => x > 0).Count();
        var plain = Outcome(() => expression.Compile()(null));
        var fused = Outcome(() => LinqFusion.Rewrite(expression).Compile()(null));
        fused.Should().Be(plain).And.StartWith("ArgumentNullException");
    }

    [Fact]
    public void Chains_it_cannot_fuse_are_left_to_Enumerable()
    {
        Expression<Func<IReadOnlyList<int>, object?>> expression = xs => xs.OrderBy(x => x).Where((x, i) => i > 0).Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var fused = LinqFusion.Rewrite(expression);

        // The indexed Where stops the chain: Select and ToList fuse over it, OrderBy and the indexed Where stay.
        var names = new MethodNames();
        names.Visit(fused.Body);
        names.Names.Should().Equal("OrderBy", "Where");
        foreach (var input in Inputs)
        {
            Outcome(() => fused.Compile()(input)).Should().Be(Outcome(() => expression.Compile()(input)));
        }
    }

    [Fact]
    public void Statements_before_a_lambda_run_once_before_the_loop()
    {
        // Block(counter++, x => x > limit) as the predicate: the prefix runs once, before the first element is tested.
        var xs = Expression.Parameter(typeof(IReadOnlyList<int>), "xs");
        var counter = Expression.Variable(typeof(int), "counter");
        var x = Expression.Parameter(typeof(int), "x");
        var predicate = Expression.Block(Expression.PreIncrementAssign(counter), Expression.Lambda<Func<int, bool>>(Expression.GreaterThan(x, counter), x));
        var count = Expression.Call(
            typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(int)),
            xs,
            predicate);
        var lambda = Expression.Lambda<Func<IReadOnlyList<int>, int>>(
            Expression.Block([counter], Expression.Assign(counter, Expression.Constant(1)), Expression.Add(Expression.Multiply(Expression.Constant(100), count), counter)),
            xs);

        var fused = LinqFusion.Rewrite(lambda);
        CountFusable(fused.Body).Should().Be(0);
        fused.Compile()([1, 2, 3, 4]).Should().Be(lambda.Compile()([1, 2, 3, 4])).And.Be(202);
    }

    /// <summary>What a run gives, as text to compare: the value (lists item by item) or the exception's type and message.</summary>
    internal static string Outcome(Func<object?> run)
    {
        try
        {
            return run() switch
            {
                null => "null",
                System.Collections.IEnumerable list and not string => "[" + string.Join(",", list.Cast<object>()) + "]",
                var value => value.GetType().Name + ":" + value,
            };
        }
        catch (Exception ex)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    /// <summary>Calls of the terminals LinqFusion handles that are still in the tree.</summary>
    private static int CountFusable(Expression expression)
    {
        var counter = new TerminalCounter();
        counter.Visit(expression);
        return counter.Count;
    }

    private sealed class MethodNames : ExpressionVisitor
    {
        public List<string> Names { get; } = [];

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var result = base.VisitMethodCall(node);
            if (node.Method.DeclaringType == typeof(Enumerable))
            {
                Names.Add(node.Method.Name);
            }

            return result;
        }
    }

    private sealed class TerminalCounter : ExpressionVisitor
    {
        private static readonly HashSet<string> Fusable = ["ToList", "Count", "Any", "All", "First", "FirstOrDefault", "Sum", "Max", "Min", "Where", "Select", "SelectMany", "Distinct", "OrderBy", "OrderByDescending"];

        public int Count { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(Enumerable) && Fusable.Contains(node.Method.Name) && !IsSourceOnly(node))
            {
                Count++;
            }

            return base.VisitMethodCall(node);
        }

        // ToList(xs) in "list source" only gives the source another static type: not a chain to fuse.
        private static bool IsSourceOnly(MethodCallExpression node) => node.Method.Name is "ToList" && node.Arguments.Count == 1 && node.Arguments[0].NodeType == ExpressionType.Parameter;
    }
}
