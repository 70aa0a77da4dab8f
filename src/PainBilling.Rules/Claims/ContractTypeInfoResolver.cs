using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PainBilling.Rules.Claims;

/// <summary>
/// Contracts for this library's types only (claims, evaluations, findings and their enums), strict whatever the
/// host's <see cref="JsonSerializerOptions"/>: camelCase member names, unknown members rejected, numbers only as JSON
/// numbers, enums as names (never integers), nulls left out on write. Other types fall through to the next resolver
/// in the host's chain.
/// </summary>
internal sealed class ContractTypeInfoResolver : IJsonTypeInfoResolver
{
    private static readonly Assembly Contract = typeof(Claim).Assembly;

    private static readonly MethodInfo CreateValueInfo = typeof(JsonMetadataServices).GetMethod(nameof(JsonMetadataServices.CreateValueInfo))!;

    private readonly DefaultJsonTypeInfoResolver _inner = new();

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Assembly != Contract || !type.IsPublic)
        {
            return null;
        }

        if (type.IsEnum)
        {
            var converter = new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false).CreateConverter(type, options);
            return (JsonTypeInfo)CreateValueInfo.MakeGenericMethod(type).Invoke(null, [options, converter])!;
        }

        var info = _inner.GetTypeInfo(type, options);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return info;
        }

        info.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        info.NumberHandling = JsonNumberHandling.Strict;
        foreach (var property in info.Properties)
        {
            // Presence of required members is checked by ClaimShapeValidator so that every problem names its path.
            property.IsRequired = false;
            property.NumberHandling = JsonNumberHandling.Strict;
            if (property.AttributeProvider is MemberInfo member)
            {
                property.Name = JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            }

            if (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null)
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
        }

        return info;
    }
}
