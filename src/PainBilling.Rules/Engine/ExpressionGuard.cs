using System.Collections.Frozen;
using System.Linq.Dynamic.Core;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using PainBilling.Rules.Expressions;
using PainBilling.Rules.RuleSets;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace PainBilling.Rules.Engine;

/// <summary>
/// Guards rule expressions by their parsed expression tree, not their text: every expression is parsed with the same
/// parser and settings RulesEngine uses, and every node of the tree (its type, constructor, member and method) must be
/// on an explicit allow-list. Spelling tricks (<c>gettype()</c>), literal tricks (<c>'"'</c>) and aliases cannot get
/// past it, because the tree names the real members.
/// </summary>
/// <remarks>
/// What expressions may reach: the claim views and <see cref="RuleData"/> (<see cref="RuleExpressionTypes"/>), primitive
/// values, <see cref="string"/>, <see cref="DateOnly"/>, nullable values, the LINQ operators listed in
/// <see cref="EnumerableMethods"/> and the string, number and date members listed below. Refused, among others:
/// reflection (<c>GetType</c>, <see cref="Type"/>, <see cref="Assembly"/>), clocks and randomness, environment and IO,
/// delegates invoked dynamically, unbounded generators (<c>Enumerable.Range</c>, <c>Repeat</c>, <c>PadLeft</c>,
/// <c>PadRight</c>, <c>new string(char, n)</c>, <c>Aggregate</c>), array allocation by size and every constructor, and
/// members of <see cref="object"/> other than <c>Equals</c> and <c>ToString</c>.
/// Before parsing, an expression's length and bracket depth are bounded so that the recursive parser cannot overflow
/// the stack; after parsing, the tree's depth is bounded too.
/// </remarks>
internal static class ExpressionGuard
{
    /// <summary>The longest expression accepted, in characters.</summary>
    public const int MaxExpressionLength = 4000;

    /// <summary>The deepest nesting of brackets accepted before parsing.</summary>
    public const int MaxBracketDepth = 32;

    /// <summary>The deepest expression tree accepted after parsing.</summary>
    public const int MaxTreeDepth = 200;

    /// <summary>The most GlobalParams of one rule set, and LocalParams of one rule.</summary>
    public const int MaxParams = 64;

