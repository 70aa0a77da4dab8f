namespace PainBilling.Rules.Tests;

/// <summary>Conventions of the public surface, checked by reflection (after NodaTime's MutabilityTest).</summary>
public sealed class ApiShapeTests
{
    private static readonly Type[] PublicTypes = typeof(IClaimEvaluator).Assembly.GetExportedTypes();

    [Fact]
    public void Public_classes_are_sealed_static_or_deliberately_abstract()
    {
        PublicTypes.Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).Should().BeEmpty();
        PublicTypes.Where(t => t.IsClass && t.IsAbstract && !t.IsSealed).Select(t => t.Name).Should().BeEquivalentTo(["RulesSource"]);
    }

    [Fact]
    public void No_RulesEngine_type_appears_in_the_public_api()
    {
        var leaks = PublicTypes
            .SelectMany(t => t.GetMembers().Select(m => (Type: t, Member: m)))
            .Where(x => x.Member switch
            {
                System.Reflection.PropertyInfo p => IsEngineType(p.PropertyType),
                System.Reflection.MethodInfo m => IsEngineType(m.ReturnType) || m.GetParameters().Any(p => IsEngineType(p.ParameterType)),
                _ => false,
            })
            .Select(x => $"{x.Type.Name}.{x.Member.Name}");

        leaks.Should().BeEmpty();
    }

    [Fact]
    public void Result_types_are_immutable()
    {
        var evaluationTypes = PublicTypes.Where(t => t.Namespace == "PainBilling.Rules.Evaluations" && t.IsClass);
        evaluationTypes.SelectMany(t => t.GetProperties()).Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            .Should().BeEmpty();
    }

    private static bool IsEngineType(Type type) => type.Namespace?.StartsWith("RulesEngine", StringComparison.Ordinal) == true
        || (type.IsGenericType && type.GetGenericArguments().Any(IsEngineType));

    private static bool IsInitOnly(System.Reflection.MethodInfo setter)
        => setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
}