    /// <summary>LINQ operators an expression may use (all bounded by the size of the claim's lists).</summary>
    internal static readonly FrozenSet<string> EnumerableMethods = new[]
    {
        "All", "Any", "Append", "Average", "Cast", "Concat", "Contains", "Count", "DefaultIfEmpty", "Distinct", "ElementAt",
        "ElementAtOrDefault", "Except", "First", "FirstOrDefault", "GroupBy", "Intersect", "Last", "LastOrDefault", "LongCount",
        "Max", "Min", "OfType", "OrderBy", "OrderByDescending", "Prepend", "Reverse", "Select", "SelectMany", "SequenceEqual",
        "Single", "SingleOrDefault", "Skip", "SkipWhile", "Sum", "Take", "TakeWhile", "ThenBy", "ThenByDescending", "ToArray",
        "ToList", "ToHashSet", "Union", "Where", "Empty",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>String members an expression may use (none can grow a string beyond its inputs' lengths).</summary>
    internal static readonly FrozenSet<string> StringMethods = new[]
    {
        "Contains", "StartsWith", "EndsWith", "IndexOf", "LastIndexOf", "Substring", "ToUpper", "ToUpperInvariant", "ToLower",
        "ToLowerInvariant", "Trim", "TrimStart", "TrimEnd", "Equals", "Compare", "CompareOrdinal", "CompareTo", "IsNullOrEmpty",
        "IsNullOrWhiteSpace", "Concat", "Join", "Split", "ToString", "get_Chars", "get_Length", "op_Equality", "op_Inequality",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> MathMethods = new[]
    {
        "Abs", "Max", "Min", "Round", "Floor", "Ceiling", "Sign", "Truncate",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> DateMethods = new[]
    {
        "AddDays", "AddMonths", "AddYears", "CompareTo", "Equals", "ToString", "FromDayNumber",
        "op_Equality", "op_Inequality", "op_LessThan", "op_LessThanOrEqual", "op_GreaterThan", "op_GreaterThanOrEqual",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> DateMembers = new[]
    {
        "Year", "Month", "Day", "DayNumber", "DayOfYear", "DayOfWeek", "MinValue", "MaxValue",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NumberMethods = new[]
    {
        "CompareTo", "Equals", "ToString", "Parse", "GetValueOrDefault",
        "op_Addition", "op_Subtraction", "op_Multiply", "op_Division", "op_Modulus", "op_UnaryNegation", "op_UnaryPlus",
        "op_Equality", "op_Inequality", "op_LessThan", "op_LessThanOrEqual", "op_GreaterThan", "op_GreaterThanOrEqual",
        "op_Implicit", "op_Explicit", "op_Increment", "op_Decrement",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ConvertMethods = new[]
    {
        "ToInt32", "ToInt64", "ToDecimal", "ToDouble", "ToString", "ToBoolean",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<Type> ScalarTypes = new[]
    {
        typeof(bool), typeof(char), typeof(string), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int),
        typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(DateOnly), typeof(DayOfWeek),
        typeof(object), typeof(void),
    }.ToFrozenSet();

    private static readonly FrozenSet<Type> CollectionTypes = new[]
    {
        typeof(IEnumerable<>), typeof(IReadOnlyList<>), typeof(IReadOnlyCollection<>), typeof(IList<>), typeof(ICollection<>),
        typeof(List<>), typeof(IOrderedEnumerable<>), typeof(IGrouping<,>), typeof(HashSet<>), typeof(ISet<>), typeof(IReadOnlySet<>),
        typeof(Nullable<>), typeof(Func<>), typeof(Func<,>), typeof(Func<,,>), typeof(Func<,,,>), typeof(IEqualityComparer<>),
        typeof(IComparer<>),
    }.ToFrozenSet();

    private static readonly FrozenSet<string> CollectionMembers = new[]
    {
        "Count", "get_Item", "Item", "Contains", "IndexOf", "Key", "HasValue", "Value", "GetValueOrDefault", "Length",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<Type> ViewTypes = RuleExpressionTypes.All.ToFrozenSet();

    /// <summary>
    /// Parses every expression of every rule set with the engine's own parser and settings and checks its tree against
    /// the allow-list (<see cref="ExpressionGuard"/>). Every refused expression is reported, with its file and rule, in
    /// file order. Rule sets are checked in parallel (one parser each), on threads with <see cref="LargeStack"/>'s stack.
    /// </summary>
    /// <returns>The parsed trees, for the compiled path to reuse instead of parsing every expression again.</returns>
    public static ParsedExpressions CheckAll(LoadedRules rules, ReSettings settings)
    {
        var errors = rules.NewErrors();
        var found = new List<(string File, string? RuleId, string Reason)>[rules.RuleSets.Count];
        var parsed = new ParsedExpressions();
        LargeStackParallel(rules.RuleSets.Count, i => found[i] = CheckSet(rules.RuleSets[i], new RuleExpressionParser(settings), parsed));
        foreach (var (file, ruleId, reason) in found.SelectMany(f => f))
        {
            errors.Add(file, ruleId, reason);
        }

        errors.ThrowIfAny();
        return parsed;
    }

    /// <summary>
    /// Runs <paramref name="body"/> for 0..<paramref name="count"/>-1 on up to one thread per core, each with the stack
    /// of <see cref="LargeStack"/>; the first exception (by index) is rethrown as it was thrown.
    /// </summary>
    public static void LargeStackParallel(int count, Action<int> body)
    {
        var workers = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, count));
        var next = -1;
        var failures = new Exception?[count];
        var threads = new Thread[workers];
        for (var w = 0; w < workers; w++)
        {
            threads[w] = new Thread(
                () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < count)
                    {
                        try
                        {
                            body(i);
                        }
#pragma warning disable CA1031 // Any failure is handed back to the calling thread.
                        catch (Exception ex)
#pragma warning restore CA1031
                        {
                            failures[i] = ex;
                        }
                    }
                },
                LargeStackSize) { IsBackground = true, Name = "PainBilling.Rules load" };
            threads[w].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failures.FirstOrDefault(f => f is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    private static List<(string File, string? RuleId, string Reason)> CheckSet(LoadedRuleSet set, RuleExpressionParser parser, ParsedExpressions parsed)
    {
        var errors = new List<(string File, string? RuleId, string Reason)>();
        {
            if (set.GlobalParams.Count > MaxParams)
            {
                errors.Add((set.File, null, $"GlobalParams declares {set.GlobalParams.Count} parameters; at most {MaxParams} are allowed"));
                return errors;
            }

            var scope = new List<ParameterExpression>
            {
                Expression.Parameter(typeof(ClaimView), "claim"),
                Expression.Parameter(typeof(LineView), "line"),
                Expression.Parameter(typeof(RuleData), "data"),
            };
            var globalsOk = true;
            foreach (var param in set.GlobalParams)
            {
                if (!Check(set, null, param.Name, $"GlobalParam '{param.Name}'", param.Expression, scope, null, out var type))
                {
                    globalsOk = false;
                    break;
                }

                scope.Add(Expression.Parameter(type, param.Name));
            }

            if (!globalsOk)
            {
                return errors;
            }

            foreach (var rule in set.Rules)
            {
                if (rule.LocalParams.Count > MaxParams)
                {
                    errors.Add((set.File, rule.RuleId, $"LocalParams declares {rule.LocalParams.Count} parameters; at most {MaxParams} are allowed"));
                    continue;
                }

                var local = new List<ParameterExpression>(scope);
                var localsOk = true;
                foreach (var param in rule.LocalParams)
                {
                    if (!Check(set, rule.RuleId, param.Name, $"LocalParam '{param.Name}'", param.Expression, local, null, out var type))
                    {
                        localsOk = false;
                        break;
                    }

                    local.Add(Expression.Parameter(type, param.Name));
                }

                if (localsOk)
                {
                    Check(set, rule.RuleId, null, "Expression", rule.Expression, local, typeof(bool), out _);
                }
            }
        }

        return errors;

        bool Check(LoadedRuleSet set, string? ruleId, string? name, string what, string expression, List<ParameterExpression> scope, Type? returnType, out Type type)
        {
            try
            {
                var lambda = Parse(parser, expression, scope.ToArray(), returnType);
                parsed.Add(set, ruleId, name, lambda);
                type = lambda.ReturnType;
                return true;
            }
            catch (ExpressionRefusedException ex)
            {
                errors.Add((set.File, ruleId, $"{what} {ex.Message}"));
                type = typeof(object);
                return false;
            }
        }
    }

    /// <summary>Checks an expression's text before it is parsed: length and bracket depth.</summary>
    /// <returns>The reason it is refused, or <see langword="null"/>.</returns>
    public static string? CheckText(string expression)
    {
        if (expression.Length > MaxExpressionLength)
        {
            return $"the expression is {expression.Length} characters long; at most {MaxExpressionLength} are allowed (split it into GlobalParams or LocalParams)";
        }

        var depth = 0;
        var inString = false;
        char quote = '\0';
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    inString = true;
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    if (++depth > MaxBracketDepth)
                    {
                        return $"brackets are nested more than {MaxBracketDepth} deep";
                    }

                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// Parses one expression with the engine's own parser and checks every node of its tree.
    /// Must run on a thread with a large stack (see <see cref="LargeStack"/>).
    /// </summary>
    /// <param name="parser">RulesEngine's parser, configured as the engine is.</param>
    /// <param name="expression">The expression text.</param>
    /// <param name="parameters">The parameters in scope: claim, line, data, then earlier params.</param>
    /// <param name="returnType">The required result type, or <see langword="null"/> to infer it.</param>
    /// <returns>The parsed lambda.</returns>
    /// <exception cref="ExpressionRefusedException">The expression is refused; the message says why.</exception>
    public static LambdaExpression Parse(RuleExpressionParser parser, string expression, ParameterExpression[] parameters, Type? returnType)
    {
        if (CheckText(expression) is { } textProblem)
        {
            throw new ExpressionRefusedException(textProblem);
        }

        LambdaExpression lambda;
        try
        {
            var parsed = parser.Parse(expression, parameters, returnType!);
            lambda = parsed as LambdaExpression ?? Expression.Lambda(parsed, parameters);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            throw new ExpressionRefusedException("does not compile: " + FirstLine(ex.Message));
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ExpressionRefusedException($"is nested too deeply to parse");
        }

        new TreeWalker().Check(lambda.Body);
        return lambda;
    }

    /// <summary>The stack of the threads that load rules (parsing is recursive; the guard's limits keep it well inside).</summary>
    private const int LargeStackSize = 64 * 1024 * 1024;

    /// <summary>Runs <paramref name="work"/> on a thread with a known, large stack, and returns its result or rethrows its exception.</summary>
    public static T LargeStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // Any failure is handed back to the calling thread.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ex;
                }
            },
            maxStackSize: LargeStackSize)
        {
            IsBackground = true,
            Name = "PainBilling.Rules loader",
        };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return result;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private static bool IsAllowedType(Type type)
    {
        if (ScalarTypes.Contains(type) || ViewTypes.Contains(type) || typeof(DynamicClass).IsAssignableFrom(type))
        {
            return true;
        }

        if (type.IsArray)
        {
            return type.GetArrayRank() == 1 && IsAllowedType(type.GetElementType()!);
        }

        if (type.IsGenericType && CollectionTypes.Contains(type.GetGenericTypeDefinition()))
        {
            return type.GetGenericArguments().All(IsAllowedType);
        }

        // Dynamic LINQ's own enumerable wrappers and compiler-generated closures never appear in a parsed tree;
        // anything else (Type, Assembly, MethodInfo, Stream, Process…) is refused.
        return false;
    }

    private static string Describe(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick > 0 ? name[..tick] : name) + "<" + string.Join(", ", type.GetGenericArguments().Select(Describe)) + ">";
    }

    private static bool IsAllowedMethod(MethodInfo method)
    {
        var declaring = method.DeclaringType!;
        var name = method.Name;
        if (declaring == typeof(Enumerable))
        {
            return EnumerableMethods.Contains(name);
        }

        if (ViewTypes.Contains(declaring))
        {
            return method.IsPublic && !method.IsStatic && declaring.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Contains(method)
                   && name is not ("GetType" or "MemberwiseClone" or "Deconstruct" or "<Clone>$" or "GetHashCode" or "PrintMembers");
        }

        if (declaring == typeof(string))
        {
            return StringMethods.Contains(name);
        }

        if (declaring == typeof(object))
        {
            return name is "Equals" or "ToString";
        }

        if (declaring == typeof(Math))
        {
            return MathMethods.Contains(name);
        }

        if (declaring == typeof(Convert))
        {
            return ConvertMethods.Contains(name);
        }

        if (declaring == typeof(DateOnly))
        {
            return DateMethods.Contains(name);
        }

        if (declaring.IsPrimitive || declaring == typeof(decimal) || (declaring.IsGenericType && declaring.GetGenericTypeDefinition() == typeof(Nullable<>)))
        {
            return NumberMethods.Contains(name) || name is "get_Value" or "get_HasValue";
        }

        if (declaring.IsGenericType && CollectionTypes.Contains(declaring.GetGenericTypeDefinition()))
        {
            return CollectionMembers.Contains(name) || name is "get_Count" or "get_Key";
        }

        return false;
    }

    private static bool IsAllowedMember(MemberInfo member)
    {
        var declaring = member.DeclaringType!;
        if (ViewTypes.Contains(declaring) || typeof(DynamicClass).IsAssignableFrom(declaring))
        {
            return member is PropertyInfo { GetMethod.IsPublic: true } || member is FieldInfo { IsPublic: true, IsStatic: false };
        }

        if (declaring == typeof(string))
        {
            return member.Name is "Length" or "Empty";
        }

        if (declaring == typeof(DateOnly))
        {
            return DateMembers.Contains(member.Name);
        }

        if (declaring.IsPrimitive || declaring == typeof(decimal))
        {
            return member.Name is "MaxValue" or "MinValue" or "Zero" or "One" or "MinusOne";
        }

        if (declaring.IsGenericType && CollectionTypes.Contains(declaring.GetGenericTypeDefinition()))
        {
            return CollectionMembers.Contains(member.Name);
        }

        if (declaring.IsArray || declaring == typeof(Array))
        {
            return member.Name is "Length";
        }

        return false;
    }

    /// <summary>Walks a parsed tree and refuses the first node that is not on the allow-list.</summary>
    private sealed class TreeWalker : ExpressionVisitor
    {
        private static readonly MethodInfo MatchesMethod = typeof(RuleData).GetMethod(nameof(RuleData.Matches))!;
        private int _depth;

        public void Check(Expression body)
        {
            Visit(body);
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is null)
            {
                return null;
            }

            if (++_depth > MaxTreeDepth)
            {
                throw new ExpressionRefusedException($"is nested more than {MaxTreeDepth} levels deep");
            }

            try
            {
                switch (node.NodeType)
                {
                    case ExpressionType.Invoke or ExpressionType.Dynamic or ExpressionType.Extension or ExpressionType.Block
                        or ExpressionType.Loop or ExpressionType.Goto or ExpressionType.Try or ExpressionType.Assign
                        or ExpressionType.NewArrayBounds or ExpressionType.ListInit or ExpressionType.MemberInit
                        or ExpressionType.Throw or ExpressionType.Quote or ExpressionType.RuntimeVariables
                        or ExpressionType.Index or ExpressionType.DebugInfo or ExpressionType.Label or ExpressionType.Switch:
                        throw new ExpressionRefusedException($"uses a {node.NodeType} expression, which rule expressions may not use");
                }

                var visited = base.Visit(node);

                // After the children, so that the innermost offending member is the one named.
                if (!IsAllowedType(node.Type))
                {
                    throw new ExpressionRefusedException($"produces a value of type {Describe(node.Type)}, which rule expressions may not use");
                }

                return visited;
            }
            finally
            {
                _depth--;
            }
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            // Children first, so that the innermost offending member is the one named ("".GetType().Assembly → GetType).
            Visit(node.Object);
            Visit(node.Arguments);
            if (!IsAllowedMethod(node.Method))
            {
                throw new ExpressionRefusedException($"calls {Describe(node.Method.DeclaringType!)}.{node.Method.Name}, which rule expressions may not call");
            }

            if (node.Method == MatchesMethod)
            {
                if (node.Arguments[1] is not ConstantExpression { Value: string pattern })
                {
                    throw new ExpressionRefusedException("data.Matches needs its pattern as a string literal (patterns are compiled once, when the rules load)");
                }

                try
                {
                    RuleData.CompilePattern(pattern);
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
                {
                    throw new ExpressionRefusedException($"data.Matches pattern \"{pattern}\" is not a valid non-backtracking regular expression: {FirstLine(ex.Message)}");
                }
            }

            return node;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            Visit(node.Expression);
            if (!IsAllowedMember(node.Member))
            {
                throw new ExpressionRefusedException($"reads {Describe(node.Member.DeclaringType!)}.{node.Member.Name}, which rule expressions may not read");
            }

            return node;
        }

        protected override Expression VisitNew(NewExpression node)
        {
            if (!typeof(DynamicClass).IsAssignableFrom(node.Type))
            {
                throw new ExpressionRefusedException($"constructs {Describe(node.Type)}, which rule expressions may not construct");
            }

            return base.VisitNew(node);
        }

        protected override Expression VisitBinary(BinaryExpression node)
        {
            if (node.Method is { } method && !IsAllowedMethod(method))
            {
                throw new ExpressionRefusedException($"uses operator {Describe(method.DeclaringType!)}.{method.Name}, which rule expressions may not use");
            }

            return base.VisitBinary(node);
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (node.Method is { } method && !IsAllowedMethod(method))
            {
                throw new ExpressionRefusedException($"uses operator {Describe(method.DeclaringType!)}.{method.Name}, which rule expressions may not use");
            }

            return base.VisitUnary(node);
        }

        protected override Expression VisitTypeBinary(TypeBinaryExpression node)
        {
            if (!IsAllowedType(node.TypeOperand))
            {
                throw new ExpressionRefusedException($"tests for type {Describe(node.TypeOperand)}, which rule expressions may not use");
            }

            return base.VisitTypeBinary(node);
        }
    }
}

/// <summary>An expression refused by <see cref="ExpressionGuard"/>; the message completes "expression ...".</summary>
internal sealed class ExpressionRefusedException : Exception
{
    public ExpressionRefusedException(string reason)
        : base(reason)
    {
    }

    public ExpressionRefusedException()
    {
    }

    public ExpressionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The trees the expression guard parsed, by rule set, rule and parameter: the compiled path rebinds them to its own
/// variables instead of parsing every expression a second time (parsing is most of a load's time).
/// </summary>
internal sealed class ParsedExpressions
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(LoadedRuleSet Set, string RuleId, string Name), LambdaExpression> _trees = new();

    public void Add(LoadedRuleSet set, string? ruleId, string? name, LambdaExpression lambda) => _trees[(set, ruleId ?? string.Empty, name ?? string.Empty)] = lambda;

    /// <summary>
    /// The tree of a GlobalParam (<paramref name="ruleId"/> null), a LocalParam, or a rule's expression (<paramref name="name"/>
    /// null), with its parameters replaced by <paramref name="scope"/> (same count and types, in order); null when there is none.
    /// </summary>
    public Expression? Rebound(LoadedRuleSet set, string? ruleId, string? name, IReadOnlyList<ParameterExpression> scope)
    {
        if (!_trees.TryGetValue((set, ruleId ?? string.Empty, name ?? string.Empty), out var lambda) || lambda.Parameters.Count != scope.Count)
        {
            return null;
        }

        var map = new Dictionary<ParameterExpression, ParameterExpression>(scope.Count);
        for (var i = 0; i < scope.Count; i++)
        {
            if (lambda.Parameters[i].Type != scope[i].Type)
            {
                return null;
            }

            map[lambda.Parameters[i]] = scope[i];
        }

        return new Rebinder(map).Visit(lambda.Body);
    }

    private sealed class Rebinder(Dictionary<ParameterExpression, ParameterExpression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
